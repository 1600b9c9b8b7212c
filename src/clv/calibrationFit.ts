import type { PurchaseHistory, PurchaseModel, PurchaseParams } from './purchaseModel.js';

/** Customers by repeat purchases in the calibration period (0 … 6, then 7+): as seen, and as the model expects. */
export interface CalibrationFitRow {
  readonly purchases: string;
  readonly actual: number;
  readonly expected: number;
}

/** The histogram's last bin holds this many repeat purchases and more. */
const CENSOR = 7;

/**
 * BTYD's fit histogram (PlotFrequencyInCalibration): for each number of repeat purchases x = 0 … 6 and 7+,
 * the customers who made them, against Σᵢ P(X(Tᵢ) = x) over the customers' ages Tᵢ — what the fitted model
 * expects of customers as old as these. O(distinct ages × 7 × cost of P(X(t) = x)).
 */
export function calibrationFit(model: PurchaseModel, params: PurchaseParams, histories: readonly PurchaseHistory[]): CalibrationFitRow[] {
  const actual = new Array<number>(CENSOR + 1).fill(0);
  const ages = new Map<number, number>();
  for (const h of histories) {
    actual[Math.min(h.x, CENSOR)]!++;
    ages.set(h.T, (ages.get(h.T) ?? 0) + 1);
  }
  const expected = new Array<number>(CENSOR + 1).fill(0);
  for (const [age, customers] of [...ages].sort((a, b) => a[0] - b[0])) {
    let below = 0;
    for (let x = 0; x < CENSOR; x++) {
      const p = model.probabilityOfPurchases(params, age, x);
      expected[x]! += customers * p;
      below += p;
    }
    expected[CENSOR]! += customers * Math.max(0, 1 - below);
  }
  return actual.map((count, x) => ({ purchases: x === CENSOR ? `${CENSOR}+` : String(x), actual: count, expected: expected[x]! }));
}
