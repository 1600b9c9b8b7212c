import type { RfmResult } from '../rfm/rfm.js';
import type { CustomerHistory } from './purchaseHistories.js';
import type { ClvModel } from './clvModel.js';
import { pearson } from '../profile/correlation.js';
import type { LikelihoodFit } from './maximizeLikelihood.js';
import { countsOneTimeBuyersAlive, type PurchaseModel } from './purchaseModel.js';
import { countText } from '../util/formatNumber.js';

/** One customer's figures: the history, the RFM scores and segment, and the model's predictions. */
export interface ClvCustomer extends CustomerHistory {
  readonly rfm: { readonly r: number; readonly f: number; readonly m: number; readonly segment: string } | null;
  readonly pAlive: number;
  /** Purchases expected over the horizon. */
  readonly expectedPurchases: number;
  /** Expected average order value (Gamma-Gamma). */
  readonly expectedAverageValue: number;
  /** Expected value over the horizon, discounted monthly. */
  readonly expectedValue: number;
  /** Purchases the model expected in the holdout period (NaN without one). */
  readonly predictedHoldout: number;
}

/** A fit's figures for the summary: parameters, standard errors, log-likelihood, convergence. */
export interface FitReport {
  readonly params: Record<string, number>;
  readonly standardErrors: Record<string, number>;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly customers: number;
}

/** Predicted against actual holdout purchases, by calibration frequency (0 … 6, 7+) and overall. */
export interface HoldoutCheck {
  readonly length: number;
  readonly byFrequency: ReadonlyArray<{ readonly frequency: string; readonly customers: number; readonly actual: number; readonly predicted: number }>;
  readonly actualTotal: number;
  readonly predictedTotal: number;
  /** Mean absolute error per customer, in purchases. */
  readonly meanAbsoluteError: number;
  /** Pearson correlation of predicted and actual per customer. */
  readonly correlation: number;
}

/** Per RFM segment: customers, mean P(alive), expected purchases and value over the horizon. */
export interface ClvSegment {
  readonly segment: string;
  readonly customers: number;
  /** Customers with a single purchase day (BG/NBD counts them alive, P = 1, as it lets customers drop out only after a repeat purchase). */
  readonly oneTimeBuyers: number;
  readonly meanPAlive: number;
  /** Mean P(alive) of the repeat buyers (NaN without any): the figure that says who is slipping away. */
  readonly meanPAliveRepeat: number;
  readonly expectedPurchases: number;
  readonly expectedValue: number;
}

/** A fitted parameter beyond this is a model that explains little (a fit drifting to infinity): warned about. */
const DRIFTING_PARAMETER = 1e6;

/** Above this |correlation| of repeat purchases and average order value, Gamma-Gamma's independence is in doubt. */
export const INDEPENDENCE_LIMIT = 0.3;

/**
 * Warnings about the fit: almost no dropout seen (BG/NBD's and MBG/NBD's a/(a+b), BG/BB's γ/(γ+δ) below 1%),
 * order value tied to frequency (|ρ| > INDEPENDENCE_LIMIT).
 */
export function warningsOf(model: ClvModel, rho: number): string[] {
  const warnings: string[] = [];
  const name = model.purchaseModel ?? 'bgnbd';
  const p = model[name] as Record<string, number>;
  const dropout = name === 'bgbb' ? p['gamma']! / (p['gamma']! + p['delta']!) : name === 'paretonbd' ? NaN : p['a']! / (p['a']! + p['b']!);
  if (dropout < 0.01)
    warnings.push(
      `the fit sees almost no customer leave (mean dropout chance ${name === 'bgbb' ? 'per time unit' : 'after a purchase'} ${(100 * dropout).toPrecision(2)}%): P(alive) is near 1 for everyone; the log may be too short to show who left`,
    );
  if (Math.abs(rho) > INDEPENDENCE_LIMIT)
    warnings.push(
      `order value moves with purchase frequency (correlation ${rho.toFixed(2)}); Gamma-Gamma assumes it does not, so read expected values with care`,
    );
  return warnings;
}

/** Warnings about fits that did not settle, or drifted to parameters no log supports. */
export function fitWarnings(...fits: ReadonlyArray<LikelihoodFit | null>): string[] {
  return fits.flatMap((f) =>
    !f
      ? []
      : !f.converged
        ? ['the likelihood maximisation did not converge; the parameters are the last estimate, read them with care']
        : f.params.some((p) => p > DRIFTING_PARAMETER)
          ? [`a fitted parameter exceeds 10⁶ (${f.params.map((p) => p.toPrecision(3)).join(', ')}): the log cannot pin the model down; give a longer log`]
          : [],
  );
}

/** A fit's figures by parameter name, for the summary. */
export function fitReport(fit: LikelihoodFit, names: readonly string[], n: number): FitReport {
  return {
    params: Object.fromEntries(names.map((k, i) => [k, fit.params[i]!])),
    standardErrors: Object.fromEntries(names.map((k, i) => [k, fit.standardErrors[i]!])),
    logLikelihood: fit.logLikelihood,
    iterations: fit.iterations,
    converged: fit.converged,
    customers: n,
  };
}

/** The paper's holdout check: mean actual and predicted purchases by calibration frequency 0 … 6 and 7+. */
export function holdoutCheck(customers: readonly ClvCustomer[], length: number): HoldoutCheck {
  const groups = Array.from({ length: 8 }, (_, i) => ({ frequency: i === 7 ? '7+' : String(i), customers: 0, actual: 0, predicted: 0 }));
  for (const c of customers) {
    const g = groups[Math.min(c.x, 7)]!;
    g.customers++;
    g.actual += c.holdoutPurchases;
    g.predicted += c.predictedHoldout;
  }
  const actual = customers.map((c) => c.holdoutPurchases);
  const predicted = customers.map((c) => c.predictedHoldout);
  return {
    length,
    byFrequency: groups.filter((g) => g.customers > 0).map((g) => ({ ...g, actual: g.actual / g.customers, predicted: g.predicted / g.customers })),
    actualTotal: actual.reduce((s, v) => s + v, 0),
    predictedTotal: predicted.reduce((s, v) => s + v, 0),
    meanAbsoluteError: actual.reduce((s, v, i) => s + Math.abs(v - predicted[i]!), 0) / customers.length,
    correlation: pearson(actual, predicted),
  };
}

/** The RFM segments (in the RFM table's order) with the customers' value figures. */
export function segmentValues(customers: readonly ClvCustomer[], rfmResult: RfmResult): ClvSegment[] {
  return rfmResult.segments
    .map((s) => {
      const members = customers.filter((c) => c.rfm?.segment === s.name);
      const repeat = members.filter((c) => c.x > 0);
      return {
        segment: s.name,
        customers: members.length,
        oneTimeBuyers: members.length - repeat.length,
        meanPAlive: members.reduce((t, c) => t + c.pAlive, 0) / Math.max(members.length, 1),
        meanPAliveRepeat: repeat.length ? repeat.reduce((t, c) => t + c.pAlive, 0) / repeat.length : NaN,
        expectedPurchases: members.reduce((t, c) => t + c.expectedPurchases, 0),
        expectedValue: members.reduce((t, c) => t + c.expectedValue, 0),
      };
    })
    .filter((s) => s.customers > 0);
}

/**
 * What P(alive) means for one-time buyers under the model, in a sentence for the summary, the report and the
 * studio: BG/NBD counts them alive; the others let them go, and the sentence gives their mean.
 */
export function pAliveNote(model: PurchaseModel, customers: readonly ClvCustomer[]): string {
  const once = customers.filter((c) => c.x === 0);
  if (countsOneTimeBuyersAlive(model.name))
    return 'BG/NBD counts a customer who bought once as alive (P = 1); the doubt about them is in their low expected purchases';
  const mean = once.reduce((s, c) => s + c.pAlive, 0) / Math.max(once.length, 1);
  return `${model.label}: ${model.story}, so the ${countText(once.length)} one-time buyers have P(alive) ${once.length ? `${probabilityText(mean)} on average` : 'below 1'}`;
}

/** A probability to 2 decimals, or to 4 where 2 would read 1.00 for a value below 1 ("above 0.9999" beyond). */
export function probabilityText(p: number): string {
  if (p >= 1 || p < 0.995) return p.toFixed(2);
  return p < 0.99995 ? p.toFixed(4) : 'above 0.9999';
}

/** The parameters as "r 0.2426, alpha 4.414, …" (four significant digits, the model's order). */
export function paramsText(model: PurchaseModel, params: Readonly<Record<string, number>>): string {
  return model.paramNames.map((k) => `${k} ${params[k]!.toPrecision(4)}`).join(', ');
}
