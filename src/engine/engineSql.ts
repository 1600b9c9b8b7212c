import { DataError } from '../util/errors.js';
import { EXACT_SUM_SPLIT, type EngineDialect } from './engineDialect.js';

/**
 * SQL for the aggregates the engine back ends compute, in DuckDB's, PostgreSQL's or ClickHouse's spelling.
 */

/**
 * The sum of `expr` over the rows, computed exactly on fixed-point integers, as text (read it with
 * Number, then divide by 2^shift). Each value is rounded to a multiple of 2^−shift, with `shift` as large as
 * a BIGINT allows for values up to `bound` (|expr| ≤ bound), and the integers are summed exactly
 * (DuckDB: HUGEINT, PostgreSQL: 128-bit / NUMERIC). So a parallel scan gives the same bits on every run
 * whatever order threads finish in — a floating-point SUM would not, and the same data and seed must give
 * the same model — and both engines give the same figure. Fast: integer sums, no decimal arithmetic.
 */
export function exactSumSql(d: EngineDialect, expr: string, bound: number): { sql: string; shift: number } {
  const shift = fixedPointShift(bound);
  return { sql: d.exactSum(`ROUND((${expr}) * ${2 ** shift})`), shift };
}

/** Reads a sum written by exactSumSql back as a double ("high:low" from ClickHouse, joined with big integers). */
export function readExactSum(value: unknown, shift: number): number {
  if (value === null || value === undefined) return 0;
  const text = String(value);
  const colon = text.indexOf(':');
  const whole = colon < 0 ? Number(text) : Number(BigInt(text.slice(0, colon)) * BigInt(EXACT_SUM_SPLIT) + BigInt(text.slice(colon + 1)));
  return whole / 2 ** shift;
}

/**
 * Binary digits after the point for values up to `bound`: as many as keep every value × 2^shift below 2^62
 * (a BIGINT). Multiplying by a power of two is exact, so values near the bound keep all 53 bits and smaller
 * ones are rounded at bound × 2^−62 at worst.
 */
function fixedPointShift(bound: number): number {
  const top = Number.isFinite(bound) && bound > 0 ? Math.ceil(Math.log2(bound + 1)) : 1;
  if (top > 60)
    throw new DataError(`values up to ${bound} are too large to sum exactly (the limit is 2^60); divide the column by a power of ten first, e.g. in a view`);
  return 62 - top;
}

/**
 * The p-quantile of `expr` by linear interpolation, exact, or approximate (DuckDB's t-digest) when `exact` is
 * false and the engine has an approximate one.
 */
export function quantileSql(d: EngineDialect, expr: string, p: number, exact = true): string {
  return !exact && d.approximateQuantile ? d.approximateQuantile(expr, p) : d.quantile(expr, p);
}

/** A quantile function of a table's columns: SELECT items for the p-quantiles of `expr`, which has `count` non-NULL values. */
export type QuantilesOf = (expr: string, ps: readonly number[], count: number) => string[];

/**
 * `quantileSql` for every p of `expr`, one SELECT item each, given `count`, the number of its non-NULL values:
 * the engine's `quantilesOfCount` when exact (ClickHouse selects order statistics instead of sorting; its item
 * is NULL when the values it saw are not `count`).
 */
export function quantilesOfCountSql(d: EngineDialect, exact: boolean): QuantilesOf {
  return (expr, ps, count) => (!exact && d.approximateQuantile ? ps.map((p) => d.approximateQuantile!(expr, p)) : d.quantilesOfCount(expr, ps, count));
}

/** `expr` as text that sorts byte-wise in every engine (PostgreSQL otherwise sorts by the server's locale). */
export function textOrderSql(d: EngineDialect, expr: string): string {
  return d.byteOrder(`CAST(${expr} AS ${d.text})`);
}

/**
 * A seeded pseudo-random order of rows by the lower-case hex md5 of the seed and a text — the same text in
 * DuckDB, PostgreSQL and ClickHouse, so every engine picks the same rows.
 */
export function seededOrderSql(d: EngineDialect, seed: number | string, text: string): string {
  return d.md5Hex(`'${String(seed).replaceAll("'", "''")}:' || ${text}`);
}

/** A seeded uniform number in [0, 1) per row from the first 32 bits of md5(seed:text) (the same in every engine). */
export function seededUniformSql(d: EngineDialect, seed: number | string, text: string): string {
  return `(${d.hex32(`substr(${seededOrderSql(d, seed, text)}, 1, 8)`)} / 4294967296.0)`;
}
