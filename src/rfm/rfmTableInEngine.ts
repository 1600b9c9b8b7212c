import { exactSumSql, readExactSum, textOrderSql } from '../engine/engineSql.js';
import type { SqlEngine } from '../engine/sqlEngine.js';
import { toNumber } from '../engine/sqlEngine.js';
import { DIALECTS } from '../engine/sqlDialect.js';
import { closestName } from '../util/closestName.js';
import { DataError, UsageError } from '../util/errors.js';
import { assembleRfmTable, type RfmColumns, type RfmTableResult } from './computeRfmTable.js';

/**
 * The RFM table of an order log that is a database table, computed by SQL in its engine (DuckDB or
 * PostgreSQL) with the same cleaning rule as `computeRfmTable`; only one row per customer leaves the engine.
 * A database table is typed, so the date column must be a date or timestamp and amounts numbers (no format
 * guessing). Monetary sums are exact (fixed point), so runs are repeatable. Two scans of the table.
 */
export async function computeRfmTableInEngine(engine: SqlEngine, table: string, columns: RfmColumns, asOf?: string): Promise<RfmTableResult> {
  if (!columns.amount && !(columns.quantity && columns.price)) throw new UsageError('rfm: give --amount COL, or both --quantity COL and --price COL');
  if (columns.amount && (columns.quantity || columns.price)) throw new UsageError('rfm: give either --amount or --quantity with --price, not both');
  const source = `${engine.label} table ${table}`;
  const d = engine.dialect;
  const described = await engine.columns(table);
  const names = described.map((c) => c.name);
  const flags: Array<[string, string | undefined, 'date' | 'number' | undefined]> = [
    ['--customer', columns.customer, undefined],
    ['--date', columns.date, 'date'],
    ['--amount', columns.amount, 'number'],
    ['--quantity', columns.quantity, 'number'],
    ['--price', columns.price, 'number'],
    ['--invoice', columns.invoice, undefined],
  ];
  for (const [flag, name, kind] of flags) {
    if (name === undefined) continue;
    const c = described.find((x) => x.name === name);
    if (!c) {
      const near = closestName(name, names);
      throw new DataError(`${source} has no column "${name}" (${flag})${near ? `; did you mean "${near}"?` : `; columns are: ${names.join(', ')}`}`);
    }
    if (kind && c.kind !== kind) {
      throw new DataError(
        `${source}: ${flag} column "${name}" is ${c.sqlType}; it must be ${kind === 'date' ? 'a date or timestamp' : 'a number'} (cast it in a view)`,
      );
    }
  }
  const col = (name: string | undefined, type: string): string => (name === undefined ? `CAST(NULL AS ${type})` : `CAST(${d.ident(name)} AS ${type})`);
  const value = columns.amount ? col(columns.amount, d.double) : `${col(columns.quantity, d.double)} * ${col(columns.price, d.double)}`;
  const lines = `SELECT NULLIF(regexp_replace(trim(${col(columns.customer, d.text)}), '\\.0+$', ''), '') AS customer,
      ${col(columns.invoice, d.text)} AS invoice, CAST(${d.ident(columns.date)} AS TIMESTAMP) AS ts, ${value} AS v,
      ${columns.price ? col(columns.price, d.double) : `CAST(NULL AS ${d.double})`} AS price,
      COALESCE(upper(${col(columns.invoice, d.text)}) LIKE 'C%', false) AS cancellation
    FROM ${engine.tableRef(table)}`;
  const classified = `WITH lines AS (${lines}), classified AS (SELECT *,
      CASE WHEN customer IS NULL THEN 'noCustomer' WHEN ts IS NULL THEN 'noDate'
           WHEN price IS NOT NULL AND price <= 0 THEN 'nonPositivePrice' WHEN v IS NULL OR v = 0 THEN 'zeroValue' ELSE NULL END AS dropped,
      cancellation OR v < 0 AS is_return
    FROM lines)`;
  const counts = (
    await engine.query(`${classified} SELECT COUNT(*) AS "lines",
      COUNT(*) FILTER (WHERE dropped = 'noCustomer') AS "noCustomer", COUNT(*) FILTER (WHERE dropped = 'noDate') AS "noDate",
      COUNT(*) FILTER (WHERE dropped = 'nonPositivePrice') AS "nonPositivePrice", COUNT(*) FILTER (WHERE dropped = 'zeroValue') AS "zeroValue",
      COUNT(*) FILTER (WHERE dropped IS NULL AND cancellation) AS "cancellations",
      COUNT(*) FILTER (WHERE dropped IS NULL AND NOT cancellation AND v < 0) AS "returns",
      COUNT(*) FILTER (WHERE dropped IS NULL AND NOT is_return) AS "purchases",
      CAST(CAST(MAX(ts) FILTER (WHERE dropped IS NULL) AS DATE) + 1 AS ${d.text}) AS "nextDay",
      MAX(ABS(v)) FILTER (WHERE dropped IS NULL) AS "largest"
    FROM classified`)
  )[0]!;
  const total = toNumber(counts['lines']);
  if (total === 0) throw new DataError(`${source} has no rows; give an order log with one line per purchase`);
  if (toNumber(counts['purchases']) === 0) {
    throw new DataError(
      `${source}: no valid purchase lines (of ${total}: ${toNumber(counts['noCustomer'])} without customer id, ${toNumber(counts['noDate'])} without date, ${toNumber(counts['nonPositivePrice'])} with price ≤ 0, ${toNumber(counts['zeroValue'])} of zero value, the rest returns); check the column choices`,
    );
  }
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError(`invalid --as-of: ${asOf} (expected a date like 2011-12-10)`);
  const asOfDate = asOf ?? String(counts['nextDay']);
  const order = columns.invoice ? 'invoice' : 'ts';
  // Exact (fixed-point) sums: the same bits on every run and in every engine, whatever order threads add in.
  const monetary = exactSumSql(d, 'CASE WHEN is_return THEN -ABS(v) ELSE v END', toNumber(counts['largest']) * 1.01 + 1);
  const stamp = (e: string): string => `SUBSTR(CAST(${e} AS ${d.text}), 1, 19)`;
  const perCustomer = await engine.query(`${classified}, agg AS (
      SELECT customer, COUNT(DISTINCT ${order}) FILTER (WHERE NOT is_return) AS frequency, ${monetary.sql} AS monetary,
        MIN(ts) FILTER (WHERE NOT is_return) AS first_ts, MAX(ts) FILTER (WHERE NOT is_return) AS last_ts
      FROM classified WHERE dropped IS NULL GROUP BY customer)
    SELECT customer, frequency, monetary, CAST(${DIALECTS.postgres.literal(asOfDate)} AS DATE) - CAST(last_ts AS DATE) AS recency,
      CAST(${DIALECTS.postgres.literal(asOfDate)} AS DATE) - CAST(first_ts AS DATE) AS tenure, ${stamp('first_ts')} AS first_purchase, ${stamp('last_ts')} AS last_purchase
    FROM agg ORDER BY ${textOrderSql(d, 'customer')}`);
  const rows = perCustomer.map((r) => ({
    ...r,
    frequency: toNumber(r['frequency']),
    recency: toNumber(r['recency']),
    tenure: toNumber(r['tenure']),
    monetary: readExactSum(r['monetary'], monetary.shift),
  }));
  return assembleRfmTable(
    rows,
    counts,
    total,
    { format: "the table's date type", note: `read as ${described.find((c) => c.name === columns.date)!.sqlType} from the database` },
    asOfDate,
    source,
  );
}
