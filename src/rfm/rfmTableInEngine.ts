import { exactSumSql, quantileSql, readExactSum } from '../engine/engineSql.js';
import type { SqlEngine } from '../engine/sqlEngine.js';
import { toNumber } from '../engine/sqlEngine.js';
import { closestName } from '../util/closestName.js';
import { DataError } from '../util/errors.js';
import { assembleRfmTable, dayAfter, type RfmTableResult } from './computeRfmTable.js';
import { type RfmColumns } from './cleanOrderLog.js';
import { checkValueColumns, FAR_DAYS } from './cleanOrderLog.js';

/**
 * The RFM table of an order log that is a database table, computed by SQL in its engine (DuckDB,
 * PostgreSQL or ClickHouse) with the same cleaning rule as `computeRfmTable`; only one row per customer leaves the engine.
 * A database table is typed, so the date column must be a date or timestamp and amounts numbers (no format
 * guessing). Monetary sums are exact (fixed point), so runs are repeatable. Two scans of the table. With
 * `until`, lines dated after it are left out (the RFM of a calibration period; recency counted to the next day).
 */
export async function computeRfmTableInEngine(engine: SqlEngine, table: string, columns: RfmColumns, asOf?: string, until?: string): Promise<RfmTableResult> {
  const log = await classifiedInEngine(engine, table, columns);
  const { d, withClassified, classified, counts, total, source, described } = log;
  const asOfDate = asOf ?? (until === undefined ? String(counts['nextDay']) : dayAfter(until));
  const order = columns.invoice ? 'invoice' : 'ts';
  // Exact (fixed-point) sums: the same bits on every run and in every engine, whatever order threads add in.
  const monetary = exactSumSql(d, 'CASE WHEN is_return THEN -abs(v) ELSE v END', toNumber(counts['largest']) * 1.01 + 1);
  const agg = `SELECT customer, ${d.distinctIf(order, 'NOT is_return')} AS frequency, ${monetary.sql} AS monetary,
        ${d.aggregateIf('min', 'ts', 'NOT is_return')} AS first_ts, ${d.aggregateIf('max', 'ts', 'NOT is_return')} AS last_ts
      FROM ${classified} WHERE dropped IS NULL${until === undefined ? '' : ` AND ${d.onOrBefore('ts', until)}`} GROUP BY customer`;
  const perCustomer = await engine.query(`${d.ctes ? `${withClassified}, agg AS (${agg})` : ''}
    SELECT customer, frequency, monetary, ${d.days(asOfDate, 'last_ts')} AS recency,
      ${d.days(asOfDate, 'first_ts')} AS tenure, ${d.stamp('first_ts')} AS first_purchase, ${d.stamp('last_ts')} AS last_purchase
    FROM ${d.ctes ? 'agg' : `(${agg}) AS agg`} ORDER BY ${d.orderByText('customer', 'customer')}`);
  // Each row's figures read as numbers in place (a copy of every row by spread cost microseconds a row).
  for (const r of perCustomer) {
    r['frequency'] = toNumber(r['frequency']);
    r['recency'] = toNumber(r['recency']);
    r['tenure'] = toNumber(r['tenure']);
    r['monetary'] = readExactSum(r['monetary'], monetary.shift);
  }
  return assembleRfmTable(
    perCustomer,
    counts,
    total,
    { format: "the table's date type", note: `read as ${described.find((c) => c.name === columns.date)!.sqlType} from the database` },
    asOfDate,
    source,
  );
}

/**
 * An order table classified line by line in its engine by the RFM cleaning rule: the SQL of the `classified`
 * rows (customer, invoice, ts, v, price, cancellation, dropped, is_return) as a CTE prefix (`withClassified`)
 * and a FROM item (`classified`), the line counts, and the dialect's spellings. Refuses missing or mistyped
 * columns and a table without a valid purchase. One scan of the table (the counts).
 */
export async function classifiedInEngine(engine: SqlEngine, table: string, columns: RfmColumns) {
  checkValueColumns(columns);
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
  // The log's columns are first renamed to segmenta_<role>: ClickHouse reads a name as an alias of the same
  // SELECT before a column, so an invoice column called "customer" would otherwise read as the customer alias.
  const roles = (['customer', 'invoice', 'date', 'amount', 'quantity', 'price'] as const).filter((role) => columns[role] !== undefined);
  const renamed = `SELECT ${roles.map((role) => `${d.ident(columns[role]!)} AS segmenta_${role}`).join(', ')} FROM ${engine.tableRef(table)}`;
  const col = (role: (typeof roles)[number], type: string): string =>
    columns[role] === undefined ? `CAST(NULL AS ${type})` : `CAST(segmenta_${role} AS ${type})`;
  const value = columns.amount ? col('amount', d.double) : `${col('quantity', d.double)} * ${col('price', d.double)}`;
  const lines = `SELECT ${d.keyText(col('customer', d.text))} AS customer,
      ${col('invoice', d.text)} AS invoice, ${d.timestamp('segmenta_date')} AS ts, ${value} AS v,
      ${col('price', d.double)} AS price,
      COALESCE(upper(${col('invoice', d.text)}) LIKE 'C%', ${d.no}) AS cancellation
    FROM (${renamed}) AS segmenta_log`;
  const classifiedFrom = (linesFrom: string): string => `SELECT *,
      CASE WHEN customer IS NULL THEN 'noCustomer' WHEN ts IS NULL THEN 'noDate'
           WHEN price IS NOT NULL AND price <= 0 THEN 'nonPositivePrice' WHEN v IS NULL OR v = 0 THEN 'zeroValue' ELSE NULL END AS dropped,
      ${d.truth('cancellation OR v < 0')} AS is_return
    FROM ${linesFrom}`;
  // CTEs where the engine has them; nested subqueries in ClickHouse 18.
  const withClassified = d.ctes ? `WITH lines AS (${lines}), classified AS (${classifiedFrom('lines')})` : '';
  const classified = d.ctes ? 'classified' : `(${classifiedFrom(`(${lines}) AS lines`)}) AS classified`;
  const name = (n: string): string => d.ident(n);
  const counts = (
    await engine.query(`${withClassified} SELECT COUNT(*) AS ${name('lines')},
      ${d.countIf("dropped = 'noCustomer'")} AS ${name('noCustomer')}, ${d.countIf("dropped = 'noDate'")} AS ${name('noDate')},
      ${d.countIf("dropped = 'nonPositivePrice'")} AS ${name('nonPositivePrice')}, ${d.countIf("dropped = 'zeroValue'")} AS ${name('zeroValue')},
      ${d.countIf('dropped IS NULL AND cancellation')} AS ${name('cancellations')},
      ${d.countIf('dropped IS NULL AND NOT cancellation AND v < 0')} AS ${name('returns')},
      ${d.countIf('dropped IS NULL AND NOT is_return')} AS ${name('purchases')},
      ${d.nextDay(d.aggregateIf('max', 'ts', 'dropped IS NULL'))} AS ${name('nextDay')},
      ${d.aggregateIf('max', 'abs(v)', 'dropped IS NULL')} AS ${name('largest')}
    FROM ${classified}`)
  )[0]!;
  const total = toNumber(counts['lines']);
  if (total === 0) throw new DataError(`${source} has no rows; give an order log with one line per purchase`);
  if (toNumber(counts['purchases']) === 0) {
    throw new DataError(
      `${source}: no valid purchase lines (of ${total}: ${toNumber(counts['noCustomer'])} without customer id, ${toNumber(counts['noDate'])} without date, ${toNumber(counts['nonPositivePrice'])} with price ≤ 0, ${toNumber(counts['zeroValue'])} of zero value, the rest returns); check the column choices`,
    );
  }
  await refuseFarDatesInEngine(engine, { withClassified, classified, source, dateColumn: columns.date });
  return { d, withClassified, classified, counts, total, source, described };
}

/**
 * `refuseFarDates` of a file, in the engine: a kept line dated more than a year beyond the fences of the kept
 * lines' dates (quartiles ∓ 3 × IQR) is refused, naming its customer and date (a table has no row numbers).
 * Two aggregate queries.
 */
async function refuseFarDatesInEngine(engine: SqlEngine, o: { withClassified: string; classified: string; source: string; dateColumn: string }): Promise<void> {
  const d = engine.dialect;
  const day = d.epochDays('ts');
  const kept = d.quantileOfColumn ? `(SELECT ${day} AS dd FROM ${o.classified} WHERE dropped IS NULL)` : undefined;
  const [q] = await engine.query(
    kept
      ? `SELECT ${quantileSql(d, 'dd', 0.25)} AS q1, ${quantileSql(d, 'dd', 0.75)} AS q3 FROM ${kept}`
      : `${o.withClassified} SELECT ${quantileSql(d, day, 0.25)} AS q1, ${quantileSql(d, day, 0.75)} AS q3 FROM ${o.classified} WHERE dropped IS NULL`,
  );
  const q1 = toNumber(q?.['q1']),
    q3 = toNumber(q?.['q3']);
  if (!Number.isFinite(q1) || !Number.isFinite(q3)) return;
  const low = q1 - 3 * (q3 - q1) - FAR_DAYS,
    high = q3 + 3 * (q3 - q1) + FAR_DAYS;
  const [far] = await engine.query(
    `${o.withClassified} SELECT customer, ${d.day('ts')} AS day FROM ${o.classified} WHERE dropped IS NULL AND (${day} > ${high} OR ${day} < ${low}) ORDER BY ${day} LIMIT 1`,
  );
  if (far)
    throw new DataError(
      `${o.source}: --date column "${o.dateColumn}" holds ${String(far['day'])} (customer ${String(far['customer'])}), far from the other orders (the middle half of them falls between ${dayText(q1)} and ${dayText(q3)}); fix or remove such rows, which would move the end of the log`,
    );
}

function dayText(days: number): string {
  return new Date(Math.round(days) * 86_400_000).toISOString().slice(0, 10);
}
