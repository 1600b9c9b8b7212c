import { parseArgs } from 'node:util';
import { editDistance } from '../util/closestName.js';
import { UsageError } from '../util/errors.js';

/**
 * A command's flags declared once: the parser's options and the `--help` text both come from this list, so
 * a flag cannot be parsed without being documented, nor documented without being parsed.
 */
export interface CommandFlag {
  /** The flag without dashes. */
  readonly flag: string;
  /** What its value is called (`N`, `DIR`, `a,b`); absent for a switch. */
  readonly value?: string;
  /** What it does, in one line. */
  readonly doc: string;
  /** The default as help and the options table show it (absent: none, or off for a switch). */
  readonly default?: string;
  /** May be given more than once (values gathered into a list). */
  readonly multiple?: boolean;
}

/** A block of flags under a heading in `--help`. */
export interface FlagSection {
  readonly title?: string;
  readonly flags: readonly CommandFlag[];
}

/** What `--help` of a command says: its usage lines, what it does, its flags by section, and a closing note. */
export interface CommandHelp {
  readonly usage: readonly string[];
  readonly about: string;
  readonly sections: readonly FlagSection[];
  readonly footer?: string;
}

/** Flags as parsed: the value of each flag given (a text, true for a switch, a list when repeatable). */
export type FlagValues = Record<string, string | boolean | string[] | undefined>;

const HELP_FLAG: CommandFlag = { flag: 'help', doc: 'show this help' };
/** Where the doc column of `--help` starts, and the width it wraps at. */
const DOC_COLUMN = 24;
const WIDTH = 110;

/** Every flag of a command's help, the help flag included. */
function flagsOf(help: CommandHelp): CommandFlag[] {
  return [...help.sections.flatMap((s) => s.flags), HELP_FLAG];
}

/**
 * Parses argv with a command's declared flags. An unknown flag is refused with the closest known one ("did
 * you mean --k-max?"), a missing value named; both as one line pointing at `--help`. O(argv · flags).
 */
export function parseCommandFlags(argv: readonly string[], help: CommandHelp, command: string): { values: FlagValues; positionals: string[] } {
  const flags = flagsOf(help);
  const options = Object.fromEntries(
    flags.map((f) => [
      f.flag,
      {
        type: f.value === undefined ? ('boolean' as const) : ('string' as const),
        ...(f.multiple ? { multiple: true } : {}),
        ...(f.flag === 'help' ? { short: 'h' } : {}),
      },
    ]),
  );
  try {
    const parsed = parseArgs({ args: negativeValuesJoined(argv, flags), options, allowPositionals: true, strict: true });
    return { values: parsed.values as FlagValues, positionals: parsed.positionals };
  } catch (e) {
    const unknown = argv.find((a) => a.startsWith('-') && a !== '-' && a !== '--' && !known(a, flags));
    if (unknown !== undefined) {
      const name = unknown.replace(/^-+/, '').split('=')[0]!;
      const near = closestFlag(name, flags);
      throw new UsageError(`${command}: unknown option ${unknown.split('=')[0]}${near ? `; did you mean --${near}?` : ''} (see segmenta ${command} --help)`);
    }
    throw new UsageError(`${command}: ${parseArgsProblem(e, flags)} (see segmenta ${command} --help)`);
  }
}

/** parseArgs' refusal in our words: a flag without its value, or a stray dash-number; else its own first line. */
function parseArgsProblem(e: unknown, flags: readonly CommandFlag[]): string {
  const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
  const missing = /^Option '--([\w-]+)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(msg);
  const flag = missing && flags.find((f) => f.flag === missing[1]);
  if (flag) return `--${flag.flag} needs a value (--${flag.flag} ${flag.value})`;
  const stray = /^Unknown option '(-\d[^']*)'/.exec(msg);
  if (stray) return `${stray[1]} follows a flag that takes no value`;
  return msg;
}

/**
 * argv with a negative number after a flag that takes a value joined to it (`--seed -1` → `--seed=-1`), so
 * the value reaches the option's own check ("invalid --k: -3 …") instead of parseArgs' "argument is ambiguous".
 */
function negativeValuesJoined(argv: readonly string[], flags: readonly CommandFlag[]): string[] {
  const takesValue = new Set(flags.filter((f) => f.value !== undefined).map((f) => `--${f.flag}`));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (takesValue.has(argv[i]!) && next !== undefined && /^-\d/.test(next)) (out.push(`${argv[i]!}=${next}`), i++);
    else out.push(argv[i]!);
  }
  return out;
}

/** The declared flag nearest a mistyped one: the same letters without hyphens ("kmax" → k-max), else the fewest edits. */
function closestFlag(name: string, flags: readonly CommandFlag[]): string | undefined {
  const bare = (f: string): string => f.replaceAll('-', '').toLowerCase();
  const same = flags.find((f) => bare(f.flag) === bare(name));
  if (same) return same.flag;
  const scored = flags.map((f) => ({ flag: f.flag, d: editDistance(name, f.flag) })).sort((a, b) => a.d - b.d || a.flag.localeCompare(b.flag));
  return scored[0] && scored[0].d <= Math.max(2, Math.floor(name.length / 3)) ? scored[0].flag : undefined;
}

function known(arg: string, flags: readonly CommandFlag[]): boolean {
  if (arg === '-h') return true;
  if (!arg.startsWith('--')) return /^-\d/.test(arg); // a negative number is a value, not a flag
  const name = arg.slice(2).split('=')[0]!;
  return flags.some((f) => f.flag === name);
}

/** The `--help` text of a command: usage, what it does, then each section's flags with their docs wrapped. */
export function helpText(help: CommandHelp): string {
  const lines = [...help.usage, '', help.about];
  for (const section of help.sections) {
    lines.push('');
    if (section.title) lines.push(`${section.title}:`);
    for (const f of section.flags) lines.push(...flagLines(f));
  }
  lines.push(...flagLines(HELP_FLAG));
  if (help.footer) lines.push('', help.footer);
  return lines.join('\n');
}

function flagLines(f: CommandFlag): string[] {
  const head = `  --${f.flag}${f.value ? ` ${f.value}` : ''}`;
  const words = `${f.doc}${f.default === undefined ? '' : ` (default ${f.default})`}`.split(' ');
  const out: string[] = [];
  let line = head.length < DOC_COLUMN ? head.padEnd(DOC_COLUMN) : `${head}\n${' '.repeat(DOC_COLUMN)}`;
  let width = DOC_COLUMN;
  for (const w of words) {
    if (width + w.length > WIDTH && width > DOC_COLUMN) {
      out.push(line.trimEnd());
      line = ' '.repeat(DOC_COLUMN);
      width = DOC_COLUMN;
    }
    line += `${w} `;
    width += w.length + 1;
  }
  out.push(line.trimEnd());
  return out;
}

/** Parses an integer flag value, naming the flag when it is not one. */
export function intFlag(name: string, value: string | boolean | string[] | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isInteger(n))
    throw new UsageError(`invalid --${name}: ${String(value)} (expected an integer)`);
  return n;
}
