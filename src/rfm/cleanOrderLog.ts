import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral, withDuckDB } from '../data/duckdb.js';
import { prepareInput } from '../data/prepareInput.js';
import { CLI_READ_LIMITS } from '../data/readLimits.js';
import { closestName } from '../util/closestName.js';
import { DataError, UsageError } from '../util/errors.js';
import { detectDateFormat } from './dateFormat.js';
import { orderLogExec, orderLogRows } from './orderLogQuery.js';
import type { OrderLogColumns } from '../data/orderLogHint.js';

/** The columns of an order log that RFM and customer value read (customer, date, value, invoice). */
export type RfmColumns = OrderLogColumns;

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
  const names = (await orderLogRows(conn, `DESCRIBE SELECT * FROM ${source}`, path)).map((r) => String(r['column_name']));
  checkNamedColumns(names, columns, path);
  const lines = await loadLines(conn, source, path, columns);
  const { format, note } = await detectDateFormat(conn, path, columns.date);
  await refuseUnusableNumbers(conn, path, columns);
  const counts = await classify(conn, path, columns, format);
  await refuseFarDates(conn, path, columns.date);
  if (Number(counts['purchases']) === 0) {
    throw new DataError(
      `${path}: no valid purchase lines (of ${lines}: ${counts['noCustomer']} without customer id, ${counts['noDate']} without date, ${counts['nonPositivePrice']} with price ≤ 0, ${counts['zeroValue']} of zero value, the rest returns); check the column choices`,
    );
  }
  return { path, lines, counts, dateFormat: { format, note }, invoice: columns.invoice !== undefined };
}

/** Refuses a named column the log does not have, with the closest name (or the list of columns). */
function checkNamedColumns(names: readonly string[], columns: RfmColumns, path: string): void {
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
}

/** The temporary view `lines`: the named columns as trimmed text, numbered in file order (`line`, from 1). Returns its row count. */
async function loadLines(conn: DuckDBConnection, source: string, path: string, columns: RfmColumns): Promise<number> {
  const text = (name: string | undefined): string => (name === undefined ? 'CAST(NULL AS VARCHAR)' : `trim(CAST(${quoteIdent(name)} AS VARCHAR))`);
  await orderLogExec(
    conn,
    `CREATE TEMP TABLE lines_read AS SELECT ${text(columns.customer)} AS c, ${text(columns.date)} AS d,
    ${text(columns.amount)} AS a, ${text(columns.quantity)} AS q, ${text(columns.price)} AS p, ${text(columns.invoice)} AS inv FROM ${source}`,
    path,
  );
  // Numbered by rowid: DuckDB keeps the file's order in a table it creates (preserve_insertion_order), and a
  // row_number() window over the read would run on one thread (half the time of loading a million lines).
  await orderLogExec(conn, 'CREATE TEMP VIEW lines AS SELECT rowid + 1 AS line, * FROM lines_read', path);
  const lines = Number((await orderLogRows(conn, 'SELECT count(*) AS n FROM lines', path))[0]!['n']);
  if (lines === 0) throw new DataError(`${path} has no data rows; give an order log with one line per purchase`);
  return lines;
}

/** Refuses text, NaN or Infinity (which DuckDB reads as numbers but no sum or model can use) in a value column, naming its row. */
async function refuseUnusableNumbers(conn: DuckDBConnection, path: string, columns: RfmColumns): Promise<void> {
  for (const [flag, col, name] of [
    ['--amount', 'a', columns.amount],
    ['--quantity', 'q', columns.quantity],
    ['--price', 'p', columns.price],
  ] as const) {
    if (name === undefined) continue;
    const bad = await orderLogRows(
      conn,
      `SELECT line, ${col} AS v FROM lines WHERE ${col} IS NOT NULL AND ${col} <> '' AND (TRY_CAST(${col} AS DOUBLE) IS NULL OR NOT isfinite(TRY_CAST(${col} AS DOUBLE))) ORDER BY line LIMIT 1`,
      path,
    );
    if (bad.length)
      throw new DataError(
        `${path} row ${bad[0]!['line']}: ${flag} column "${name}" holds "${bad[0]!['v']}", which is not a usable number; fix or remove that row`,
      );
  }
}

/**
 * The temporary view `typed` and table `classified` (see `CleanOrderLog`): every line typed and given the reason
 * it is dropped or whether it is a return; returns the counts of each kind, the day after the last kept line
 * and the largest value.
 */
async function classify(conn: DuckDBConnection, path: string, columns: RfmColumns, format: string): Promise<Record<string, unknown>> {
  const value = columns.amount ? 'TRY_CAST(a AS DOUBLE)' : 'TRY_CAST(q AS DOUBLE) * TRY_CAST(p AS DOUBLE)';
  await orderLogExec(
    conn,
    `CREATE TEMP VIEW typed AS SELECT line,
      NULLIF(regexp_replace(c, '\\.0+$', ''), '') AS customer, inv AS invoice,
      TRY_STRPTIME(d, ${quoteLiteral(format)}) AS ts, ${value} AS v,
      ${columns.price ? 'TRY_CAST(p AS DOUBLE)' : 'NULL'} AS price,
      coalesce(upper(inv) LIKE 'C%', false) AS cancellation
    FROM lines`,
    path,
  );
  await orderLogExec(
    conn,
    `CREATE TEMP TABLE classified AS SELECT *,
      CASE WHEN customer IS NULL THEN 'noCustomer' WHEN ts IS NULL THEN 'noDate'
           WHEN price IS NOT NULL AND price <= 0 THEN 'nonPositivePrice' WHEN v IS NULL OR v = 0 THEN 'zeroValue' ELSE NULL END AS dropped,
      cancellation OR v < 0 AS is_return
    FROM typed`,
    path,
  );
  const counts = await orderLogRows(
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
  );
  return counts[0]!;
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
  const far = await orderLogRows(
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
