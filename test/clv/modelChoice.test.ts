import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { customerValue } from '../../src/clv/clv.js';
import { chooseModel, type ModelComparisonRow } from '../../src/clv/modelComparison.js';
import { DATA_DIR } from '../helpers.js';

// Issue 34: auto keeps the best-scoring model, but when BG/NBD wins by a margin that says nothing (BIC under 2,
// holdout error within 1%) a model that lets one-time buyers leave is kept instead: BG/NBD's P(alive) = 1 for
// them is its assumption, not an estimate.
const row = (model: ModelComparisonRow['model'], bic: number, mae: number | null = null, converged = true): ModelComparisonRow => ({
  model,
  label: model,
  logLikelihood: -bic / 2,
  bic,
  holdoutMeanAbsoluteError: mae,
  holdoutTotalError: mae === null ? null : 0,
  converged,
});

describe('clv auto: which model is kept', () => {
  it('by BIC: the lowest, unless BG/NBD leads by under 2 and a model without its assumption is that close', () => {
    expect(chooseModel([row('bgnbd', 100), row('mbgnbd', 101.9), row('paretonbd', 101)], 'bic').chosen).toBe('paretonbd');
    expect(chooseModel([row('bgnbd', 100), row('mbgnbd', 102.1)], 'bic').chosen).toBe('bgnbd');
    expect(chooseModel([row('bgnbd', 100), row('mbgnbd', 100.5, null, false)], 'bic').chosen).toBe('bgnbd');
    expect(chooseModel([row('bgnbd', 101), row('mbgnbd', 100)], 'bic').chosen).toBe('mbgnbd');
    const tie = chooseModel([row('bgnbd', 100), row('mbgnbd', 100.2)], 'bic');
    expect(tie.reason).toContain('under 2 apart');
    expect(tie.reason).toContain('holds them alive by assumption');
    expect(chooseModel([row('mbgnbd', 100), row('bgnbd', 112)], 'bic').reason).toContain('12.0 below bgnbd');
    expect(chooseModel([row('mbgnbd', 100), row('bgnbd', 112)], 'bic').reason).toContain('very strong evidence');
  });

  it('by holdout error: within 1% of BG/NBD counts as a tie, beyond it the lower error wins', () => {
    expect(chooseModel([row('bgnbd', 0, 0.5), row('bgbb', 0, 0.504)], 'holdout').chosen).toBe('bgbb');
    expect(chooseModel([row('bgnbd', 0, 0.5), row('bgbb', 0, 0.506)], 'holdout').chosen).toBe('bgnbd');
    expect(chooseModel([row('bgnbd', 0, 0.5, false), row('mbgnbd', 0, 0.9, false)], 'holdout').reason).toContain('no model');
  });

  it('by holdout error: says a win within 1% is no real win (Online Retail: 0.8077 against 0.8077), and names a clear one', () => {
    const close = chooseModel([row('paretonbd', 0, 0.80771), row('mbgnbd', 0, 0.80769)], 'holdout');
    expect(close.chosen).toBe('mbgnbd');
    expect(close.reason).toBe(
      "mbgnbd and paretonbd predict the holdout about as well (0.8077 and 0.8077 purchases per customer off on average, within 1%); mbgnbd's error is the smaller, so it is kept",
    );
    const clear = chooseModel([row('paretonbd', 0, 0.7545), row('mbgnbd', 0, 0.7648)], 'holdout');
    expect(clear.reason).toBe('paretonbd predicts the holdout best: 0.7545 purchases per customer off on average, against 0.7648 for mbgnbd');
    expect(chooseModel([row('mbgnbd', 0, 0.7)], 'holdout').reason).toBe('mbgnbd predicts the holdout best: 0.7000 purchases per customer off on average');
  });

  it('Online Retail (sample) with auto: the table compares three models and the kept one gives one-time buyers a P(alive) below 1', async () => {
    const result = await customerValue(join(DATA_DIR, 'online_retail_sample.csv.gz'), {
      customer: 'CustomerID',
      date: 'InvoiceDate',
      quantity: 'Quantity',
      price: 'UnitPrice',
      invoice: 'InvoiceNo',
      purchaseModel: 'auto',
    });
    const c = result.comparison!;
    expect(c.rows.map((r) => r.model)).toEqual(['bgnbd', 'mbgnbd', 'paretonbd']);
    expect(c.rows.every((r) => r.converged)).toBe(true);
    expect(result.purchaseModel).not.toBe('bgnbd');
    const once = result.customers.filter((x) => x.x === 0);
    expect(once.length).toBeGreaterThan(100);
    expect(Math.max(...once.map((x) => x.pAlive))).toBeLessThan(1);
    // The kept fit sits at the edge of its range (b grows without bound): its a and b have no standard error
    // (NaN, shown as "–"), where 0 would read as certainty; r and alpha keep theirs.
    const se = result.purchaseFit!.standardErrors;
    expect(se['r']).toBeGreaterThan(0);
    expect(se['alpha']).toBeGreaterThan(0);
    expect([se['a'], se['b']]).toEqual([NaN, NaN]);
  }, 60_000);
});
