import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedPurchases } from '../../src/clv/bgnbd.js';
import { customerValue } from '../../src/clv/clv.js';
import { rfm } from '../../src/rfm/rfm.js';
import { CDNOW, columns, lightClustering } from './cdnowFixture.js';

// Issue 34: the holdout may stop before the log ends (lifetimes' observation_period_end, CLVTools'
// prediction.end), and the month the horizon counts is stated and can be lifetimes' 30 days.

/** Purchase days (customer, yyyymmdd) of the CDNOW sample, read straight from its space-aligned lines (a line worth 0 is a purchase, as in segmenta). */
function purchaseDays(): Map<string, Set<string>> {
  const days = new Map<string, Set<string>>();
  for (const line of readFileSync(CDNOW, 'utf8').split(/\r?\n/)) {
    const [customer, , day, , amount] = line.trim().split(/\s+/);
    if (!customer || !day || !(Number(amount) >= 0)) continue;
    if (!days.has(customer)) days.set(customer, new Set());
    days.get(customer)!.add(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`);
  }
  return days;
}

// The periods are under test, not the RFM segments joined to each customer (`lightClustering`; the last test
// checks the join itself).
const rfmLight = { rfm: { clustering: lightClustering } };

/** The calibration to 1997-09-30 with every default of the periods: the holdout to the log's end, months of 365.25/12 days. */
let byDefault: ReturnType<typeof customerValue> | undefined;
const defaults = (): ReturnType<typeof customerValue> => (byDefault ??= customerValue(CDNOW, { ...columns, ...rfmLight, calibrationEnd: '1997-09-30' }));

describe('clv periods: the holdout end and the days of a month', () => {
  it('--holdout-end counts the holdout only up to its day: purchases made as the log says (CLVTools’ actual.x), and the holdout length', async () => {
    // CLVTools' split of CDNOW: estimation to 1997-09-30, prediction.end 1998-01-01 (93 days); and a half-year one.
    const windows = new Map<string, Awaited<ReturnType<typeof customerValue>>>();
    for (const [holdoutEnd, days] of [
      ['1998-01-01', 93],
      ['1998-03-31', 182],
    ] as const) {
      const window = await customerValue(CDNOW, { ...columns, ...rfmLight, calibrationEnd: '1997-09-30', holdoutEnd });
      windows.set(holdoutEnd, window);
      const made = new Map<string, number>();
      for (const [customer, set] of purchaseDays()) {
        const sorted = [...set].sort();
        if (sorted[0]! > '1997-09-30') continue; // first bought in the holdout: not modelled
        made.set(customer, sorted.filter((d) => d > '1997-09-30' && d <= holdoutEnd).length);
      }
      for (const c of window.customers) expect(c.holdoutPurchases, c.customer).toBe(made.get(c.customer));
      expect(window.holdout!.actualTotal).toBe([...made.values()].reduce((a, b) => a + b, 0));
      expect(window.histories.holdoutLength).toBeCloseTo(days / 7, 12);
      expect(window.histories.lastDate).toBe(holdoutEnd);
    }
    const result = windows.get('1998-03-31')!;
    // Every customer's predicted holdout purchases are the model's over those 26 weeks.
    const c = result.customers[7]!;
    expect(c.predictedHoldout).toBeCloseTo(expectedPurchases(result.model.bgnbd!, c, 182 / 7), 12);
    // The fit itself is the calibration period's: the same as with the holdout running to the log's end.
    const whole = await defaults();
    expect(result.model.bgnbd).toEqual(whole.model.bgnbd);
    expect(whole.histories.lastDate).toBe('1998-06-30');
  });

  it('--period-days 30 counts a 12-month horizon as 360 days, and model.json keeps it for scoring again', async () => {
    const result = await customerValue(CDNOW, { ...columns, ...rfmLight, calibrationEnd: '1997-09-30', periodDays: 30 });
    expect(result.periodDays).toBe(30);
    expect(result.model.periodDays).toBe(30);
    const c = result.customers.find((x) => x.x > 2)!;
    expect(c.expectedPurchases).toBeCloseTo(expectedPurchases(result.model.bgnbd!, c, (12 * 30) / 7), 12);
    const usual = await defaults();
    expect(usual.periodDays).toBeCloseTo(365.25 / 12, 12);
    const d = usual.customers.find((x) => x.customer === c.customer)!;
    expect(d.expectedPurchases).toBeCloseTo(expectedPurchases(usual.model.bgnbd!, d, (12 * 365.25) / 12 / 7), 12);
    const rescored = await customerValue(CDNOW, { ...columns, ...rfmLight, calibrationEnd: '1997-09-30', model: result.model });
    expect(rescored.customers.find((x) => x.customer === c.customer)!.expectedPurchases).toBe(c.expectedPurchases);
  });

  it('refuses a holdout that ends before the calibration, and a month of 0 days, naming the flag', async () => {
    await expect(customerValue(CDNOW, { ...columns, calibrationEnd: '1997-09-30', holdoutEnd: '1997-06-30' })).rejects.toThrow(
      '--holdout-end 1997-06-30 is before --calibration-end 1997-09-30',
    );
    await expect(customerValue(CDNOW, { ...columns, periodDays: 0 })).rejects.toThrow('invalid --period-days: 0');
    await expect(customerValue(CDNOW, { ...columns, holdoutEnd: '1998-02-30' })).rejects.toThrow('--holdout-end');
  });

  it('joins each customer to the RFM of its calibration period, as segmenta rfm --until gives it, from the one read of the log', async () => {
    const clustering = lightClustering;
    for (const calibrationEnd of ['1997-09-30', undefined]) {
      const value = await customerValue(CDNOW, { ...columns, calibrationEnd, rfm: { clustering } });
      const alone = await rfm(CDNOW, { ...columns, clustering, ...(calibrationEnd ? { until: calibrationEnd } : {}) });
      expect(value.rfm.customers, String(calibrationEnd)).toEqual(alone.customers);
      expect(value.rfm.cleaning).toEqual(alone.cleaning);
      expect(value.rfm.asOf).toBe(calibrationEnd ? '1997-10-01' : alone.asOf);
    }
  });
});
