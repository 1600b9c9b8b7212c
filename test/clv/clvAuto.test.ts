import { describe, expect, it } from 'vitest';
import { customerValue } from '../../src/clv/clv.js';
import { checkClvModel } from '../../src/clv/clvModel.js';
import { clvRunFiles } from '../../src/clv/clvOutputs.js';
import { CDNOW, columns, lightClustering } from './cdnowFixture.js';

// Issue 34: --purchase-model picks the model, auto compares them and says why, model.json scores again with
// the model it names, and the calibration fit histogram comes with every run.
// The purchase models are under test, not the RFM segments joined to each customer (`lightClustering`).
const rfmLight = { rfm: { clustering: lightClustering } };
const auto = customerValue(CDNOW, { ...columns, ...rfmLight, calibrationEnd: '1997-09-30', purchaseModel: 'auto' });

describe('clv: the purchase model chosen, compared and kept', () => {
  it('auto with a holdout fits BG/NBD, MBG/NBD and Pareto/NBD, keeps the lowest holdout error and says so; BG/BB is left out of weeks with the reason', async () => {
    const result = await auto;
    const c = result.comparison!;
    expect(c.by).toBe('holdout');
    expect(c.rows.map((r) => r.model)).toEqual(['bgnbd', 'mbgnbd', 'paretonbd']);
    const best = [...c.rows].sort((a, b) => a.holdoutMeanAbsoluteError! - b.holdoutMeanAbsoluteError!)[0]!;
    expect(c.chosen).toBe(best.model);
    expect(result.purchaseModel).toBe(best.model);
    expect(c.reason).toContain(best.holdoutMeanAbsoluteError!.toFixed(4));
    expect(c.skipped).toEqual([expect.objectContaining({ model: 'bgbb', reason: expect.stringContaining('--time-unit day') })]);
    // The chosen model's holdout error in the table is the one its customers show.
    expect(result.holdout!.meanAbsoluteError).toBeCloseTo(best.holdoutMeanAbsoluteError!, 12);
    // Pareto/NBD lets one-time buyers go: their P(alive) is below 1, and the note says how far.
    const once = result.customers.filter((x) => x.x === 0);
    expect(Math.max(...once.map((x) => x.pAlive))).toBeLessThan(1);
    expect(result.pAliveNote).toContain('one-time buyers have P(alive)');
  });

  it('the calibration fit histogram counts every customer, and the model expects as many', async () => {
    const result = await auto;
    const actual = result.calibrationFit.reduce((s, r) => s + r.actual, 0);
    expect(actual).toBe(result.customers.length);
    expect(result.calibrationFit.map((r) => r.purchases)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(result.calibrationFit[0]!.actual).toBe(result.customers.filter((x) => x.x === 0).length);
    expect(result.calibrationFit.reduce((s, r) => s + r.expected, 0)).toBeCloseTo(actual, 6);
  });

  it('model.json names the model and scores again with it, value for value; BG/NBD’s model.json reads as before', async () => {
    const result = await auto;
    const files = await clvRunFiles(result, 0, 'test');
    const model = JSON.parse(String(files.find((f) => f.name === 'model.json')!.content));
    expect(model.purchaseModel).toBe(result.purchaseModel);
    expect(Object.keys(model[result.purchaseModel])).toEqual(['r', 'alpha', 's', 'beta']);
    const again = await customerValue(CDNOW, { ...columns, ...rfmLight, calibrationEnd: '1997-09-30', model });
    expect(again.purchaseFit).toBeNull();
    expect(again.customers.map((x) => x.pAlive)).toEqual(result.customers.map((x) => x.pAlive));
    expect(again.customers.map((x) => x.expectedValue)).toEqual(result.customers.map((x) => x.expectedValue));
    const summary = JSON.parse(String(files.find((f) => f.name === 'clv_summary.json')!.content));
    expect(summary.purchaseModel).toBe('paretonbd');
    expect(summary.comparison.chosen).toBe('paretonbd');
    expect(summary.paretonbd.params.r).toBeCloseTo(0.553, 2);
    const report = String(files.find((f) => f.name === 'report.html')!.content);
    expect(report).toContain('Purchase models compared');
    expect(report).toContain('clv-calibration');
    const plain = await customerValue(CDNOW, { ...columns, ...rfmLight, calibrationEnd: '1997-09-30' });
    const plainModel = JSON.parse(String((await clvRunFiles(plain, 0, 'test')).find((f) => f.name === 'model.json')!.content));
    expect(Object.keys(plainModel)).toEqual(['kind', 'timeUnit', 'bgnbd', 'gammaGamma', 'horizonMonths', 'discountRate', 'periodDays']);
  });

  it('refuses what cannot work: BG/BB on fractional weeks, a model named twice, a model.json with an unknown or unfilled model', async () => {
    await expect(customerValue(CDNOW, { ...columns, purchaseModel: 'bgbb' })).rejects.toThrow(/BG\/BB counts one chance to buy per time unit.*--time-unit day/);
    const { model } = await auto;
    await expect(customerValue(CDNOW, { ...columns, model, purchaseModel: 'bgnbd' })).rejects.toThrow(/--purchase-model and --model both/);
    await expect(customerValue(CDNOW, { ...columns, purchaseModel: 'nbd' as never })).rejects.toThrow(/invalid --purchase-model: nbd/);
    expect(() => checkClvModel({ ...model, purchaseModel: 'nbd' }, 'm.json')).toThrow(/purchaseModel is "nbd", not one of/);
    expect(() => checkClvModel({ ...model, paretonbd: { r: 1, alpha: 1, s: 1 } }, 'm.json')).toThrow(/paretonbd\.beta is missing/);
  });
});
