import type { DuckDBConnection } from '@duckdb/node-api';
import { exactSumSql, readExactSum } from '../engine/engineSql.js';
import { ENGINE_DIALECTS } from '../engine/engineDialect.js';
import type { SqlEngine } from '../engine/sqlEngine.js';
import { toNumber } from '../engine/sqlEngine.js';
import { calibrationEndTime } from '../rfm/computeRfmTable.js';
import { type RfmColumns } from '../rfm/cleanOrderLog.js';
import { withCleanOrderLog, type CleanOrderLog } from '../rfm/cleanOrderLog.js';
import { classifiedInEngine } from '../rfm/rfmTableInEngine.js';
import { DataError, UsageError } from '../util/errors.js';
import { calendarDate } from '../util/calendarDate.js';

/** Time units of the models, in days. A month is a twelfth of 365.25 days. */
export const TIME_UNIT_DAYS = { day: 1, week: 7, month: 365.25 / 12 } as const;
export type TimeUnit = keyof typeof TIME_UNIT_DAYS;

/** One customer's history from the order log: the models' x, tₓ, T, mₓ and the holdout purchases. */
export interface CustomerHistory {
  readonly customer: string;
  /** Repeat purchase days in the calibration period (purchase days after the first). */
  readonly x: number;
  /** Time from the first to the last purchase day of the calibration period, in the time unit. */
  readonly tx: number;
  /** Time from the first purchase day to the end of the calibration period, in the time unit. */
  readonly T: number;
  /** Average value of the repeat purchase days (NaN without repeat purchases). */
  readonly mx: number;
  readonly firstPurchase: string;
  readonly lastPurchase: string;
  /** Purchase days after the calibration period (0 without one). */
  readonly holdoutPurchases: number;
}

/** The histories of every customer whose first purchase falls in the calibration period, with the periods. */
export interface PurchaseHistories {
  readonly customers: CustomerHistory[];
  /** How the dates were read (a file's detected format, or the table's date type). */
  readonly dateFormat: string;
  readonly firstDate: string;
  /** The last day of the calibration period (the last purchase day of the log without --calibration-end). */
  readonly calibrationEnd: string;
  /** The last purchase day of the log. */
  readonly lastDate: string;
  /** Length of the holdout period (calibration end to the last day) in the time unit; 0 without one. */
  readonly holdoutLength: number;
  /** Customers whose first purchase is after the calibration period (not modelled). */
  readonly newInHoldout: number;
}

/** The purchase lines of the cleaned log (`classified`): kept lines and zero-value ones, no returns. */
const PURCHASE_LINES = "(dropped IS NULL OR (dropped = 'zeroValue' AND v = 0)) AND NOT is_return";

/**
 * Reads an order log — a file, or a table in a database (`{ engine, table }`, summed up there by SQL) — with
 * the RFM cleaning (shared: `withCleanOrderLog`, `classifiedInEngine`) and sums it up per customer for the
 * BG/NBD and Gamma-Gamma models. A purchase occasion is a day with at least one purchase line (as in the papers'
 * CDNOW data: several lines on one day are one transaction); zero-value lines count as occasions (worth 0),
 * returns and cancellations do not. Values per day are exact fixed-point sums (the same bits on every run and
 * in every engine). O(lines) in the engine, O(customer-days) here.
 */
export async function purchaseHistories(
  source: string | { engine: SqlEngine; table: string },
  columns: RfmColumns,
  unit: TimeUnit,
  calibrationEnd?: string,
  holdoutEnd?: string,
): Promise<PurchaseHistories> {
  const ends = checkedEnds(calibrationEnd, holdoutEnd);
  if (typeof source === 'string') return withCleanOrderLog(source, columns, (conn, log) => historiesInLog(conn, log, unit, ends));
  const { engine, table } = source;
  const log = await classifiedInEngine(engine, table, columns);
  const d = engine.dialect;
  const value = exactSumSql(d, 'v', toNumber(log.counts['largest']) * 1.01 + 1);
  const order = `${d.orderByText('customer', 'customer')}, day`;
  const days = await engine.query(
    `${log.withClassified} SELECT customer, ${d.day('ts')} AS day, ${value.sql} AS value FROM ${log.classified} WHERE ${PURCHASE_LINES}
     GROUP BY customer, ${d.groupBy('day', d.day('ts'))} ORDER BY ${order}`,
  );
  return historiesFromDays(days, value.shift, log.source, `the table's date type`, unit, ends);
}

/** The ends of the periods as given (YYYY-MM-DD), checked before any reading: real dates, the holdout after the calibration. */
export function checkedEnds(calibrationEnd: string | undefined, holdoutEnd: string | undefined): PeriodEnds {
  if (calibrationEnd !== undefined) calibrationEndTime(calibrationEnd);
  if (holdoutEnd !== undefined) calendarDate(holdoutEnd, '--holdout-end');
  if (calibrationEnd !== undefined && holdoutEnd !== undefined && holdoutEnd < calibrationEnd)
    throw new UsageError(`--holdout-end ${holdoutEnd} is before --calibration-end ${calibrationEnd}; the holdout follows the calibration period`);
  return { calibrationEnd, holdoutEnd };
}

/** The last days of the calibration period and of the holdout (YYYY-MM-DD), when given. */
export interface PeriodEnds {
  readonly calibrationEnd?: string | undefined;
  readonly holdoutEnd?: string | undefined;
}

/** The histories of a file's order log already read and cleaned (`withCleanOrderLog`) on this connection. O(lines) in DuckDB. */
export async function historiesInLog(conn: DuckDBConnection, log: CleanOrderLog, unit: TimeUnit, ends: PeriodEnds): Promise<PurchaseHistories> {
  const value = exactSumSql(ENGINE_DIALECTS.duckdb, 'v', Number(log.counts['largest'] ?? 0) * 1.01 + 1);
  const days = (
    await conn.runAndReadAll(
      `SELECT customer, strftime(CAST(ts AS DATE), '%Y-%m-%d') AS day, ${value.sql} AS value FROM classified WHERE ${PURCHASE_LINES}
       GROUP BY customer, CAST(ts AS DATE) ORDER BY customer, CAST(ts AS DATE)`,
    )
  ).getRowObjectsJS() as Array<Record<string, unknown>>;
  return historiesFromDays(days, value.shift, log.path, log.dateFormat.format, unit, ends);
}

/**
 * The histories from (customer, day, exact value) rows sorted by customer then day, up to the holdout's end
 * when given (the log's last purchase day otherwise). O(rows).
 */
function historiesFromDays(
  all: ReadonlyArray<Record<string, unknown>>,
  shift: number,
  source: string,
  dateFormat: string,
  unit: TimeUnit,
  { calibrationEnd, holdoutEnd }: PeriodEnds,
): PurchaseHistories {
  if (all.length === 0) throw new DataError(`${source}: no purchase lines to model (every line was dropped or a return)`);
  const days = holdoutEnd === undefined ? all : all.filter((d) => String(d['day']) <= holdoutEnd);
  if (days.length === 0) throw new DataError(`${source}: every purchase is after --holdout-end ${holdoutEnd}; give a later date`);
  const dayOf = (text: string): number => Date.parse(`${text}T00:00:00Z`) / 86_400_000;
  let firstDate = String(days[0]!['day']),
    lastDate = firstDate;
  for (const d of days) {
    const t = String(d['day']);
    if (t < firstDate) firstDate = t;
    if (t > lastDate) lastDate = t;
  }
  if (holdoutEnd !== undefined) lastDate = holdoutEnd;
  const end = calibrationEnd ?? lastDate;
  if (end < firstDate)
    throw new DataError(`${source}: every purchase is after --calibration-end ${end} (the log runs from ${firstDate} to ${lastDate}); give a date within it`);
  const endDay = dayOf(end);
  const scale = TIME_UNIT_DAYS[unit];
  const customers: CustomerHistory[] = [];
  let newInHoldout = 0;
  for (let i = 0; i < days.length;) {
    const customer = String(days[i]!['customer']);
    let j = i;
    while (j < days.length && String(days[j]!['customer']) === customer) j++;
    const own = days.slice(i, j);
    i = j;
    const calibration = own.filter((d) => String(d['day']) <= end);
    if (calibration.length === 0) {
      newInHoldout++;
      continue;
    }
    const first = String(calibration[0]!['day']);
    const last = String(calibration.at(-1)!['day']);
    const x = calibration.length - 1;
    let repeatValue = 0;
    for (const d of calibration.slice(1)) repeatValue += readExactSum(d['value'], shift);
    customers.push({
      customer,
      x,
      tx: (dayOf(last) - dayOf(first)) / scale,
      T: (endDay - dayOf(first)) / scale,
      mx: x > 0 ? repeatValue / x : NaN,
      firstPurchase: first,
      lastPurchase: last,
      holdoutPurchases: own.length - calibration.length,
    });
  }
  return { customers, dateFormat, firstDate, calibrationEnd: end, lastDate, holdoutLength: Math.max(0, (dayOf(lastDate) - endDay) / scale), newInHoldout };
}
