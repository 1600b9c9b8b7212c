import type { LikelihoodFit } from './maximizeLikelihood.js';
import type { CustomerHistory } from './purchaseHistories.js';
import { namedParams, PURCHASE_MODEL_NAMES, type PurchaseModelName } from './purchaseModel.js';
import { PURCHASE_MODELS } from './purchaseModels.js';

/** One purchase model in the comparison: its fit's log-likelihood and BIC, and its holdout errors. */
export interface ModelComparisonRow {
  readonly model: PurchaseModelName;
  readonly label: string;
  readonly logLikelihood: number;
  /** 4 ln(customers) − 2 log-likelihood: lower is better. */
  readonly bic: number;
  /** Mean |actual − predicted| holdout purchases per customer (null without a holdout). */
  readonly holdoutMeanAbsoluteError: number | null;
  /** (predicted − actual) / actual holdout purchases in all (null without a holdout). */
  readonly holdoutTotalError: number | null;
  readonly converged: boolean;
}

/** The comparison `--purchase-model auto` made: every model it could fit, the one chosen, how and why. */
export interface ModelComparison {
  readonly rows: readonly ModelComparisonRow[];
  /** Models left out, with the reason. */
  readonly skipped: ReadonlyArray<{ readonly model: PurchaseModelName; readonly label: string; readonly reason: string }>;
  readonly chosen: PurchaseModelName;
  readonly by: 'holdout' | 'bic';
  readonly reason: string;
}

/**
 * `--purchase-model auto`: fits each model the histories allow and picks the one with the lowest holdout mean
 * absolute error when there is a holdout (what the model is for: predicting), else the lowest BIC (the
 * continuous-time models only: BG/BB's likelihood is of whole days, the others' of exact times, so only a
 * holdout can compare them). Deterministic; ties go to the earlier model in PURCHASE_MODEL_NAMES.
 * O(models × fit).
 */
export function comparePurchaseModels(
  customers: readonly CustomerHistory[],
  holdoutLength: number,
): { comparison: ModelComparison; fits: ReadonlyMap<PurchaseModelName, LikelihoodFit> } {
  const fits = new Map<PurchaseModelName, LikelihoodFit>();
  const rows: ModelComparisonRow[] = [];
  const skipped: Array<{ model: PurchaseModelName; label: string; reason: string }> = [];
  const actual = customers.reduce((s, c) => s + c.holdoutPurchases, 0);
  for (const name of PURCHASE_MODEL_NAMES) {
    const model = PURCHASE_MODELS[name];
    const reason = model.notApplicable(customers) ?? (name === 'bgbb' && holdoutLength === 0 ? NEEDS_HOLDOUT : null);
    if (reason) {
      skipped.push({ model: name, label: model.label, reason });
      continue;
    }
    const fit = model.fit(customers);
    fits.set(name, fit);
    const params = namedParams(model.paramNames, fit.params);
    let absolute = 0,
      predicted = 0;
    if (holdoutLength > 0)
      for (const c of customers) {
        const p = model.expectedPurchases(params, c, holdoutLength);
        absolute += Math.abs(c.holdoutPurchases - p);
        predicted += p;
      }
    rows.push({
      model: name,
      label: model.label,
      logLikelihood: fit.logLikelihood,
      bic: fit.params.length * Math.log(customers.length) - 2 * fit.logLikelihood,
      holdoutMeanAbsoluteError: holdoutLength > 0 ? absolute / customers.length : null,
      holdoutTotalError: holdoutLength > 0 ? (predicted - actual) / Math.max(actual, 1) : null,
      converged: fit.converged,
    });
  }
  const by = holdoutLength > 0 ? 'holdout' : 'bic';
  const score = (r: ModelComparisonRow): number => (by === 'holdout' ? r.holdoutMeanAbsoluteError! : r.bic);
  const ranked = rows.filter((r) => r.converged && Number.isFinite(score(r))).sort((a, b) => score(a) - score(b));
  const best = ranked[0] ?? rows[0]!;
  const reason = ranked.length ? choiceReason(best, ranked[1], by) : `no model's fit settled, so ${best.label}'s last estimate is kept; read it with care`;
  return { comparison: { rows, skipped, chosen: best.model, by, reason }, fits };
}

const NEEDS_HOLDOUT = "needs a holdout to be compared (its likelihood counts whole days, the others' exact times): give --calibration-end";

/** Why the chosen model won, with the runner-up's figure. */
function choiceReason(best: ModelComparisonRow, next: ModelComparisonRow | undefined, by: 'holdout' | 'bic'): string {
  if (by === 'holdout')
    return `${best.label} predicts the holdout best: ${best.holdoutMeanAbsoluteError!.toFixed(4)} purchases per customer off on average${next ? `, against ${next.holdoutMeanAbsoluteError!.toFixed(4)} for ${next.label}` : ''}`;
  return `${best.label} has the lowest BIC (${best.bic.toFixed(1)})${next ? `, ${(next.bic - best.bic).toFixed(1)} below ${next.label}'s${next.bic - best.bic > 10 ? ' (above 10: strong evidence)' : ' (under 10: the two fit about as well)'}` : ''}; without a holdout (--calibration-end) the fit to the calibration period decides`;
}
