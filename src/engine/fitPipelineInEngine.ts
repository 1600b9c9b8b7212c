import { chooseKey, type KeyChoice } from '../data/detectKey.js';
import { numericStep } from '../preprocess/numericStep.js';
import { checkOption, definedOnly, OPTION_DEFAULTS } from '../options/segmentOptions.js';
import {
  categoryStep,
  type CategoryStep,
  type NumericStep,
  type Pipeline,
  type PipelineOptions,
  type PreprocessReport,
  outputNamesOf,
} from '../preprocess/pipeline.js';
import type { RoleDecision } from '../preprocess/columnRoles.js';
import { categoryUse, chooseFeatures, type RoleOverrides } from '../preprocess/selectFeatures.js';
import { DataError, UsageError } from '../util/errors.js';
import { exactSumSql, quantilesOfCountSql, readExactSum, type QuantilesOf } from './engineSql.js';
import { numericInputSql, scaledFeatureSql } from './sqlDialect.js';
import { toNumber, type SqlEngine } from './sqlEngine.js';
import { numericValueSql, type ColumnStats, type TableStats } from './tableStats.js';
import { mention } from '../options/optionMentions.js';
import { bound, scalingStats, autoLogColumns, exactQuantiles, oneColumnAtATime } from './scalingInEngine.js';

/** The key, the features and the fitted preprocessing of a database table, from SQL aggregates. */
export interface EnginePreparation {
  readonly key: KeyChoice;
  /** How the key column sorts: as numbers or as text. */
  readonly keyKind: 'number' | 'string';
  readonly features: readonly ColumnStats[];
  readonly dropped: ReadonlyArray<{ column: string; reason: string }>;
  /** Usable columns described beside the segments, not clustered on, with why (see `chooseFeatures`). */
  readonly contextReasons: ReadonlyArray<{ column: string; reason: string }>;
  /** The role of every column but the key and identifiers (see `columnRole`). */
  readonly roles: readonly RoleDecision[];
  readonly pipeline: Pipeline;
  readonly report: PreprocessReport;
  /** An upper bound of |value| of every preprocessed column (for exact sums), in pipeline output order. */
  readonly bounds: readonly number[];
  readonly notes: readonly string[];
}

/** The options that choose and preprocess a database table's features. */
type FeatureOptions = PipelineOptions &
  RoleOverrides & { features?: readonly string[] | undefined; exclude?: readonly string[] | undefined; id?: string | undefined; method?: string | undefined };

/**
 * Detects the key and chooses features exactly as for a file (`chooseKey`, `chooseFeatures`), then fits the
 * same pipeline as `fitPipeline` from aggregates computed in the engine: medians (or means) for missing cells,
 * level counts of categories, log1p by the same rule, and the scaling statistics of the filled values. A few
 * scans of the table; no row leaves the engine.
 */
export async function fitPipelineInEngine(engine: SqlEngine, table: string, stats: TableStats, options: FeatureOptions): Promise<EnginePreparation> {
  const { scale, log, rareLevelShare, maxLevels, balanceCategories, impute, clip } = { ...OPTION_DEFAULTS, ...definedOnly(options) };
  checkOption('impute', impute);
  if (clip !== 'none')
    throw new UsageError(
      `--clip ${clip} works on data files for now, not with --db; export the table to a file, or run without --clip (the profile still lists outliers)`,
    );
  const source = `${engine.label} table ${table}`;
  const rows = stats.rows;
  const key = keyInEngine(stats, source, options.id);
  const { columns: features, dropped, roles, context: contextReasons } = featuresInEngine(stats, key, options, source);
  const d = engine.dialect;
  const from = engine.tableRef(table);
  const codes = new Set(roles.filter((r) => r.role === 'code').map((r) => r.column));
  const isCategory = (s: ColumnStats): boolean => s.column.kind === 'string' || codes.has(s.column.name);
  const numeric = features.filter((s) => !isCategory(s));
  const exact = exactQuantiles(d, rows);
  const quantiles = quantilesOfCountSql(d, exact);
  const notes: string[] = [];
  if (!exact && (impute === 'median' || scale === 'robust')) notes.push(`medians and quartiles of ${rows} rows are DuckDB's approximate quantiles (t-digest)`);
  checkLogColumns(log, numeric);
  // Fill values (median or mean of the present values), and for log=auto the centred moments.
  const values = numeric.map((s) => numericValueSql(engine, s.column));
  const fills = await fillValues(engine, from, numeric, values, impute, quantiles, !exact);
  let logged = new Set<string>(Array.isArray(log) ? log : []);
  if (log === 'auto') logged = await autoLogColumns(engine, from, numeric, values);

  const partial: NumericStep[] = numeric.map((s, j) =>
    numericStep(s.column.name, s.column.kind === 'date' ? 'date' : 'number', fills[j]!, logged.has(s.column.name)),
  );
  const inputs = partial.map((step) => numericInputSql(step, d));
  const inputBounds = partial.map((step, j) => {
    const b = Math.max(Math.abs(numeric[j]!.min!), Math.abs(numeric[j]!.max!), Math.abs(step.fill));
    return step.log ? Math.log1p(b) : b;
  });
  const scaled = await scalingStats(engine, from, rows, scale, inputs, inputBounds, quantiles, !exact);

  const categorical = features.filter(isCategory);
  const steps = new Map<string, NumericStep | CategoryStep>();
  partial.forEach((step, j) => steps.set(step.column, { ...step, ...scaled[j]! }));
  const { imputed, encoded } = await categorySteps(engine, from, categorical, rows, { scale, rareLevelShare, maxLevels, balanceCategories }, steps);
  // Steps in feature order, as fitPipeline makes them; imputation reported in the same order.
  const ordered = features.map((s) => steps.get(s.column.name)!);
  numeric.forEach((s, j) => {
    if (s.present < rows) imputed.push({ column: s.column.name, count: rows - s.present, value: fills[j]! });
  });
  imputed.sort((a, b) => features.findIndex((f) => f.column.name === a.column) - features.findIndex((f) => f.column.name === b.column));
  const pipeline: Pipeline = { scaling: scale, steps: ordered, outputNames: ordered.flatMap(outputNamesOf) };
  const bounds = scaledBounds(ordered, partial, inputBounds);
  if (scaledFeatureSql(pipeline, d).length !== bounds.length) throw new Error('internal: bounds do not match the pipeline');
  return {
    key,
    keyKind: keyKindOf(stats, key),
    features,
    dropped,
    roles,
    contextReasons,
    pipeline,
    report: {
      features: features.map((f) => f.column.name),
      imputed,
      encoded,
      logged: [...logged].filter((n) => numeric.some((s) => s.column.name === n)),
      scaling: scale,
    },
    bounds,
    notes,
  };
}

/** The features of a database table chosen exactly as for a file (`chooseFeatures`), from its statistics. */
function featuresInEngine(stats: TableStats, key: KeyChoice, options: FeatureOptions, source: string) {
  return chooseFeatures(
    stats.columns.map((s) => ({ ...s, name: s.column.name })),
    {
      key,
      features: options.features,
      exclude: options.exclude,
      categorical: options.categorical,
      numeric: options.numeric,
      categories: categoryUse(options),
      rows: stats.rows,
      source,
      candidate: (s) => {
        if ((s.column.kind === 'number' || s.column.kind === 'date') && s.present > 0 && !(Number.isFinite(s.min!) && Number.isFinite(s.max!))) {
          throw new DataError(
            `${source}: column "${s.column.name}" holds NaN or Infinity, which is not a usable number; replace those values or leave the column out (${mention('exclude')})`,
          );
        }
        return {
          name: s.column.name,
          kind: s.column.kind,
          present: () => s.present,
          constant: () => (s.min !== undefined ? s.min === s.max : s.distinct === 1),
          levels: () => s.distinct ?? 0,
        };
      },
      facts: (s) => ({ name: s.column.name, kind: s.column.kind, integer: s.column.integer, distinct: s.distinct, min: s.min, max: s.max }),
    },
  );
}

/** Refuses a `--log` column that is not a numeric feature or holds negative values. */
function checkLogColumns(log: PipelineOptions['log'], numeric: readonly ColumnStats[]): void {
  if (!Array.isArray(log)) return;
  for (const name of log) {
    const s = numeric.find((f) => f.column.name === name);
    if (!s || s.column.kind !== 'number') throw new UsageError(`invalid --log column "${name}": not a numeric feature`);
    if (s.min! < 0) throw new UsageError(`invalid --log column "${name}": it has negative values, log1p needs values ≥ 0`);
  }
}

/** The fill of each numeric feature's missing cells: the mean (an exact sum) or the median of its present values. */
async function fillValues(
  engine: SqlEngine,
  from: string,
  numeric: readonly ColumnStats[],
  values: readonly string[],
  impute: string,
  quantiles: QuantilesOf,
  together: boolean,
): Promise<number[]> {
  const d = engine.dialect;
  const sums = values.map((v, j) => exactSumSql(d, v, bound(numeric[j]!)));
  const fillRow =
    impute === 'mean'
      ? numeric.length
        ? (await engine.query(`SELECT ${values.map((_, j) => `${sums[j]!.sql} AS segmenta_s${j}`).join(', ')} FROM ${from}`))[0]!
        : {}
      : await oneColumnAtATime(
          engine,
          from,
          values.map((v, j) => [`${quantiles(v, [0.5], numeric[j]!.present)[0]!} AS segmenta_m${j}`]),
          together,
        );
  return numeric.map((s, j) =>
    impute === 'mean' ? readExactSum(fillRow[`segmenta_s${j}`], sums[j]!.shift) / s.present : knownMedian(fillRow[`segmenta_m${j}`], s),
  );
}

/** A median read back: NULL (the engine saw other values than counted) is refused, naming the column. */
function knownMedian(value: unknown, s: ColumnStats): number {
  const v = toNumber(value);
  if (s.present > 0 && !Number.isFinite(v))
    throw new DataError(
      `column "${s.column.name}": its median could not be computed (the column holds NaN, or the table changed while it was read); replace NaN values or leave the column out (${mention('exclude')})`,
    );
  return v;
}

/**
 * The category steps (level counts by GROUP BY, then `categoryStep`), set into `steps`; what they encoded and,
 * for missing cells, imputed.
 */
async function categorySteps(
  engine: SqlEngine,
  from: string,
  categorical: readonly ColumnStats[],
  rows: number,
  options: Parameters<typeof categoryStep>[4],
  steps: Map<string, NumericStep | CategoryStep>,
): Promise<{ imputed: Array<PreprocessReport['imputed'][number]>; encoded: Array<PreprocessReport['encoded'][number]> }> {
  const d = engine.dialect;
  const imputed: Array<{ column: string; count: number; value: string | number }> = [];
  const encoded: Array<{ column: string; levels: string[]; groupedAsOther: string[] }> = [];
  for (const s of categorical) {
    const q = d.ident(s.column.name);
    const counted = await engine.query(`SELECT CAST(${q} AS ${d.text}) AS segmenta_v, COUNT(*) AS segmenta_n FROM ${from} GROUP BY segmenta_v`);
    const counts = new Map<string, number>();
    let missing = 0;
    for (const r of counted) r['segmenta_v'] === null ? (missing = toNumber(r['segmenta_n'])) : counts.set(String(r['segmenta_v']), toNumber(r['segmenta_n']));
    const fitted = categoryStep(s.column.name, counts, missing, rows, options);
    steps.set(s.column.name, fitted.step);
    encoded.push(fitted.encoded);
    if (fitted.imputed) imputed.push(fitted.imputed);
  }
  return { imputed, encoded };
}

/** Each scaled column's bound (largest magnitude after preprocessing), for exact sums over the scaled features. */
function scaledBounds(ordered: ReadonlyArray<NumericStep | CategoryStep>, partial: readonly NumericStep[], inputBounds: readonly number[]): number[] {
  return ordered.flatMap((step) =>
    step.kind === 'number'
      ? [(inputBounds[partial.findIndex((p) => p.column === step.column)]! + Math.abs(step.center)) / step.scale]
      : step.scales.map((sc, w) => (1 + Math.abs(step.centers[w]!)) / sc),
  );
}

/** The key of a database table by `chooseKey`'s rule, from the statistics' exact distinct counts. */
export function keyInEngine(stats: TableStats, source: string, id?: string): KeyChoice {
  const rows = stats.rows;
  return chooseKey(
    stats.columns.map((s) => ({
      name: s.column.name,
      kind: s.column.kind,
      unique: () => rows > 1 && s.distinct === rows && s.present === rows,
      rowNumber: () => s.column.integer && s.distinct === rows && s.present === rows && s.max! - s.min! === rows - 1,
    })),
    source,
    id,
  );
}

/** How a key column sorts: numbers as numbers, everything else as text. */
export function keyKindOf(stats: TableStats, key: KeyChoice): 'number' | 'string' {
  return stats.columns.find((s) => s.column.name === key.column)?.column.kind === 'number' ? 'number' : 'string';
}
