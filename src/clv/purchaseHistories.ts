import { quoteLiteral } from '../data/duckdb.js';
import { exactSumSql, readExactSum } from '../engine/engineSql.js';
import { DIALECTS } from '../engine/sqlDialect.js';
import { withCleanOrderLog, type CleanOrderLog, type RfmColumns } from '../rfm/computeRfmTable.js';
import { DataError, UsageError } from '../util/errors.js';

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
  readonly log: CleanOrderLog;
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

/**
 * Reads an order log with the RFM cleaning (shared: `withCleanOrderLog`) and sums it up per customer for the
 * BG/NBD and Gamma-Gamma models. A purchase occasion is a day with at least one purchase line (as in the
 * papers' CDNOW data: several lines on one day are one transaction); zero-value lines count as occasions
 * (worth 0), returns and cancellations do not. Values per day are exact fixed-point sums (the same bits on
 * every run). O(lines) in DuckDB, O(customer-days) here.
 */
export async function purchaseHistories(path: string, columns: RfmColumns, unit: TimeUnit, calibrationEnd?: string): Promise<PurchaseHistories> {
  return withCleanOrderLog(path, columns, async (conn, log) => {
    let end: string | undefined;
    if (calibrationEnd !== undefined) {
      const sql = `SELECT strftime(TRY_CAST(${quoteLiteral(calibrationEnd)} AS DATE), '%Y-%m-%d') AS d`;
      const parsed = (await conn.runAndReadAll(sql)).getRowObjectsJS()[0]!['d'];
      if (parsed === null) throw new UsageError(`invalid --calibration-end: ${calibrationEnd} (expected a date like 1997-09-30)`);
      end = String(parsed);
    }
    const value = exactSumSql(DIALECTS.duckdb, 'v', Number(log.counts['largest'] ?? 0) * 1.01 + 1);
    const days = (
      await conn.runAndReadAll(
        `SELECT customer, strftime(CAST(ts AS DATE), '%Y-%m-%d') AS day, ${value.sql} AS value
         FROM classified WHERE (dropped IS NULL OR (dropped = 'zeroValue' AND v = 0)) AND NOT is_return
         GROUP BY customer, CAST(ts AS DATE) ORDER BY customer, CAST(ts AS DATE)`,
      )
    ).getRowObjectsJS() as Array<Record<string, unknown>>;
    if (days.length === 0) throw new DataError(`${path}: no purchase lines to model (every line was dropped or a return)`);
    const dayOf = (text: string): number => Date.parse(`${text}T00:00:00Z`) / 86_400_000;
    let firstDate = String(days[0]!['day']),
      lastDate = firstDate;
    for (const d of days) {
      const t = String(d['day']);
      if (t < firstDate) firstDate = t;
      if (t > lastDate) lastDate = t;
    }
    end ??= lastDate;
    if (end < firstDate)
      throw new DataError(`${path}: every purchase is after --calibration-end ${end} (the log runs from ${firstDate} to ${lastDate}); give a date within it`);
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
      const first = dayOf(String(calibration[0]!['day']));
      const last = dayOf(String(calibration.at(-1)!['day']));
      const x = calibration.length - 1;
      let repeatValue = 0;
      for (const d of calibration.slice(1)) repeatValue += readExactSum(d['value'], value.shift);
      customers.push({
        customer,
        x,
        tx: (last - first) / scale,
        T: (endDay - first) / scale,
        mx: x > 0 ? repeatValue / x : NaN,
        firstPurchase: String(calibration[0]!['day']),
        lastPurchase: String(calibration.at(-1)!['day']),
        holdoutPurchases: own.length - calibration.length,
      });
    }
    return { customers, log, firstDate, calibrationEnd: end, lastDate, holdoutLength: Math.max(0, (dayOf(lastDate) - endDay) / scale), newInHoldout };
  });
}
