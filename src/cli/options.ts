import { CLI_READ_LIMITS, type ReadLimits } from '../data/readLimits.js';
import { readLabels } from '../explain/readLabels.js';
import {
  OPTION_GROUPS,
  OPTION_SPECS,
  optionError,
  optionProblem,
  resolveSegmentOptions,
  specOf,
  shownDefault,
  type OptionSpec,
} from '../options/segmentOptions.js';
import { checkOutFolder, type RunIdentity } from '../output/runFolder.js';
import type { SegmentOptions } from '../pipeline/segment.js';
import type { ReportChoice } from '../rfm/rfmOutputs.js';
import { UsageError } from '../util/errors.js';
import { intFlag, type CommandFlag, type FlagSection, type FlagValues } from './commandFlags.js';

/** The flags every command that writes an output folder has, with one meaning each (docs/commands.md). */
export const OUT_FLAGS: readonly CommandFlag[] = [
  {
    flag: 'out',
    value: 'DIR',
    default: './segmenta-out',
    doc: "output folder; refused when it is an existing file, the input's own folder, or holds the outputs of other input files, or other files, unless --force",
  },
  { flag: 'force', doc: "write into such a folder anyway: only this command's earlier files are removed, and an input file is never overwritten" },
  { flag: 'excel', doc: 'CSV outputs start with a UTF-8 byte order mark, so Excel shows accents as written' },
  { flag: 'json', doc: 'print the summary as JSON on stdout instead of the readable summary' },
  { flag: 'quiet', doc: 'print nothing but errors' },
];

/** `--png`: the charts as PNG files too. */
export const PNG_FLAG: CommandFlag = { flag: 'png', doc: 'also write every chart as a PNG into DIR/charts/' };
/** `--no-report`: no report.html (nor its PNG charts). */
export const NO_REPORT_FLAG: CommandFlag = { flag: 'no-report', doc: 'do not write report.html' };

/** The report `--png` and `--no-report` ask for (`--no-report` wins) in every command that writes one. */
export function reportChoice(values: FlagValues): ReportChoice {
  return values['no-report'] === true ? 'none' : { png: values['png'] === true };
}
/** `--max-columns`: the read limit of a file's width. */
export const MAX_COLUMNS_FLAG: CommandFlag = { flag: 'max-columns', value: 'N', default: '1,000', doc: 'refuse files with more columns (a read limit)' };
/** The exit codes every command that reads data shares. */
export const EXIT_CODES = 'Exit codes: 0 ok, 2 usage error, 3 data error, 4 database unreachable or permission refused.';

/** The flag of a declared option as `--help` shows it: its value's form and its doc with the default. */
function optionFlag(spec: OptionSpec & { flag: string }): CommandFlag {
  return { flag: spec.flag, value: spec.kind.placeholder, doc: spec.doc.replaceAll('`', ''), default: shownDefault(spec).replaceAll('`', '') };
}

/** The segmentation options that have a flag, by group, as `--help` sections (from `OPTION_SPECS`). */
export function segmentFlagSections(specs: ReadonlyArray<OptionSpec> = OPTION_SPECS): FlagSection[] {
  const flagged = specs.filter((s): s is OptionSpec & { flag: string } => s.flag !== null);
  return OPTION_GROUPS.map((group) => ({ title: group, flags: flagged.filter((s) => s.group === group).map(optionFlag) })).filter((s) => s.flags.length > 0);
}

/**
 * The output folder of a command (`--out`, default ./segmenta-out) and the identity of the run, checked
 * at once (before any work) so a refused folder costs nothing.
 */
export function outFolder(
  values: FlagValues,
  command: string,
  inputs: readonly string[],
  source?: string,
  defaultOut = 'segmenta-out',
): { out: string; run: RunIdentity } {
  const out = (values['out'] as string | undefined) ?? defaultOut;
  const run: RunIdentity = {
    command,
    inputs,
    force: values['force'] === true,
    ...(values['excel'] === true ? { excel: true } : {}),
    ...(source !== undefined ? { source } : {}),
  };
  checkOutFolder(out, run);
  return { out, run };
}

/** The read limits of the CLI with `--max-columns` applied. */
export function readLimitsFrom(values: FlagValues): ReadLimits {
  const maxColumns = intFlag('max-columns', values['max-columns']);
  if (maxColumns !== undefined && maxColumns < 1) throw new UsageError(`invalid --max-columns: ${maxColumns} (expected an integer ≥ 1)`);
  return maxColumns === undefined ? CLI_READ_LIMITS : { ...CLI_READ_LIMITS, maxColumns };
}

/**
 * The segmentation options of parsed flags: each declared option's flag read by its kind (`OPTION_SPECS`), a
 * labels.json read from its path, then every value checked together (`resolveSegmentOptions`). A bad value
 * is an OptionError the CLI prints with the flag. Returns only what was given: the defaults are applied by
 * the library (and model.json records only the options given). O(options).
 */
/** The `--help` line of a declared option's flag (for commands that take a few of run's options). */
export function flagOfOption(name: OptionSpec['name']): CommandFlag {
  return optionFlag(specOf(name) as OptionSpec & { flag: string });
}

/** The value of one declared option's flag, read by its kind (an OptionError when it is not one), or undefined. */
export function optionValue(values: FlagValues, name: OptionSpec['name']): unknown {
  const spec = specOf(name);
  const text = spec.flag === null ? undefined : values[spec.flag];
  if (typeof text !== 'string') return undefined;
  const parsed = spec.kind.parse(text);
  if ('expected' in parsed) throw optionError(spec, text, parsed.expected);
  const expected = optionProblem(spec, parsed.value, {});
  if (expected !== null) throw optionError(spec, text, expected);
  return parsed.value;
}

export function segmentOptionsFrom(
  values: FlagValues,
  columns: readonly string[] | null = null,
  specs: ReadonlyArray<OptionSpec> = OPTION_SPECS,
): SegmentOptions {
  const options: Record<string, unknown> = {};
  for (const spec of specs) {
    const text = spec.flag === null ? undefined : values[spec.flag];
    if (typeof text !== 'string') continue;
    const parsed = spec.kind.parse(text);
    if ('expected' in parsed) throw optionError(spec, text, parsed.expected);
    options[spec.name] = spec.name === 'labels' ? readLabels(text, columns) : parsed.value;
  }
  resolveSegmentOptions(options);
  return options as SegmentOptions;
}
