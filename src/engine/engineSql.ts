import { DataError, UsageError } from '../util/errors.js';
import type { Dialect } from './sqlDialect.js';

/**
 * SQL for the aggregates the engine back ends compute, in DuckDB's or PostgreSQL's spelling.
 */

/**
 * The sum of `expr` over the rows, computed exactly on fixed-point integers, as text (read it with
 * Number, then divide by 2^shift). Each value is rounded to a multiple of 2^−shift, with `shift` as large as
 * a BIGINT allows for values up to `bound` (|expr| ≤ bound), and the integers are summed exactly
 * (DuckDB: HUGEINT, PostgreSQL: 128-bit / NUMERIC). So a parallel scan gives the same bits on every run
 * whatever order threads finish in — a floating-point SUM would not, and the same data and seed must give
 * the same model — and both engines give the same figure. Fast: integer sums, no decimal arithmetic.
 */
export function exactSumSql(d: Dialect, expr: string, bound: number): { sql: string; shift: number } {
  if (d.name !== 'postgres' && d.name !== 'duckdb') throw new UsageError(`no engine back end for ${d.name}`);
  const shift = fixedPointShift(bound);
  const scaled = `ROUND((${expr}) * ${2 ** shift})`;
  return { sql: `CAST(SUM(CAST(${scaled} AS BIGINT)) AS ${d.text})`, shift };
}

/** Reads a sum written by exactSumSql back as a double. */
export function readExactSum(value: unknown, shift: number): number {
  if (value === null || value === undefined) return 0;
  return Number(String(value)) / 2 ** shift;
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

/** The p-quantile of `expr` by linear interpolation (numpy's default; PostgreSQL percentile_cont). */
export function quantileSql(d: Dialect, expr: string, p: number): string {
  return d.name === 'postgres' ? `percentile_cont(${p}) WITHIN GROUP (ORDER BY ${expr})` : `quantile_cont(${expr}, ${p})`;
}

/** `expr` as text that sorts byte-wise in both engines (PostgreSQL otherwise sorts by the server's locale). */
export function textOrderSql(d: Dialect, expr: string): string {
  return byteOrder(d, `CAST(${expr} AS ${d.text})`);
}

/** A text expression compared byte-wise (PostgreSQL: COLLATE "C"; DuckDB compares bytes already). */
export function byteOrder(d: Dialect, textExpr: string): string {
  return d.name === 'postgres' ? `${textExpr} COLLATE "C"` : textExpr;
}

/** A seeded pseudo-random order of rows by an md5 of the seed and a text (the same in DuckDB and PostgreSQL). */
export function seededOrderSql(seed: number | string, text: string): string {
  return `md5('${String(seed).replaceAll("'", "''")}:' || ${text})`;
}

/** A seeded uniform number in [0, 1) per row from the first 32 bits of md5(seed:text) (same in both engines). */
export function seededUniformSql(d: Dialect, seed: number | string, text: string): string {
  const prefix = `substr(${seededOrderSql(seed, text)}, 1, 8)`;
  const bits = d.name === 'postgres' ? `CAST(CAST('x' || ${prefix} AS BIT(32)) AS BIGINT)` : `CAST('0x' || ${prefix} AS BIGINT)`;
  return `(${bits} / 4294967296.0)`;
}
