import { DataError, UsageError } from '../util/errors.js';
import type { Dialect } from './sqlDialect.js';

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
export function exactSumSql(d: Dialect, expr: string, bound: number): { sql: string; shift: number } {
  const shift = fixedPointShift(bound);
  const scaled = `ROUND((${expr}) * ${2 ** shift})`;
  if (d.name === 'clickhouse') {
    // No 128-bit integers in ClickHouse 18 (its Decimal128 prints wrongly): each 62-bit integer is split at
    // 2^31 into a high and a low part whose sums fit 64 bits up to 2^32 rows, joined exactly by readExactSum.
    const v = `toInt64(${scaled})`;
    return { sql: `concat(toString(sum(intDiv(${v}, ${SPLIT}))), ':', toString(sum(${v} % ${SPLIT})))`, shift };
  }
  if (d.name !== 'postgres' && d.name !== 'duckdb') throw new UsageError(`no engine back end for ${d.name}`);
  return { sql: `CAST(SUM(CAST(${scaled} AS BIGINT)) AS ${d.text})`, shift };
}

/** Where ClickHouse's exact sums split each integer (high part × SPLIT + low part). */
const SPLIT = 2 ** 31;

/** Reads a sum written by exactSumSql back as a double ("high:low" from ClickHouse, joined with big integers). */
export function readExactSum(value: unknown, shift: number): number {
  if (value === null || value === undefined) return 0;
  const text = String(value);
  const colon = text.indexOf(':');
  const whole = colon < 0 ? Number(text) : Number(BigInt(text.slice(0, colon)) * BigInt(SPLIT) + BigInt(text.slice(colon + 1)));
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

/** The p-quantile of `expr` by linear interpolation (numpy's default; PostgreSQL percentile_cont). */
export function quantileSql(d: Dialect, expr: string, p: number): string {
  if (d.name === 'clickhouse') {
    // No interpolating quantile in ClickHouse 18: the sorted values (NULLs skipped), and numpy's rule on them.
    // The inline alias lets one sort serve every quantile of the same expression in a query.
    const sorted = `(arraySort(groupArray(${expr})) AS segmenta_sorted_${textHash(expr)})`;
    const h = `((length(${sorted}) - 1) * ${p})`;
    const at = (offset: number): string => `arrayElement(${sorted}, toUInt64(floor(${h})) + ${offset})`;
    return `(${at(1)} + (${h} - floor(${h})) * (${at(2)} - ${at(1)}))`;
  }
  return d.name === 'postgres' ? `percentile_cont(${p}) WITHIN GROUP (ORDER BY ${expr})` : `quantile_cont(${expr}, ${p})`;
}

/** A short stable hash of a text (FNV-1a, 32 bits, hex), for names derived from SQL. */
function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}

/** `expr` as text that sorts byte-wise in both engines (PostgreSQL otherwise sorts by the server's locale). */
export function textOrderSql(d: Dialect, expr: string): string {
  return byteOrder(d, `CAST(${expr} AS ${d.text})`);
}

/** A text expression compared byte-wise (PostgreSQL: COLLATE "C"; DuckDB compares bytes already). */
export function byteOrder(d: Dialect, textExpr: string): string {
  return d.name === 'postgres' ? `${textExpr} COLLATE "C"` : textExpr;
}

/**
 * A seeded pseudo-random order of rows by the lower-case hex md5 of the seed and a text — the same text in
 * DuckDB, PostgreSQL and ClickHouse (whose MD5 gives bytes: hex-encoded and lower-cased), so every engine
 * picks the same rows.
 */
export function seededOrderSql(d: Dialect, seed: number | string, text: string): string {
  const input = `'${String(seed).replaceAll("'", "''")}:' || ${text}`;
  return d.name === 'clickhouse' ? `lower(hex(MD5(${input})))` : `md5(${input})`;
}

/** A seeded uniform number in [0, 1) per row from the first 32 bits of md5(seed:text) (the same in every engine). */
export function seededUniformSql(d: Dialect, seed: number | string, text: string): string {
  const prefix = `substr(${seededOrderSql(d, seed, text)}, 1, 8)`;
  const bits =
    d.name === 'postgres'
      ? `CAST(CAST('x' || ${prefix} AS BIT(32)) AS BIGINT)`
      : d.name === 'clickhouse'
        ? `reinterpretAsUInt32(reverse(unhex(${prefix})))`
        : `CAST('0x' || ${prefix} AS BIGINT)`;
  return `(${bits} / 4294967296.0)`;
}
