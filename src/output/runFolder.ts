import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../util/errors.js';
import { writeFilesAtomically, type OutputFile } from './writeFilesAtomically.js';

/** Which command wrote an output folder, from which inputs, and whether the user allowed a replacement. */
export interface RunIdentity {
  /** The command ("run", "predict", "rfm", …). */
  readonly command: string;
  /** The input files (paths as given; compared resolved). */
  readonly inputs: readonly string[];
  /** `--force`: replace a folder that holds another run or other files (inputs are never overwritten). */
  readonly force?: boolean;
}

/** The hidden file in every output folder saying which run wrote it. */
export const RUN_MARKER = '.segmenta-run.json';

/** Files earlier versions wrote, recognised as Segmenta's own in a folder without a marker. */
const KNOWN_OUTPUTS = /^(segments\.csv|summary\.json|model\.json|profile\.json|pca\.csv|report\.html|charts|rfm\.csv|rfm_summary\.json|compare\.json|comparison\.csv|demo_customers\.csv)$/;

type FolderState = { kind: 'new' } | { kind: 'ours'; previous: readonly string[] } | { kind: 'in-place'; previous: readonly string[] };

/**
 * Checks `--out` before any work: refused (exit 2) when it is an existing file, the folder of an input, a
 * folder holding another command's or another input's run, or a folder of other files — unless `force`,
 * which then writes into it in place (never over an input file). Call it first, so a refusal costs nothing.
 */
export function checkOutFolder(out: string, run: RunIdentity): FolderState {
  const dir = resolve(out);
  if (!existsSync(dir)) return { kind: 'new' };
  if (!statSync(dir).isDirectory()) throw new UsageError(`--out ${out} is an existing file, not a folder; give a folder name (it is created)`);
  const inputs = run.inputs.map((p) => resolve(p));
  const entries = readdirSync(dir);
  const marker = readMarker(dir);
  const problem = inputs.some((p) => dirname(p) === dir)
    ? `it is the folder of the input ${basename(inputs.find((p) => dirname(p) === dir)!)}`
    : marker && (marker.command !== run.command || marker.inputs.join('\n') !== inputs.join('\n'))
      ? `it holds the outputs of segmenta ${marker.command} ${marker.inputs.map((p) => basename(p)).join(' ')}`
      : !marker && entries.some((e) => !KNOWN_OUTPUTS.test(e) && !e.startsWith('.'))
        ? 'it holds other files'
        : undefined;
  if (problem === undefined) return { kind: 'ours', previous: marker?.files ?? entries.filter((e) => KNOWN_OUTPUTS.test(e)) };
  if (!run.force) throw new UsageError(`--out ${out}: ${problem}; choose another folder, or add --force to write into it`);
  return { kind: 'in-place', previous: marker?.files ?? [] };
}

/** Outputs written to a hidden folder beside `--out`, waiting to be put in place (or thrown away). */
export interface StagedRun {
  /** Puts the outputs in place (one rename, or a swap of folders) and returns their paths. */
  commit(): string[];
  /** Removes the staged outputs; `--out` is left as it was. */
  abort(): void;
}

/**
 * Writes every output into a temporary sibling folder of `out` (nothing in `out` changes yet). `commit`
 * then replaces `out` by it — so stale files of an earlier run (old charts, an old report) are gone and a
 * failure part-way leaves the old outputs whole. With `--force` into a folder of other files, the files are
 * renamed in one by one instead and only the earlier run's own files are removed.
 */
export function stageRunFolder(out: string, files: readonly OutputFile[], run: RunIdentity): StagedRun {
  const state = checkOutFolder(out, run);
  const dir = resolve(out);
  const inputs = new Set(run.inputs.map((p) => resolve(p)));
  for (const f of files) if (inputs.has(join(dir, f.name))) throw new UsageError(`--out ${out}: writing ${f.name} would overwrite the input; choose another folder`);
  const marker: OutputFile = { name: RUN_MARKER, content: JSON.stringify({ command: run.command, inputs: [...inputs], files: topNames(files) }, null, 2) + '\n' };
  const paths = files.map((f) => join(out, f.name));
  if (state.kind === 'in-place') {
    return {
      commit() {
        guardWrite(out, () => writeFilesAtomically(dir, [...files, marker]));
        for (const name of state.previous) if (!topNames(files).includes(name) && !inputs.has(join(dir, name))) rmSync(join(dir, name), { recursive: true, force: true });
        return paths;
      },
      abort: () => undefined,
    };
  }
  const tmp = join(dirname(dir), `.${basename(dir)}.segmenta-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    guardWrite(out, () => writeFilesAtomically(tmp, [...files, marker]));
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
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
    abort: () => rmSync(tmp, { recursive: true, force: true }),
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

function topNames(files: readonly OutputFile[]): string[] {
  return [...new Set(files.map((f) => f.name.split('/')[0]!))];
}

function readMarker(dir: string): { command: string; inputs: string[]; files: string[] } | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, RUN_MARKER), 'utf8')) as { command?: unknown; inputs?: unknown; files?: unknown };
    if (typeof m.command !== 'string' || !Array.isArray(m.inputs) || !Array.isArray(m.files)) return undefined;
    return { command: m.command, inputs: m.inputs.map(String), files: m.files.map(String).filter((f) => f !== '' && !f.includes('/') && f !== '..' && f !== '.') };
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
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new UsageError(`cannot write to --out ${out}: permission denied; choose a folder you can write to`);
    if (code === 'ENOSPC') throw new UsageError(`cannot write to --out ${out}: the disk is full; free some space or choose another folder`);
    if (code === 'ENOTDIR' || code === 'EEXIST') throw new UsageError(`cannot write to --out ${out}: a file stands where a folder is needed; choose another folder`);
    throw e;
  }
}
