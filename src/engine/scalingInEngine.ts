/**
 * The figures preprocessing needs from a database table beyond its statistics: exact or approximate quantiles,
 * the mean and standard deviation of each (logged) feature for scaling, and which columns to log.
 */
import { autoLog } from '../preprocess/numericStep.js';
import type { PipelineOptions } from '../preprocess/pipeline.js';
import { exactSumSql, readExactSum, type QuantilesOf } from './engineSql.js';
import { sqlNumber } from './sqlDialect.js';
import type { EngineDialect } from './engineDialect.js';
import { toNumber, type SqlEngine } from './sqlEngine.js';
import type { ColumnStats } from './tableStats.js';

/** Above this many rows DuckDB takes medians and quartiles from its approximate (t-digest) quantile. */
const EXACT_QUANTILE_ROWS = 5_000_000;

/** Whether quantiles are computed exactly: always in PostgreSQL and ClickHouse, in DuckDB up to EXACT_QUANTILE_ROWS rows. */
export function exactQuantiles(d: EngineDialect, rows: number): boolean {
  return d.approximateQuantile === null || rows <= EXACT_QUANTILE_ROWS;
}

/**
 * Runs one aggregate query per column (each a list of SELECT items) and merges the single-row results: exact
 * quantiles hold a column's values in the engine's memory, so one column at a time keeps that to one column.
 * With `together` (approximate quantiles: small states) one query does all columns in one scan.
 */
export async function oneColumnAtATime(engine: SqlEngine, from: string, items: readonly string[][], together = false): Promise<Record<string, unknown>> {
  const merged: Record<string, unknown> = {};
  for (const list of together ? [items.flat()] : items)
    if (list.length) Object.assign(merged, (await engine.query(`SELECT ${list.join(', ')} FROM ${from}`))[0]);
  return merged;
}

/** The SELECT items of `expr`'s quartiles, named segmenta_a, _m and _b (lower, median, upper) with the suffix j. */
export function quartileItems(quantiles: QuantilesOf, expr: string, count: number, j: number): string[] {
  const [a, m, b] = quantiles(expr, [0.25, 0.5, 0.75], count);
  return [`${a!} AS segmenta_a${j}`, `${m!} AS segmenta_m${j}`, `${b!} AS segmenta_b${j}`];
}

/** The largest magnitude of a column's values: the bound exact sums are sized for. */
export function bound(s: ColumnStats): number {
  return Math.max(Math.abs(s.min ?? 0), Math.abs(s.max ?? 0));
}

/** (center, scale) per numeric input, as fitScaling computes them, from aggregates of the filled values. */
export async function scalingStats(
  engine: SqlEngine,
  from: string,
  rows: number,
  scale: PipelineOptions['scale'],
  inputs: readonly string[],
  bounds: readonly number[],
  quantiles: QuantilesOf,
  approximate: boolean,
): Promise<Array<{ center: number; scale: number }>> {
  const nonZero = (s: number): number => (s > 0 && Number.isFinite(s) ? s : 1);
  if (inputs.length === 0) return [];
  const d = engine.dialect;
  const one = async (items: string[]): Promise<Record<string, unknown>> => (await engine.query(`SELECT ${items.join(', ')} FROM ${from}`))[0]!;
  switch (scale) {
    case 'none':
      return inputs.map(() => ({ center: 0, scale: 1 }));
    case 'minmax': {
      const r = await one(inputs.flatMap((v, j) => [`MIN(${v}) AS segmenta_lo${j}`, `MAX(${v}) AS segmenta_hi${j}`]));
      return inputs.map((_, j) => ({
        center: toNumber(r[`segmenta_lo${j}`]),
        scale: nonZero(toNumber(r[`segmenta_hi${j}`]) - toNumber(r[`segmenta_lo${j}`])),
      }));
    }
    case 'robust': {
      const r = await oneColumnAtATime(
        engine,
        from,
        // Every row has an input value (missing cells are filled): `rows` of them per column.
        inputs.map((v, j) => quartileItems(quantiles, v, rows, j)),
        approximate,
      );
      return inputs.map((_, j) => ({ center: toNumber(r[`segmenta_m${j}`]), scale: nonZero(toNumber(r[`segmenta_b${j}`]) - toNumber(r[`segmenta_a${j}`])) }));
    }
    default: {
      // Two passes, as moments(): the exact mean, then the exact sum of squared deviations from it.
      const plain = inputs.map((v, j) => exactSumSql(d, v, bounds[j]!));
      const sums = await one(plain.map((p, j) => `${p.sql} AS segmenta_s${j}`));
      const means = inputs.map((_, j) => readExactSum(sums[`segmenta_s${j}`], plain[j]!.shift) / rows);
      const dev = (v: string, j: number): string => `((${v}) - (${sqlNumber(means[j]!)})) * ((${v}) - (${sqlNumber(means[j]!)}))`;
      const squared = inputs.map((v, j) => exactSumSql(d, dev(v, j), 4 * bounds[j]! * bounds[j]!));
      const squares = await one(squared.map((p, j) => `${p.sql} AS segmenta_q${j}`));
      return inputs.map((_, j) => ({ center: means[j]!, scale: nonZero(Math.sqrt(readExactSum(squares[`segmenta_q${j}`], squared[j]!.shift) / rows)) }));
    }
  }
}

/** log=auto: non-negative columns with adjusted skewness > 1 and more than 10 distinct values (as fitPipeline). */
export async function autoLogColumns(engine: SqlEngine, from: string, numeric: readonly ColumnStats[], values: readonly string[]): Promise<Set<string>> {
  const candidates = numeric.map((s, j) => ({ s, v: values[j]! })).filter(({ s }) => s.column.kind === 'number' && s.min! >= 0);
  if (candidates.length === 0) return new Set();
  // Distinct counts the statistics scan did not take (non-integer columns) are counted here.
  const uncounted = candidates.filter(({ s }) => s.distinct === undefined);
  const counted = uncounted.length
    ? (await engine.query(`SELECT ${uncounted.map(({ v }, j) => `COUNT(DISTINCT ${v}) AS segmenta_u${j}`).join(', ')} FROM ${from}`))[0]!
    : {};
  const distinct = (s: ColumnStats): number => s.distinct ?? toNumber(counted[`segmenta_u${uncounted.findIndex((u) => u.s === s)}`]);
  const skew = await skewnessInEngine(
    engine,
    from,
    candidates.map(({ v }) => v),
    candidates.map(({ s }) => s.present),
  );
  return new Set(
    candidates.filter(({ s }, j) => autoLog({ kind: 'number', min: s.min!, skewness: skew[j]!, distinct: distinct(s) })).map(({ s }) => s.column.name),
  );
}

/**
 * Adjusted Fisher–Pearson skewness G1 (as `moments` and pandas) of each expression over its present values,
 * from the mean and the centred second and third moments: two scans. NaN below 3 values.
 */
export async function skewnessInEngine(engine: SqlEngine, from: string, values: readonly string[], present: readonly number[]): Promise<number[]> {
  if (values.length === 0) return [];
  const first = (await engine.query(`SELECT ${values.map((v, j) => `AVG(${v}) AS segmenta_a${j}`).join(', ')} FROM ${from}`))[0]!;
  const moments = (
    await engine.query(
      `SELECT ${values
        .map((v, j) => {
          const c = `((${v}) - (${sqlNumber(toNumber(first[`segmenta_a${j}`]) || 0)}))`;
          return `AVG(${c} * ${c}) AS segmenta_m2_${j}, AVG(${c} * ${c} * ${c}) AS segmenta_m3_${j}`;
        })
        .join(', ')} FROM ${from}`,
    )
  )[0]!;
  return values.map((_, j) => {
    const n = present[j]!,
      m2 = toNumber(moments[`segmenta_m2_${j}`]),
      m3 = toNumber(moments[`segmenta_m3_${j}`]);
    const g1 = m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
    return n >= 3 ? (Math.sqrt(n * (n - 1)) / (n - 2)) * g1 : NaN;
  });
}
