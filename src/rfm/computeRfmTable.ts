import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral, withDuckDB } from '../data/duckdb.js';
import { prepareInput } from '../data/prepareInput.js';
import { CLI_READ_LIMITS } from '../data/readLimits.js';
import { exactSumSql, readExactSum } from '../engine/engineSql.js';
import { ENGINE_DIALECTS } from '../engine/engineDialect.js';
import { closestName } from '../util/closestName.js';
import { DataError, UsageError } from '../util/errors.js';
import { calendarDate } from '../util/calendarDate.js';
import type { OrderLogColumns } from '../data/orderLogHint.js';

/** Which columns of the order log hold what. Either `amount`, or `quantity` and `price`. */
export type RfmColumns = OrderLogColumns;

/** What cleaning did, line by line and customer by customer. */
export interface RfmCleaning {
  readonly lines: number;
  readonly dropped: { readonly noCustomer: number; readonly noDate: number; readonly nonPositivePrice: number; readonly zeroValue: number };
  /** Lines of invoices starting with "C" (cancellations): netted against purchases. */
  readonly cancellationLines: number;
  /** Other lines with a negative quantity or amount (returns): netted against purchases. */
  readonly returnLines: number;
  readonly purchaseLines: number;
  /** Customers dropped because they have returns but no purchase in the log. */
  readonly returnOnlyCustomers: number;
  readonly customers: number;
}

/** One customer's recency, frequency and monetary value with the figures around them. */
export interface RfmRow {
  readonly customer: string;
  /** Days from the last purchase (date part) to the as-of date. */
  readonly recency: number;
  /** Distinct purchase invoices (or distinct purchase timestamps without an invoice column). */
  readonly frequency: number;
  /** Net revenue: purchases minus returns and cancellations. */
  readonly monetary: number;
  readonly firstPurchase: string;
  readonly lastPurchase: string;
  /** Days from the first purchase to the as-of date. */
  readonly tenure: number;
  readonly averageOrderValue: number;
}

/** Date formats tried, in order; the first that parses every non-blank date wins (month-first before day-first). */
export const DATE_FORMATS = [
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%dT%H:%M:%S',
  '%Y-%m-%d %H:%M',
  '%Y-%m-%d',
  '%m/%d/%Y %H:%M',
  '%m/%d/%Y %H:%M:%S',
  '%m/%d/%Y',
  '%d/%m/%Y %H:%M',
  '%d/%m/%Y %H:%M:%S',
  '%d/%m/%Y',
  '%d-%m-%Y %H:%M',
  '%d-%m-%Y',
  '%d.%m.%Y %H:%M',
  '%d.%m.%Y',
  '%Y/%m/%d %H:%M:%S',
  '%Y/%m/%d',
  '%Y%m%d',
];

/**
 * Computes the RFM table of an order log inside DuckDB (SQL; memory stays bounded by the number of
 * customers). Cleaning rule (`withCleanOrderLog`): lines without a customer id or date are dropped; with
 * quantity × price, lines with a zero or negative price are dropped; zero-value lines are dropped;
 * cancellations (invoice starting with "C") and returns (negative quantity or amount) are kept as negative
 * revenue, netted against the customer's purchases, and count neither as orders nor for recency; customers
 * left with returns only are dropped. Ids written as floats ("17850.0") are read as "17850". Every count is
 * reported. With `until`, lines dated after it are left out (the RFM table of a calibration period).
 */
export async function computeRfmTable(path: string, columns: RfmColumns, asOf?: string, until?: string): Promise<RfmTableResult> {
  return withCleanOrderLog(path, columns, (conn, log) => rfmTableFrom(conn, log, asOf, until));
}

/**
 * The order log after cleaning, in DuckDB: the temporary table `classified` holds one row per line with
 * `customer`, `invoice`, `ts` (timestamp), `v` (value), `cancellation`, `is_return` and `dropped` (NULL for a
 * kept line, else why: noCustomer, noDate, nonPositivePrice, zeroValue).
 */
export interface CleanOrderLog {
  readonly path: string;
  readonly lines: number;
  /** noCustomer, noDate, nonPositivePrice, zeroValue, cancellations, returns, purchases, next_day, largest. */
  readonly counts: Record<string, unknown>;
  readonly dateFormat: { readonly format: string; readonly note: string };
  /** True when an invoice column was given (orders are distinct invoices, else distinct timestamps). */
  readonly invoice: boolean;
}

/** Checks that the order value is named one way: --amount, or --quantity with --price. Shared by files and tables. */
export function checkValueColumns(columns: RfmColumns): void {
  if (!columns.amount && !(columns.quantity && columns.price)) throw new UsageError('give --amount COL, or both --quantity COL and --price COL');
  if (columns.amount && (columns.quantity || columns.price)) throw new UsageError('give either --amount or --quantity with --price, not both');
}

/**
 * Reads an order log (CSV/TSV, space-aligned text, Parquet, JSON) into DuckDB, checks the named columns,
 * detects the date format, classifies every line by the cleaning rule (see `computeRfmTable`), refuses a log
 * with no valid purchase, and runs `work` on the connection. Shared by RFM and customer value. O(lines).
 */
export async function withCleanOrderLog<T>(path: string, columns: RfmColumns, work: (conn: DuckDBConnection, log: CleanOrderLog) => Promise<T>): Promise<T> {
  checkValueColumns(columns);
  const input = await prepareInput(path, CLI_READ_LIMITS);
  const { sniff, readPath } = input;
  const source =
    sniff.format === 'parquet'
      ? `read_parquet(${quoteLiteral(readPath)})`
      : sniff.format === 'json'
        ? `read_json(${quoteLiteral(readPath)})`
        : `read_csv(${quoteLiteral(readPath)}, all_varchar=true, encoding=${quoteLiteral(sniff.encoding)})`;
  try {
    return await withDuckDB(async (conn) => work(conn, await classifyLines(conn, source, path, columns)));
  } finally {
    input.cleanup();
  }
}

async function classifyLines(conn: DuckDBConnection, source: string, path: string, columns: RfmColumns): Promise<CleanOrderLog> {
  const names = (await rows(conn, `DESCRIBE SELECT * FROM ${source}`, path)).map((r) => String(r['column_name']));
  const flags: Array<[string, string | undefined]> = [
    ['--customer', columns.customer],
    ['--date', columns.date],
    ['--amount', columns.amount],
    ['--quantity', columns.quantity],
    ['--price', columns.price],
    ['--invoice', columns.invoice],
  ];
  for (const [flag, name] of flags) {
    if (name !== undefined && !names.includes(name)) {
      const near = closestName(name, names);
      throw new DataError(`${path} has no column "${name}" (${flag})${near ? `; did you mean "${near}"?` : `; columns are: ${names.join(', ')}`}`);
    }
  }
  const text = (name: string | undefined): string => (name === undefined ? 'CAST(NULL AS VARCHAR)' : `trim(CAST(${quoteIdent(name)} AS VARCHAR))`);
  await exec(
    conn,
    `CREATE TEMP TABLE lines AS SELECT row_number() OVER () AS line, ${text(columns.customer)} AS c, ${text(columns.date)} AS d,
    ${text(columns.amount)} AS a, ${text(columns.quantity)} AS q, ${text(columns.price)} AS p, ${text(columns.invoice)} AS inv FROM ${source}`,
    path,
  );
  const lines = Number((await rows(conn, 'SELECT count(*) AS n FROM lines', path))[0]!['n']);
  if (lines === 0) throw new DataError(`${path} has no data rows; give an order log with one line per purchase`);

  const { format, note } = await detectDateFormat(conn, path, columns.date);
  for (const [flag, col, name] of [
    ['--amount', 'a', columns.amount],
    ['--quantity', 'q', columns.quantity],
    ['--price', 'p', columns.price],
  ] as const) {
    if (name === undefined) continue;
    // Text, and NaN or Infinity (which DuckDB reads as numbers but no sum or model can use).
    const bad = await rows(
      conn,
      `SELECT line, ${col} AS v FROM lines WHERE ${col} IS NOT NULL AND ${col} <> '' AND (TRY_CAST(${col} AS DOUBLE) IS NULL OR NOT isfinite(TRY_CAST(${col} AS DOUBLE))) ORDER BY line LIMIT 1`,
      path,
    );
    if (bad.length)
      throw new DataError(
        `${path} row ${bad[0]!['line']}: ${flag} column "${name}" holds "${bad[0]!['v']}", which is not a usable number; fix or remove that row`,
      );
  }
  const value = columns.amount ? 'TRY_CAST(a AS DOUBLE)' : 'TRY_CAST(q AS DOUBLE) * TRY_CAST(p AS DOUBLE)';
  await exec(
    conn,
    `CREATE TEMP TABLE typed AS SELECT line,
      NULLIF(regexp_replace(c, '\\.0+$', ''), '') AS customer, inv AS invoice,
      TRY_STRPTIME(d, ${quoteLiteral(format)}) AS ts, ${value} AS v,
      ${columns.price ? 'TRY_CAST(p AS DOUBLE)' : 'NULL'} AS price,
      coalesce(upper(inv) LIKE 'C%', false) AS cancellation
    FROM lines`,
    path,
  );
  await exec(
    conn,
    `CREATE TEMP TABLE classified AS SELECT *,
      CASE WHEN customer IS NULL THEN 'noCustomer' WHEN ts IS NULL THEN 'noDate'
           WHEN price IS NOT NULL AND price <= 0 THEN 'nonPositivePrice' WHEN v IS NULL OR v = 0 THEN 'zeroValue' ELSE NULL END AS dropped,
      cancellation OR v < 0 AS is_return
    FROM typed`,
    path,
  );
  const counts = (
    await rows(
      conn,
      `SELECT
      count(*) FILTER (WHERE dropped = 'noCustomer') AS noCustomer, count(*) FILTER (WHERE dropped = 'noDate') AS noDate,
      count(*) FILTER (WHERE dropped = 'nonPositivePrice') AS nonPositivePrice, count(*) FILTER (WHERE dropped = 'zeroValue') AS zeroValue,
      count(*) FILTER (WHERE dropped IS NULL AND cancellation) AS cancellations,
      count(*) FILTER (WHERE dropped IS NULL AND NOT cancellation AND v < 0) AS returns,
      count(*) FILTER (WHERE dropped IS NULL AND NOT is_return) AS purchases,
      strftime(CAST(max(ts) FILTER (WHERE dropped IS NULL) AS DATE) + 1, '%Y-%m-%d') AS next_day,
      max(abs(v)) FILTER (WHERE dropped IS NULL) AS largest
    FROM classified`,
      path,
    )
  )[0]!;
  await refuseFarDates(conn, path, columns.date);
  if (Number(counts['purchases']) === 0) {
    throw new DataError(
      `${path}: no valid purchase lines (of ${lines}: ${counts['noCustomer']} without customer id, ${counts['noDate']} without date, ${counts['nonPositivePrice']} with price ≤ 0, ${counts['zeroValue']} of zero value, the rest returns); check the column choices`,
    );
  }
  return { path, lines, counts, dateFormat: { format, note }, invoice: columns.invoice !== undefined };
}

/** A kept line dated this many days beyond the outlier fences of the log's dates is a typo, not an order. */
export const FAR_DAYS = 365;

/**
 * Refuses a log with a line dated far from every other (9999-12-31, 1900-01-01): beyond the fences of the
 * kept lines' dates (quartiles ∓ 3 × IQR, as `profile` flags unusual values) by more than a year. Such a line
 * would silently move the end of the log (the calibration end, recency's as-of day). Names its row. O(lines).
 */
async function refuseFarDates(conn: DuckDBConnection, path: string, dateColumn: string): Promise<void> {
  const day = `date_diff('day', DATE '1970-01-01', CAST(ts AS DATE))`;
  const far = await rows(
    conn,
    `WITH q AS (SELECT quantile_cont(${day}, 0.25) AS q1, quantile_cont(${day}, 0.75) AS q3 FROM classified WHERE dropped IS NULL),
          f AS (SELECT q1 - 3 * (q3 - q1) - ${FAR_DAYS} AS low, q3 + 3 * (q3 - q1) + ${FAR_DAYS} AS high FROM q)
     SELECT line, strftime(ts, '%Y-%m-%d') AS d, count(*) OVER () AS n,
            (SELECT strftime(quantile_disc(ts, 0.01), '%Y-%m-%d') FROM classified WHERE dropped IS NULL) AS p01,
            (SELECT strftime(quantile_disc(ts, 0.99), '%Y-%m-%d') FROM classified WHERE dropped IS NULL) AS p99
     FROM classified, f WHERE dropped IS NULL AND (${day} > high OR ${day} < low) ORDER BY line LIMIT 1`,
    path,
  );
  const first = far[0];
  if (!first) return;
  const n = Number(first['n']);
  throw new DataError(
    `${path} row ${first['line']}: --date column "${dateColumn}" holds ${first['d']}, far from the other orders (most fall between ${first['p01']} and ${first['p99']})${n > 1 ? `, as do ${n - 1} more row(s)` : ''}; fix or remove such rows, which would move the end of the log`,
  );
}

async function rfmTableFrom(conn: DuckDBConnection, log: CleanOrderLog, asOf: string | undefined, until: string | undefined): Promise<RfmTableResult> {
  const { path, counts, lines } = log;
  const asOfDate = asOf ?? (until === undefined ? String(counts['next_day']) : dayAfter(until));
  const order = log.invoice ? 'invoice' : 'ts';
  // Exact (fixed-point) sums: the same bits on every run and in every engine, whatever order threads add in.
  const monetary = exactSumSql(ENGINE_DIALECTS.duckdb, 'CASE WHEN is_return THEN -abs(v) ELSE v END', Number(counts['largest']) * 1.01 + 1);
  const perCustomer = await rows(
    conn,
    `WITH agg AS (
      SELECT customer, count(DISTINCT ${order}) FILTER (WHERE NOT is_return) AS frequency,
        ${monetary.sql} AS monetary,
        min(ts) FILTER (WHERE NOT is_return) AS first_ts, max(ts) FILTER (WHERE NOT is_return) AS last_ts
      FROM classified WHERE dropped IS NULL${until === undefined ? '' : ` AND CAST(ts AS DATE) <= CAST(${quoteLiteral(until)} AS DATE)`} GROUP BY customer)
    SELECT customer, CAST(frequency AS DOUBLE) AS frequency, monetary AS monetary_sum,
      CAST(date_diff('day', CAST(last_ts AS DATE), CAST(${quoteLiteral(asOfDate)} AS DATE)) AS DOUBLE) AS recency,
      CAST(date_diff('day', CAST(first_ts AS DATE), CAST(${quoteLiteral(asOfDate)} AS DATE)) AS DOUBLE) AS tenure,
      strftime(first_ts, '%Y-%m-%d %H:%M:%S') AS first_purchase, strftime(last_ts, '%Y-%m-%d %H:%M:%S') AS last_purchase
    FROM agg ORDER BY customer`,
    path,
  );
  const exact = perCustomer.map((r) => ({ ...r, monetary: readExactSum(r['monetary_sum'], monetary.shift) }));
  return assembleRfmTable(exact, counts, lines, log.dateFormat, asOfDate, path);
}

/** A calibration end (YYYY-MM-DD) as ms since the epoch (UTC midnight), or a UsageError naming --calibration-end. */
export function calibrationEndTime(date: string): number {
  return calendarDate(date, '--calibration-end');
}

/** The day after a calibration end (YYYY-MM-DD): the as-of date of the calibration period's RFM. */
export function dayAfter(date: string): string {
  return new Date(calibrationEndTime(date) + 86_400_000).toISOString().slice(0, 10);
}

/** What computing the RFM table gives: per-customer rows, the cleaning counts, the date format and as-of date. */
export interface RfmTableResult {
  readonly rows: RfmRow[];
  readonly cleaning: RfmCleaning;
  readonly dateFormat: string;
  readonly dateFormatNote: string;
  readonly asOf: string;
}

/**
 * The RFM table from the aggregation's rows (customer, frequency, monetary, recency, tenure, first and last
 * purchase) and counts (noCustomer, noDate, nonPositivePrice, zeroValue, cancellations, returns, purchases):
 * return-only customers dropped, average order values added. Shared by files and database tables. O(customers).
 */
export function assembleRfmTable(
  perCustomer: ReadonlyArray<Record<string, unknown>>,
  counts: Record<string, unknown>,
  lines: number,
  date: { format: string; note: string },
  asOfDate: string,
  source: string,
): RfmTableResult {
  const kept = perCustomer.filter((r) => Number(r['frequency']) > 0);
  const result: RfmRow[] = kept.map((r) => ({
    customer: String(r['customer']),
    recency: Number(r['recency']),
    frequency: Number(r['frequency']),
    monetary: Number(r['monetary']),
    firstPurchase: String(r['first_purchase']),
    lastPurchase: String(r['last_purchase']),
    tenure: Number(r['tenure']),
    averageOrderValue: Number(r['monetary']) / Number(r['frequency']),
  }));
  if (result.some((r) => r.recency < 0)) throw new UsageError(`invalid --as-of: ${asOfDate} is before the last purchase in ${source}`);
  return {
    rows: result,
    cleaning: {
      lines,
      dropped: {
        noCustomer: Number(counts['noCustomer']),
        noDate: Number(counts['noDate']),
        nonPositivePrice: Number(counts['nonPositivePrice']),
        zeroValue: Number(counts['zeroValue']),
      },
      cancellationLines: Number(counts['cancellations']),
      returnLines: Number(counts['returns']),
      purchaseLines: Number(counts['purchases']),
      returnOnlyCustomers: perCustomer.length - kept.length,
      customers: result.length,
    },
    dateFormat: date.format,
    dateFormatNote: date.note,
    asOf: asOfDate,
  };
}

async function detectDateFormat(conn: DuckDBConnection, path: string, column: string): Promise<{ format: string; note: string }> {
  // Formats are first tried on the first 10,000 dates; only those that fit them are checked on every row.
  const count = async (formats: readonly number[], limit: string) => {
    const checks = formats.map((i) => `count(*) FILTER (WHERE TRY_STRPTIME(d, ${quoteLiteral(DATE_FORMATS[i]!)}) IS NULL) AS f${i}`);
    return (
      await rows(conn, `SELECT count(*) AS n, ${checks.join(', ')} FROM (SELECT d FROM lines WHERE d IS NOT NULL AND d <> '' ORDER BY line ${limit})`, path)
    )[0]!;
  };
  const all = DATE_FORMATS.map((_, i) => i);
  const sample = await count(all, 'LIMIT 10000');
  const candidates = all.filter((i) => Number(sample[`f${i}`]) === 0);
  const counts = await count(candidates.length ? candidates : all, '');
  if (Number(counts['n']) === 0) throw new DataError(`${path}: the --date column "${column}" is empty in every row`);
  const bad = DATE_FORMATS.map((_, i) => (counts[`f${i}`] === undefined ? Infinity : Number(counts[`f${i}`])));
  const fits = DATE_FORMATS.filter((_, i) => bad[i] === 0);
  if (fits.length === 0) {
    const best = bad.indexOf(Math.min(...bad));
    const first = (
      await rows(
        conn,
        `SELECT line, d FROM lines WHERE d IS NOT NULL AND d <> '' AND TRY_STRPTIME(d, ${quoteLiteral(DATE_FORMATS[best]!)}) IS NULL ORDER BY line LIMIT 1`,
        path,
      )
    )[0]!;
    throw new DataError(
      `${path} row ${first['line']}: date "${first['d']}" in column "${column}" cannot be read (the closest format, ${DATE_FORMATS[best]}, fits all but ${bad[best]} rows); fix those dates`,
    );
  }
  const format = fits[0]!;
  const dayFirst = fits.find((f) => f.startsWith('%d/') && format.startsWith('%m/'));
  return {
    format,
    note: dayFirst
      ? `every date also fits ${dayFirst} (day first); month first was taken — check the dates`
      : `the only format among ${DATE_FORMATS.length} tried that fits every date`,
  };
}

async function rows(conn: DuckDBConnection, sql: string, path: string): Promise<Record<string, unknown>[]> {
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } catch (e) {
    throw new DataError(`${path}: cannot be read as an order log: ${(e as Error).message.split('\n')[0]}`);
  }
}

async function exec(conn: DuckDBConnection, sql: string, path: string): Promise<void> {
  await rows(conn, sql, path);
}
