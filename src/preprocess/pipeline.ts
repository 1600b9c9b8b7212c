import type { Column, Table } from '../data/table.js';
import { byFrequency } from '../stats/levelCounts.js';
import { autoLog, numericStep } from './numericStep.js';
import { checkOption, definedOnly, OPTION_DEFAULTS } from '../options/segmentOptions.js';
import { moments } from '../stats/moments.js';
import { quantileSorted, sortedPresent, type SortScratch } from '../stats/quantile.js';
import { closestName } from '../util/closestName.js';
import { DataError, UsageError } from '../util/errors.js';
import { sharedZeros, type Matrix } from '../util/matrix.js';
import { outlierFences } from '../profile/outliers.js';
import { fitIndicatorScaling, fitScaling, type ScalingKind } from './scaling.js';
import type { CategoryStep, NumericStep, Pipeline } from './pipelineSteps.js';

export type { CategoryStep, NumericStep, Pipeline } from './pipelineSteps.js';

/** What preprocessing did, for the summary and the report. */
export interface PreprocessReport {
  readonly features: readonly string[];
  readonly imputed: ReadonlyArray<{ column: string; count: number; value: string | number }>;
  readonly encoded: ReadonlyArray<{ column: string; levels: readonly string[]; groupedAsOther: readonly string[] }>;
  readonly logged: readonly string[];
  /** `--clip auto`: per clipped column the bounds and how many values were moved to them. */
  readonly clipped?: ReadonlyArray<{ column: string; low: number; high: number; count: number }>;
  readonly scaling: ScalingKind;
}

/** Options of the preprocessing pipeline. */
export interface PipelineOptions {
  /** Scaling of every output column. Default "standard". */
  readonly scale?: ScalingKind;
  /** log1p: "none" (default), "auto" (non-negative columns with skewness > 1 and > 10 distinct values), or column names. */
  readonly log?: 'none' | 'auto' | readonly string[];
  /** Levels rarer than this share of rows are grouped as "other". Default 0.01. */
  readonly rareLevelShare?: number;
  /** How missing numbers are filled: "median" (default, robust to outliers) or "mean". */
  readonly impute?: 'median' | 'mean';
  /** At most this many levels are kept per category. Default 20. */
  readonly maxLevels?: number;
  /**
   * Balance categories against numbers (default true): after scaling, a category's m indicator columns are
   * divided by √m, so the category as a whole weighs as much as one numeric feature (total variance 1 under
   * standard scaling) instead of m of them. Ignored with scaling "none".
   */
  readonly balanceCategories?: boolean;
  /**
   * Outliers: "none" (default), or "auto" — numbers are clipped (winsorized) to the profile's outlier fences,
   * quartiles ∓ 3 × IQR, before log and scaling; the bounds are stored in the model and replayed by predict.
   */
  readonly clip?: 'none' | 'auto';
  /** Number columns that are codes (see `columnRole`): one-hot encoded as categories of their values' text ("1", "2"). */
  readonly codes?: readonly string[];
}

/**
 * Fits the pipeline on the chosen feature columns and transforms them: median (or mean) / most-frequent imputation,
 * one-hot encoding with rare levels grouped, optional log1p, then scaling. O(n log n · columns).
 */
export function fitPipeline(
  table: Table,
  features: readonly Column[],
  options: PipelineOptions = {},
): { pipeline: Pipeline; matrix: Matrix; report: PreprocessReport } {
  const { scale, log, rareLevelShare, maxLevels, balanceCategories, impute, clip } = { ...OPTION_DEFAULTS, ...definedOnly(options) };
  checkOption('impute', impute);
  checkOption('clip', clip);
  if (Array.isArray(log)) {
    for (const name of log) {
      const c = features.find((f) => f.name === name);
      if (!c || c.kind !== 'number') throw new UsageError(`invalid --log column "${name}": not a numeric feature`);
      if (c.values.some((v) => v < 0)) throw new UsageError(`invalid --log column "${name}": it has negative values, log1p needs values ≥ 0`);
    }
  }
  const steps: Array<NumericStep | CategoryStep> = [];
  const imputed: Array<{ column: string; count: number; value: string | number }> = [];
  const encoded: Array<{ column: string; levels: string[]; groupedAsOther: string[] }> = [];
  const logged: string[] = [];
  const clipped: Array<{ column: string; low: number; high: number; count: number }> = [];
  // One sorting scratch and one input column for all numeric features (see `SortScratch`).
  const scratch: SortScratch = {};
  let input: Float64Array | undefined;
  for (const c of features) {
    if (c.kind === 'string' || (c.kind === 'number' && options.codes?.includes(c.name))) {
      const counts = new Map<string, number>();
      let missing = 0;
      for (const v of categoryValues(c)) v === null ? missing++ : counts.set(v, (counts.get(v) ?? 0) + 1);
      const fitted = categoryStep(c.name, counts, missing, table.rowCount, { scale, rareLevelShare, maxLevels, balanceCategories });
      steps.push(fitted.step);
      encoded.push(fitted.encoded);
      if (fitted.imputed) imputed.push(fitted.imputed);
      continue;
    }
    const sorted = sortedPresent(c.values, scratch);
    const fill = impute === 'mean' ? moments(sorted).mean : quantileSorted(sorted, 0.5);
    const missing = c.values.length - sorted.length;
    if (missing > 0) imputed.push({ column: c.name, count: missing, value: fill });
    const doLog =
      log === 'auto'
        ? sorted.length > 0 && autoLog({ kind: c.kind, min: sorted[0]!, skewness: moments(sorted).skewness, distinct: distinctCount(sorted) })
        : c.kind === 'number' && Array.isArray(log) && log.includes(c.name);
    if (doLog) logged.push(c.name);
    const fences = clip === 'auto' && c.kind === 'number' ? outlierFences(sorted, distinctCount(sorted)) : undefined;
    if (fences) {
      const count = countOutside(sorted, fences.low, fences.high);
      if (count > 0) clipped.push({ column: c.name, low: fences.low, high: fences.high, count });
    }
    const partial = { ...numericStep(c.name, c.kind, fill, doLog), ...(fences ? { clip: [fences.low, fences.high] as const } : {}) };
    const { center, scale: s } = fitScaling(numericInput(partial, c.values, (input ??= new Float64Array(c.values.length))), scale, scratch);
    steps.push({ ...partial, center, scale: s });
  }
  const pipeline: Pipeline = { scaling: scale, steps, outputNames: steps.flatMap(outputNamesOf) };
  return {
    pipeline,
    matrix: transformColumns(pipeline, features, table.rowCount),
    report: { features: features.map((f) => f.name), imputed, encoded, logged, ...(clip === 'auto' ? { clipped } : {}), scaling: scale },
  };
}

/**
 * Fits one categorical step from its level counts (missing cells counted apart): the mode fills missing cells,
 * levels are ranked by count (then by text), at most `maxLevels` with at least `rareLevelShare` of the rows are
 * kept and the rest grouped as "other"; each indicator is scaled from its count (`fitIndicatorScaling`),
 * divided by √(indicators) when balancing. Shared by files and database tables. O(levels log levels).
 */
export function categoryStep(
  column: string,
  counts: Map<string, number>,
  missing: number,
  rows: number,
  o: Required<Pick<PipelineOptions, 'scale' | 'rareLevelShare' | 'maxLevels' | 'balanceCategories'>>,
): { step: CategoryStep; encoded: { column: string; levels: string[]; groupedAsOther: string[] }; imputed?: { column: string; count: number; value: string } } {
  const ranked = byFrequency(counts);
  const fill = ranked[0]![0];
  const withFill = new Map(counts).set(fill, counts.get(fill)! + missing);
  const minCount = o.rareLevelShare * rows;
  const levels = ranked.filter(([v], i) => i < o.maxLevels && withFill.get(v)! >= minCount).map(([v]) => v);
  const grouped = ranked.map(([v]) => v).filter((v) => !levels.includes(v));
  const ones = levels.map((l) => withFill.get(l)!);
  if (grouped.length > 0) ones.push(rows - ones.reduce((a, b) => a + b, 0));
  const fits = ones.map((c) => fitIndicatorScaling(rows, c, o.scale));
  const weight = o.balanceCategories && o.scale !== 'none' ? Math.sqrt(ones.length) : 1;
  return {
    step: { kind: 'category', column, levels, other: grouped.length > 0, fill, centers: fits.map((f) => f.center), scales: fits.map((f) => f.scale * weight) },
    encoded: { column, levels, groupedAsOther: grouped },
    ...(missing > 0 ? { imputed: { column, count: missing, value: fill } } : {}),
  };
}

/**
 * Replays a fitted pipeline on a new table. Refuses, naming the column, a table that lacks a needed column
 * or has text where the model expects numbers. Unseen categories count as "other" (or as no known level).
 * O(n · output columns).
 */
export function transformTable(pipeline: Pipeline, table: Table): Matrix {
  const file = table.source?.path ?? 'the data';
  const columns = pipeline.steps.map((step) => {
    const c = table.columns.find((col) => col.name === step.column);
    if (!c) {
      const near = closestName(
        step.column,
        table.columns.map((x) => x.name),
      );
      throw new DataError(
        `${file} lacks column "${step.column}", which the model needs${near ? `; did you mean "${near}"? (rename that column to "${step.column}")` : ''}`,
      );
    }
    if (step.kind === 'number' && c.kind === 'number' && c.invalid) {
      throw new DataError(`${file}: column "${c.name}" row ${c.invalid.row + 1} holds ${c.invalid.text}, which is not a usable number`);
    }
    if (step.kind === 'number' && c.kind !== step.source) {
      const bad = c.kind === 'string' ? (c.textInNumbers ?? firstText(c.values)) : undefined;
      throw new DataError(
        `${file}: column "${c.name}" must hold ${step.source === 'date' ? 'dates' : 'numbers'}${bad ? ` but row ${bad.row + 1} is "${bad.text}"` : ` but holds ${c.kind === 'date' ? 'dates' : 'text'}`}`,
      );
    }
    return c;
  });
  return transformColumns(pipeline, columns, table.rowCount);
}

function transformColumns(pipeline: Pipeline, columns: readonly Column[], n: number): Matrix {
  const m = sharedZeros(n, pipeline.outputNames.length);
  let j = 0;
  pipeline.steps.forEach((step, s) => {
    const c = columns[s]!;
    if (step.kind === 'number') {
      // Straight from the column into the matrix: no n-long temporary per column (fresh memory is slow to touch).
      const values = (c as Exclude<Column, { kind: 'string' }>).values;
      for (let i = 0; i < n; i++) m.data[i * m.cols + j] = (numericCell(step, values[i]!) - step.center) / step.scale;
      j++;
      return;
    }
    oneHot(step, categoryValues(c)).forEach((v, t) => {
      const center = step.centers[t]!;
      const scale = step.scales[t]!;
      for (let i = 0; i < n; i++) m.data[i * m.cols + j] = (v[i]! - center) / scale;
      j++;
    });
  });
  return m;
}

/** A column's values as category levels: text as is, numbers as their text ("1"), missing as null. O(n). */
export function categoryValues(c: Column): ReadonlyArray<string | null> {
  if (c.kind === 'string') return c.values;
  if (c.kind === 'date') return c.text;
  return Array.from(c.values, (v) => (Number.isNaN(v) ? null : String(v)));
}

/** A numeric column through its step before scaling (`numericCell`), written into `into` (as long as the column). O(n). */
function numericInput(step: NumericStep, values: Float64Array, into: Float64Array): Float64Array {
  for (let i = 0; i < values.length; i++) into[i] = numericCell(step, values[i]!);
  return into;
}

/** One cell through a numeric step before scaling: missing filled, clipped to the fences, log1p when logged. */
function numericCell(step: NumericStep, x: number): number {
  const raw = Number.isNaN(x) ? step.fill : x;
  const v = step.clip ? Math.min(Math.max(raw, step.clip[0]), step.clip[1]) : raw;
  return step.log ? Math.log1p(Math.max(v, 0)) : v;
}

function oneHot(step: CategoryStep, values: ReadonlyArray<string | null>): Float64Array[] {
  const width = step.levels.length + (step.other ? 1 : 0);
  const out = Array.from({ length: width }, () => new Float64Array(values.length));
  const index = new Map(step.levels.map((l, i) => [l, i]));
  values.forEach((raw, i) => {
    const at = index.get(raw ?? step.fill);
    if (at !== undefined) out[at]![i] = 1;
    else if (step.other) out[width - 1]![i] = 1;
  });
  return out;
}

/** Output column names of one step. */
export function outputNamesOf(step: NumericStep | CategoryStep): string[] {
  if (step.kind === 'number') return [step.log ? `log1p(${step.column})` : step.column];
  return [...step.levels.map((l) => `${step.column}=${l}`), ...(step.other ? [`${step.column}=other`] : [])];
}

function countOutside(sorted: Float64Array, low: number, high: number): number {
  let n = 0;
  for (const v of sorted) if (v < low || v > high) n++;
  return n;
}

function distinctCount(sorted: Float64Array): number {
  let d = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) d++;
  return d;
}

function firstText(values: ReadonlyArray<string | null>): { row: number; text: string } | undefined {
  const row = values.findIndex((v) => v !== null);
  return row >= 0 ? { row, text: values[row]! } : undefined;
}
