import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../util/errors.js';
import { writeFilesAtomically, type OutputFile } from './writeFilesAtomically.js';

/** Which command writes an output folder, from which inputs, and whether the user allowed writing anyway. */
export interface RunIdentity {
  /** The command ("run", "predict", "rfm", …, or "run --db URL --table T"). */
  readonly command: string;
  /** The input files (paths as given; compared resolved). */
  readonly inputs: readonly string[];
  /** Where the data came from when it is not a file: "demo", or a database table ("postgres://ana@db/shop#customers"). */
  readonly source?: string;
  /** `--force`: write into a folder that holds another input's outputs or other files (inputs are never overwritten). */
  readonly force?: boolean;
  /** `--excel`: CSV files start with a UTF-8 byte order mark, so Excel reads them as UTF-8 ("·", accents). */
  readonly excel?: boolean;
}

/** The UTF-8 byte order mark Excel needs to read a CSV file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

/** The CSV files among `files` with a UTF-8 byte order mark first (see `RunIdentity.excel`); other files as they are. */
function withExcelMarks(files: readonly OutputFile[]): OutputFile[] {
  return files.map((f) => {
    if (!f.name.endsWith('.csv')) return f;
    const c = f.content;
    if (typeof c === 'string') return { name: f.name, content: UTF8_BOM + c };
    if (c instanceof Uint8Array || 'staged' in c) return f; // bytes as given; staged files carry their own mark
    return {
      name: f.name,
      content: (function* (): Generator<string | Uint8Array> {
        yield UTF8_BOM;
        yield* c;
      })(),
    };
  });
}

/** The hidden file in every output folder saying from which inputs its outputs came, and which command wrote which files. */
const RUN_MARKER = '.segmenta-run.json';

/** Files earlier versions wrote, recognised as Segmenta's own in a folder without a marker. */
const KNOWN_OUTPUTS =
  /^(segments\.csv|summary\.json|model\.json|profile\.json|pca\.csv|report\.html|charts|rfm\.csv|rfm_summary\.json|compare\.json|comparison\.csv|demo_customers\.csv)$/;

/** What a folder's marker records. */
interface Marker {
  readonly inputs: readonly string[];
  /** Top-level names written by each command. */
  readonly commands: Readonly<Record<string, readonly string[]>>;
}

/**
 * How outputs go into `--out`: a new folder; `replace` — the folder holds only this command's earlier
 * outputs of the same inputs, so it is swapped whole (stale files go); `merge` — it also holds other
 * commands' outputs of the same inputs (`profile` then `run`), or `--force` was given: files are put in one
 * by one, and only this command's earlier files that are not written again are removed.
 */
export type FolderState = { readonly kind: 'new' } | { readonly kind: 'replace' } | { readonly kind: 'merge'; readonly marker: Marker | undefined };

/**
 * Checks `--out` before any work: refused (exit 2) when it is an existing file, the folder of an input, a
 * folder holding the outputs of other inputs, or a folder of other files — unless `force`, which then
 * writes into it in place (never over an input file). Call it first, so a refusal costs nothing.
 */
export function checkOutFolder(out: string, run: RunIdentity): FolderState {
  const dir = resolve(out);
  // The kernel's pseudo file systems: writes there hang (/proc/x/y) or reach devices, never make a run folder.
  if (/^\/(proc|sys|dev)(\/|$)/.test(dir))
    throw new UsageError(`--out ${out} is under /${dir.split('/')[1]}, which holds no files of yours; give a folder of your own`);
  if (!existsSync(dir)) return { kind: 'new' };
  if (!statSync(dir).isDirectory()) throw new UsageError(`--out ${out} is an existing file, not a folder; give a folder name (it is created)`);
  const inputs = identityOf(run);
  const entries = readdirSync(dir).filter((e) => e !== RUN_MARKER);
  const marker = readMarker(dir);
  const inputFolder = run.inputs.map((p) => resolve(p)).find((p) => dirname(p) === dir);
  const problem = inputFolder
    ? `it is the folder of the input ${basename(inputFolder)}`
    : marker && marker.inputs.join('\n') !== inputs.join('\n')
      ? `it holds the outputs of segmenta ${Object.keys(marker.commands).join(' and ')}${marker.inputs.length ? ` on ${marker.inputs.map((p) => (isAbsolute(p) ? basename(p) : p)).join(' and ')}` : ''}`
      : !marker && entries.some((e) => !KNOWN_OUTPUTS.test(e) && !e.startsWith('.'))
        ? 'it holds other files'
        : undefined;
  if (problem !== undefined && !run.force) throw new UsageError(`--out ${out}: ${problem}; choose another folder, or add --force to write into it`);
  if (entries.length === 0) return { kind: 'replace' };
  const onlyOurs = marker !== undefined && problem === undefined && Object.keys(marker.commands).every((c) => c === run.command);
  return onlyOurs ? { kind: 'replace' } : { kind: 'merge', marker };
}

/** Outputs written, waiting to be put in place (or thrown away). */
export interface StagedRun {
  /** Puts the outputs in place and returns their paths. */
  commit(): string[];
  /** Removes the staged outputs; `--out` is left as it was. */
  abort(): void;
}

/**
 * Writes every output into a temporary sibling folder of `out` (nothing in `out` changes yet); `commit`
 * then puts it in place as `checkOutFolder` decided: one rename for a new folder, a swap of folders to
 * replace the same command's earlier outputs (their stale files go; a failure leaves the old folder whole),
 * or file by file into a folder shared with other outputs. An output that would overwrite an input is
 * refused whatever the flags.
 */
export function stageRunFolder(out: string, given: readonly OutputFile[], run: RunIdentity): StagedRun {
  const files = run.excel ? withExcelMarks(given) : given;
  const state = checkOutFolder(out, run);
  const dir = resolve(out);
  const inputs = new Set(run.inputs.map((p) => resolve(p)));
  for (const f of files)
    if (inputs.has(join(dir, f.name))) throw new UsageError(`--out ${out}: writing ${f.name} would overwrite the input; choose another folder`);
  const names = topNames(files);
  const identity = identityOf(run);
  const earlier = state.kind === 'merge' && state.marker?.inputs.join('\n') === identity.join('\n') ? state.marker.commands : {};
  const marker: OutputFile = {
    name: RUN_MARKER,
    content: JSON.stringify({ inputs: identity, commands: { ...earlier, [run.command]: names } }, null, 2) + '\n',
  };
  const paths = files.map((f) => join(out, f.name));
  const tmp = join(dirname(dir), `.${basename(dir)}.segmenta-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    guardWrite(out, () => writeFilesAtomically(tmp, [...files, marker]));
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const abort = (): void => rmSync(tmp, { recursive: true, force: true });
  if (state.kind === 'merge') {
    return {
      commit() {
        guardWrite(out, () => {
          for (const name of readdirSync(tmp)) {
            rmSync(join(dir, name), { recursive: true, force: true });
            renameSync(join(tmp, name), join(dir, name));
          }
        });
        abort();
        const stale = (state.marker?.commands[run.command] ?? []).filter((n) => !names.includes(n) && !inputs.has(join(dir, n)));
        for (const name of stale) rmSync(join(dir, name), { recursive: true, force: true });
        return paths;
      },
      abort,
    };
  }
  return {
    commit() {
      guardWrite(out, () => {
        if (!existsSync(dir)) return renameSync(tmp, dir);
        const old = `${tmp}.old`;
        renameSync(dir, old);
        try {
          renameSync(tmp, dir);
        } catch (e) {
          renameSync(old, dir);
          throw e;
        }
        rmSync(old, { recursive: true, force: true });
      });
      return paths;
    },
    abort,
  };
}

/** `stageRunFolder` then `commit`: the outputs of a run, in place in one step. Returns their paths. */
export function writeRunFolder(out: string, files: readonly OutputFile[], run: RunIdentity): string[] {
  return stageRunFolder(out, files, run).commit();
}

/** A staging path for a large output written before the others (e.g. streamed from a database): beside `out`. */
export function stagingFileBeside(out: string, name: string): string {
  return join(dirname(resolve(out)), `.${basename(resolve(out))}.${name}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** What a folder's outputs come from: the resolved input files, then the non-file source. */
function identityOf(run: RunIdentity): string[] {
  return [...run.inputs.map((p) => resolve(p)), ...(run.source ? [run.source] : [])];
}

function topNames(files: readonly OutputFile[]): string[] {
  return [...new Set(files.map((f) => f.name.split('/')[0]!))];
}

/** The folder's marker, or undefined when there is none or it is not one of ours (names are kept to plain file names). */
function readMarker(dir: string): Marker | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, RUN_MARKER), 'utf8')) as { inputs?: unknown; commands?: unknown };
    if (!Array.isArray(m.inputs) || typeof m.commands !== 'object' || m.commands === null) return undefined;
    const plain = (f: unknown): f is string => typeof f === 'string' && f !== '' && !/[\\/]/.test(f) && f !== '..' && f !== '.' && f !== RUN_MARKER;
    const commands = Object.fromEntries(
      Object.entries(m.commands as Record<string, unknown>).map(([c, files]) => [c, Array.isArray(files) ? files.filter(plain) : []]),
    );
    return { inputs: m.inputs.map(String), commands };
  } catch {
    return undefined;
  }
}

/** Runs a write; a file-system refusal becomes one line naming --out (exit 2). */
function guardWrite<T>(out: string, write: () => T): T {
  try {
    return write();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new UsageError(`cannot write to --out ${out}: permission denied; choose a folder you can write to`);
    if (code === 'ENOSPC') throw new UsageError(`cannot write to --out ${out}: the disk is full; free some space or choose another folder`);
    if (code === 'ENOTDIR' || code === 'EEXIST')
      throw new UsageError(`cannot write to --out ${out}: a file stands where a folder is needed; choose another folder`);
    throw e;
  }
}
