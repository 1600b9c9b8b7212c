import type { LikelihoodFit, OnIteration } from './maximizeLikelihood.js';
import type { CustomerHistory } from './purchaseHistories.js';
import { countsOneTimeBuyersAlive, namedParams, PURCHASE_MODEL_NAMES, type PurchaseModelName } from './purchaseModel.js';
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
 * holdout can compare them). When BG/NBD is best but a model that lets one-time buyers leave is as good
 * (isTie), that one is kept (tieReason). Deterministic; exact ties go to the earlier model in PURCHASE_MODEL_NAMES.
 * O(models × fit).
 */
export function comparePurchaseModels(
  customers: readonly CustomerHistory[],
  holdoutLength: number,
  onFit: (model: PurchaseModelName) => OnIteration | undefined = () => undefined,
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
    const fit = model.fit(customers, onFit(name));
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
  return { comparison: { rows, skipped, by, ...chooseModel(rows, by) }, fits };
}

/**
 * The model auto keeps among the compared rows, and why: the lowest score (holdout error or BIC) among the fits
 * that settled; but when that is BG/NBD and a model that lets one-time buyers leave scores as well (isTie),
 * that one (tieReason). O(models log models).
 */
export function chooseModel(rows: readonly ModelComparisonRow[], by: 'holdout' | 'bic'): { chosen: PurchaseModelName; reason: string } {
  const score = (r: ModelComparisonRow): number => (by === 'holdout' ? r.holdoutMeanAbsoluteError! : r.bic);
  const ranked = rows.filter((r) => r.converged && Number.isFinite(score(r))).sort((a, b) => score(a) - score(b));
  if (!ranked.length) return { chosen: rows[0]!.model, reason: `no model's fit settled, so ${rows[0]!.label}'s last estimate is kept; read it with care` };
  const best = ranked[0]!;
  const tied = ranked.filter((r) => isTie(score(best), score(r), by));
  const kept = countsOneTimeBuyersAlive(best.model) ? tied.find((r) => !countsOneTimeBuyersAlive(r.model)) : undefined;
  return kept ? { chosen: kept.model, reason: tieReason(best, kept, by) } : { chosen: best.model, reason: choiceReason(best, ranked[1], by) };
}

/**
 * Whether a model's score is as good as the best's for the purpose of choosing: a BIC under 2 above it
 * (Kass & Raftery 1995: "not worth more than a bare mention"), or a holdout error within 1% of it.
 */
function isTie(best: number, other: number, by: 'holdout' | 'bic'): boolean {
  return by === 'bic' ? other - best < 2 : other - best <= 0.01 * best;
}

/**
 * Why a model that fits as well as the best is kept instead: BG/NBD holds every one-time buyer alive by
 * construction (P = 1), so when a model that lets them leave does as well, its P(alive) is an estimate and
 * BG/NBD's an assumption.
 */
function tieReason(best: ModelComparisonRow, kept: ModelComparisonRow, by: 'holdout' | 'bic'): string {
  const figure = (r: ModelComparisonRow): string => (by === 'bic' ? `BIC ${r.bic.toFixed(1)}` : `holdout error ${r.holdoutMeanAbsoluteError!.toFixed(4)}`);
  const margin = by === 'bic' ? 'under 2 apart' : 'within 1%';
  return `${kept.label} (${figure(kept)}) and ${best.label} (${figure(best)}) fit about as well (${margin}); ${kept.label} is kept because it lets a customer who bought once leave, where ${best.label} holds them alive by assumption`;
}

const NEEDS_HOLDOUT = "needs a holdout to be compared (its likelihood counts whole days, the others' exact times): give --calibration-end";

/**
 * Why the chosen model won, with the runner-up's figure; a BIC gap read on Kass & Raftery's scale, a holdout
 * error within 1% of the runner-up's said to be as good (the figures would otherwise read "best: 0.8077,
 * against 0.8077").
 */
function choiceReason(best: ModelComparisonRow, next: ModelComparisonRow | undefined, by: 'holdout' | 'bic'): string {
  if (by === 'holdout') {
    const [error, nextError] = [best.holdoutMeanAbsoluteError!, next?.holdoutMeanAbsoluteError];
    if (next && nextError != null && isTie(error, nextError, by))
      return `${best.label} and ${next.label} predict the holdout about as well (${error.toFixed(4)} and ${nextError.toFixed(4)} purchases per customer off on average, within 1%); ${best.label}'s error is the smaller, so it is kept`;
    return `${best.label} predicts the holdout best: ${error.toFixed(4)} purchases per customer off on average${next ? `, against ${nextError!.toFixed(4)} for ${next.label}` : ''}`;
  }
  const gap = next ? next.bic - best.bic : 0;
  const evidence = gap > 10 ? 'very strong evidence' : gap > 6 ? 'strong evidence' : gap >= 2 ? 'positive evidence' : 'the two fit about as well';
  return `${best.label} has the lowest BIC (${best.bic.toFixed(1)})${next ? `, ${gap < 0.1 ? gap.toPrecision(1) : gap.toFixed(1)} below ${next.label}'s (${evidence})` : ''}; without a holdout (--calibration-end) the fit to the calibration period decides`;
}
