import { UsageError } from '../util/errors.js';
import type { Dialect } from './sqlDialect.js';

/**
 * SQL for the aggregates the engine back ends compute, in DuckDB's or PostgreSQL's spelling. Sums are exact
 * (fixed-point decimals) so that a parallel scan gives the same bits on every run, whatever order threads
 * finish in: a plain floating-point SUM would not, and the same data and seed must give the same model.
 */

/** DuckDB DECIMAL holds 38 digits; this many stay after the point at most. */
const MAX_SCALE = 18;

/**
 * The exact sum of `expr` over the rows, as text (read it with Number). `bound` is an upper bound of |expr|
 * and `rows` the row count: DuckDB sums DECIMAL(38, s) with s as large as the total allows; PostgreSQL sums
 * NUMERIC (its float→numeric cast keeps 15 significant digits). Falls back to a floating-point sum when the
 * total could exceed 10^36.
 */
export function exactSumSql(d: Dialect, expr: string, bound: number, rows: number): string {
  if (d.name === 'postgres') return `CAST(SUM(CAST(${expr} AS NUMERIC)) AS TEXT)`;
  if (d.name !== 'duckdb') throw new UsageError(`no engine back end for ${d.name}`);
  const digits = Math.ceil(Math.log10(Math.max(bound, 1e-300) * Math.max(rows, 1) + 1)) + 1;
  const scale = Math.min(MAX_SCALE, 38 - Math.max(digits, 1));
  if (!Number.isFinite(bound) || scale < 2) return `CAST(SUM(${expr}) AS VARCHAR)`;
  return `CAST(SUM(CAST(${expr} AS DECIMAL(38, ${scale}))) AS VARCHAR)`;
}

/** The p-quantile of `expr` by linear interpolation (numpy's default; PostgreSQL percentile_cont). */
export function quantileSql(d: Dialect, expr: string, p: number): string {
  return d.name === 'postgres' ? `percentile_cont(${p}) WITHIN GROUP (ORDER BY ${expr})` : `quantile_cont(${expr}, ${p})`;
}

/** `expr` as text that sorts byte-wise in both engines (PostgreSQL otherwise sorts by the server's locale). */
export function textOrderSql(d: Dialect, expr: string): string {
  return d.name === 'postgres' ? `CAST(${expr} AS TEXT) COLLATE "C"` : `CAST(${expr} AS VARCHAR)`;
}

/** A seeded pseudo-random order of rows by an md5 of the seed and a text (the same in DuckDB and PostgreSQL). */
export function seededOrderSql(seed: number, text: string): string {
  return `md5('${Math.trunc(seed)}:' || ${text})`;
}
