import { parseArgs } from 'node:util';
import { resolveSegmentOptions } from '../options/segmentOptions.js';
import { CLI_READ_LIMITS, type ReadLimits } from '../data/readLimits.js';
import { checkOutFolder, type RunIdentity } from '../output/runFolder.js';
import { parseScaling } from '../preprocess/scaling.js';
import type { SegmentOptions } from '../pipeline/segment.js';
import { readLabels } from '../explain/readLabels.js';
import { UsageError } from '../util/errors.js';
import { parseSizeLimit } from '../cluster/sizeLimits.js';

/** Flags shared by run and demo, mapping one to one onto SegmentOptions. */
export const RUN_FLAGS = {
  method: { type: 'string' },
  linkage: { type: 'string' },
  covariance: { type: 'string' },
  'bisecting-strategy': { type: 'string' },
  gamma: { type: 'string' },
  features: { type: 'string' },
  exclude: { type: 'string' },
  categorical: { type: 'string' },
  numeric: { type: 'string' },
  labels: { type: 'string' },
  clip: { type: 'string' },
  categories: { type: 'string' },
  id: { type: 'string' },
  k: { type: 'string' },
  'k-min': { type: 'string' },
  'k-max': { type: 'string' },
  scale: { type: 'string' },
  log: { type: 'string' },
  impute: { type: 'string' },
  seed: { type: 'string' },
  'n-init': { type: 'string' },
  'max-iter': { type: 'string' },
  algorithm: { type: 'string' },
  'sample-size': { type: 'string' },
  threads: { type: 'string' },
  stability: { type: 'string' },
  'rules-depth': { type: 'string' },
  'min-size': { type: 'string' },
  'max-size': { type: 'string' },
  contamination: { type: 'string' },
  baseline: { type: 'string' },
  within: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  png: { type: 'boolean' },
  'no-report': { type: 'boolean' },
  force: { type: 'boolean' },
  excel: { type: 'boolean' },
  'max-columns': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The flags every command that writes an output folder has, with one meaning each (README "Commands"). */
export const OUT_FLAGS = {
  out: { type: 'string' },
  force: { type: 'boolean' },
  excel: { type: 'boolean' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

/**
 * The output folder of a command (`--out`, default ./segmenta-out) and the identity of the run, checked
 * at once (before any work) so a refused folder costs nothing.
 */
export function outFolder(
  values: Record<string, string | boolean | undefined>,
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
export function readLimitsFrom(values: Record<string, string | boolean | undefined>): ReadLimits {
  const maxColumns = intFlag('max-columns', values['max-columns'] as string | undefined);
  if (maxColumns !== undefined && maxColumns < 1) throw new UsageError(`invalid --max-columns: ${maxColumns} (expected an integer ≥ 1)`);
  return maxColumns === undefined ? CLI_READ_LIMITS : { ...CLI_READ_LIMITS, maxColumns };
}

type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

/** Parses argv with the given flags; unknown flags and missing values become a UsageError. */
export function parseFlags(
  argv: readonly string[],
  flags: FlagSpec,
  command: string,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: [...argv], options: flags, allowPositionals: true, strict: true });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0]!.replace(/^TypeError \[[A-Z_]+\]: /, '') : String(e);
    throw new UsageError(`${command}: ${msg} (see segmenta ${command} --help)`);
  }
}

/** Parses an integer flag value, naming the flag when it is not one. */
export function intFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`invalid --${name}: ${value} (expected an integer)`);
  return n;
}

/** Parses a share flag: "0.01" or "1%" → 0.01; anything else names the flag. */
export function shareFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const percent = value.trim().endsWith('%');
  const n = Number(percent ? value.trim().slice(0, -1) : value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`invalid --${name}: ${value} (expected a share such as 0.01 or 1%)`);
  return percent ? n / 100 : n;
}

/** Splits a comma-separated list flag ("a,b" → ["a", "b"]); commas inside names can be escaped as "\,". */
export function listFlag(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(/(?<!\\),/)
    .map((s) => s.replaceAll('\\,', ',').trim())
    .filter((s) => s !== '');
}

/**
 * Turns parsed run flags into SegmentOptions, checked against the declared options (`resolveSegmentOptions`)
 * so that a bad value is refused here, naming its flag. Returns only what was given: the defaults are
 * applied by the library (and model.json records only the options given).
 */
export function segmentOptionsFrom(values: Record<string, string | boolean | undefined>, columns: readonly string[] | null = null): SegmentOptions {
  const parsed = parseSegmentFlags(values);
  const labelsPath = values['labels'] as string | undefined;
  const options = labelsPath === undefined ? parsed : { ...parsed, labels: readLabels(labelsPath, columns) };
  resolveSegmentOptions(options, 'flag');
  return options;
}

function parseSegmentFlags(values: Record<string, string | boolean | undefined>): SegmentOptions {
  const str = (n: string): string | undefined => values[n] as string | undefined;
  const k = str('k');
  const log = str('log');
  const algorithm = str('algorithm');
  const nInit = str('n-init');
  const gamma = str('gamma');
  if (gamma !== undefined && !(Number(gamma) >= 0)) throw new UsageError(`invalid --gamma: ${gamma} (expected a number ≥ 0)`);
  return {
    method: str('method') as SegmentOptions['method'],
    linkage: str('linkage') as SegmentOptions['linkage'],
    covariance: str('covariance') as SegmentOptions['covariance'],
    bisectingStrategy: str('bisecting-strategy') as SegmentOptions['bisectingStrategy'],
    gamma: gamma === undefined ? undefined : Number(gamma),
    features: listFlag(str('features')),
    exclude: listFlag(str('exclude')),
    categorical: listFlag(str('categorical')),
    numeric: listFlag(str('numeric')),
    clip: str('clip') as SegmentOptions['clip'],
    categories: str('categories') as SegmentOptions['categories'],
    id: str('id'),
    k: k === undefined || k === 'auto' ? 'auto' : intFlag('k', k)!,
    kMin: intFlag('k-min', str('k-min')),
    kMax: intFlag('k-max', str('k-max')),
    scale: str('scale') === undefined ? undefined : parseScaling(str('scale')!),
    log: log === undefined || log === 'none' || log === 'auto' ? (log as 'none' | 'auto' | undefined) : listFlag(log),
    impute: str('impute') as SegmentOptions['impute'],
    seed: intFlag('seed', str('seed')),
    nInit: nInit === undefined || nInit === 'auto' ? undefined : intFlag('n-init', nInit),
    maxIter: intFlag('max-iter', str('max-iter')),
    algorithm: algorithm as SegmentOptions['algorithm'],
    sweepSampleSize: intFlag('sample-size', str('sample-size')),
    threads: intFlag('threads', str('threads')),
    stability: str('stability') === undefined ? undefined : str('stability') === 'off' ? 'off' : intFlag('stability', str('stability')),
    rulesDepth: intFlag('rules-depth', str('rules-depth')),
    minSize: str('min-size') === undefined ? undefined : parseSizeLimit('--min-size', str('min-size')!),
    maxSize: str('max-size') === undefined ? undefined : parseSizeLimit('--max-size', str('max-size')!),
    contamination: shareFlag('contamination', str('contamination')),
  };
}
