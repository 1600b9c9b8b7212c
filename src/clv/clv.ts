import type { SqlEngine } from '../engine/sqlEngine.js';
import { rfm, type RfmOptions, type RfmResult } from '../rfm/rfm.js';
import type { RfmColumns } from '../rfm/cleanOrderLog.js';
import { pearson } from '../profile/correlation.js';
import { DataError, UsageError } from '../util/errors.js';
import { expectedPurchases, fitBgNbd, probabilityAlive } from './bgnbd.js';
import { expectedAverageValue, fitGammaGamma } from './gammaGamma.js';
import { purchaseHistories, TIME_UNIT_DAYS, type CustomerHistory, type PurchaseHistories, type TimeUnit } from './purchaseHistories.js';
import { ClvModel, MAX_HORIZON_MONTHS, checkClvModel } from './clvModel.js';

/** Options of a customer-value analysis; the CLI flags map one to one onto these. */
export interface ClvOptions extends RfmColumns {
  /** Last day of the calibration period (YYYY-MM-DD); later purchases are the holdout. Default: the log's last day. */
  readonly calibrationEnd?: string;
  /** Last day of the holdout (YYYY-MM-DD); later purchases are left out. Default: the log's last purchase day. */
  readonly holdoutEnd?: string;
  /** Days in the month the horizon counts. Default 365.25 / 12 (30.44); 30 matches lifetimes. */
  readonly periodDays?: number;
  /** Months ahead for expected purchases and value. Default 12. */
  readonly horizonMonths?: number;
  readonly timeUnit?: TimeUnit;
  /** Monthly discount rate for the expected value (0.01 = 1% a month). Default 0. */
  readonly discountRate?: number;
  /** A fitted model (model.json of an earlier run) to score with instead of fitting. */
  readonly model?: ClvModel;
  /** Options of the RFM analysis joined to the customers (bins, rules, clustering). */
  readonly rfm?: Omit<RfmOptions, keyof RfmColumns | 'asOf'>;
}

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
  /** Customers with a single purchase day: BG/NBD counts them alive (P = 1), as it lets customers drop out only after a repeat purchase. */
  readonly oneTimeBuyers: number;
  readonly meanPAlive: number;
  /** Mean P(alive) of the repeat buyers (NaN without any): the figure that says who is slipping away. */
  readonly meanPAliveRepeat: number;
  readonly expectedPurchases: number;
  readonly expectedValue: number;
}

/** Everything a customer-value analysis produced. */
export interface ClvResult {
  readonly customers: readonly ClvCustomer[];
  readonly model: ClvModel;
  readonly histories: Omit<PurchaseHistories, 'customers'>;
  /** Days in the month the horizon counted. */
  readonly periodDays: number;
  /** The fits (absent when scoring with a given model). */
  readonly bgnbdFit: FitReport | null;
  readonly gammaGammaFit: FitReport | null;
  /** Pearson correlation of x and mₓ among repeat customers (Gamma-Gamma assumes independence: near 0). */
  readonly frequencyValueCorrelation: number;
  readonly holdout: HoldoutCheck | null;
  readonly segments: readonly ClvSegment[];
  readonly rfm: RfmResult;
  /** What a reader should know before acting on the figures (a dropout the log cannot show, dependence of value on frequency). */
  readonly warnings: readonly string[];
}

/**
 * Customer value ahead from an order log (a file, or a table in a database, summed up there): per-customer histories (RFM cleaning), BG/NBD fitted by maximum
 * likelihood (r, α, a, b with standard errors), Gamma-Gamma on the repeat customers' average order values
 * (p, q, γ), and per customer P(alive), expected purchases and value over the horizon; with a calibration end,
 * the holdout check; the RFM analysis of the calibration period joined by customer. O(lines) reading, then
 * O(distinct histories × iterations) fitting.
 */
export async function customerValue(source: string | { engine: SqlEngine; table: string }, options: ClvOptions): Promise<ClvResult> {
  const path = typeof source === 'string' ? source : `${source.engine.label} table ${source.table}`;
  if (options.model) checkClvModel(options.model, 'the model');
  const unit = options.model?.timeUnit ?? options.timeUnit ?? 'week';
  if (!Object.hasOwn(TIME_UNIT_DAYS, unit)) throw new UsageError(`invalid --time-unit: ${String(unit)} (expected day, week or month)`);
  const horizonMonths = options.horizonMonths ?? options.model?.horizonMonths ?? 12;
  const discountRate = options.discountRate ?? options.model?.discountRate ?? 0;
  if (!(Number.isInteger(horizonMonths) && horizonMonths >= 1 && horizonMonths <= MAX_HORIZON_MONTHS))
    throw new UsageError(`invalid --horizon: ${horizonMonths} (expected whole months ahead from 1 to ${MAX_HORIZON_MONTHS}, e.g. 12)`);
  if (!(Number.isFinite(discountRate) && discountRate >= 0 && discountRate < 1))
    throw new UsageError(`invalid --discount-rate: ${discountRate} (expected a monthly rate from 0 up to 1, such as 0.01)`);
  const periodDays = options.periodDays ?? options.model?.periodDays ?? DEFAULT_PERIOD_DAYS;
  if (!(Number.isFinite(periodDays) && periodDays > 0 && periodDays <= 366))
    throw new UsageError(`invalid --period-days: ${periodDays} (expected the days in a month, above 0 and at most 366, such as 30)`);
  const histories = await purchaseHistories(source, options, unit, options.calibrationEnd, options.holdoutEnd);
  const { customers } = histories;
  const repeat = customers.filter((c) => c.x > 0);
  if (!options.model && repeat.length < MIN_REPEAT_BUYERS)
    throw new DataError(
      `${path}: ${repeat.length === 0 ? 'no customer' : `only ${repeat.length} customer${repeat.length === 1 ? '' : 's'}`} bought on more than one day${options.calibrationEnd ? ` up to ${histories.calibrationEnd}` : ''}; the models need at least ${MIN_REPEAT_BUYERS} repeat buyers to learn repeat buying from (with fewer, any parameters fit); give a longer log`,
    );
  const spends = repeat.filter((c) => c.mx > 0).map((c) => ({ x: c.x, mx: c.mx }));
  if (!options.model && spends.length === 0)
    throw new DataError(`${path}: no repeat customer spent anything on their repeat purchases; the value model needs positive order values`);
  const bg = options.model ? null : fitBgNbd(customers);
  const gg = options.model ? null : fitGammaGamma(spends);
  const model: ClvModel = options.model ?? {
    kind: 'segmenta-clv',
    timeUnit: unit,
    bgnbd: bg!.model,
    gammaGamma: gg!.model,
    horizonMonths,
    discountRate,
    periodDays,
  };
  const rfmResult = await rfm(source, { ...options.rfm, ...columnsOf(options), ...(options.calibrationEnd ? { until: histories.calibrationEnd } : {}) });
  const rfmByCustomer = new Map(rfmResult.customers.map((c) => [c.customer, c]));
  const monthUnits = periodDays / TIME_UNIT_DAYS[unit];
  const scored: ClvCustomer[] = customers.map((c) => {
    const r = rfmByCustomer.get(c.customer);
    const averageValue = expectedAverageValue(model.gammaGamma, c.x, c.mx > 0 ? c.mx : 0);
    let value = 0;
    let before = 0;
    for (let month = 1; month <= horizonMonths; month++) {
      const upTo = expectedPurchases(model.bgnbd, c, month * monthUnits);
      value += ((upTo - before) * averageValue) / (1 + discountRate) ** month;
      before = upTo;
    }
    return {
      ...c,
      rfm: r ? { r: r.r, f: r.f, m: r.m, segment: r.segment } : null,
      pAlive: probabilityAlive(model.bgnbd, c),
      expectedPurchases: before,
      expectedAverageValue: averageValue,
      expectedValue: value,
      predictedHoldout: histories.holdoutLength > 0 ? expectedPurchases(model.bgnbd, c, histories.holdoutLength) : NaN,
    };
  });
  const { customers: _omit, ...periods } = histories;
  const frequencyValueCorrelation = pearson(
    spends.map((s) => s.x),
    spends.map((s) => s.mx),
  );
  return {
    customers: scored,
    model,
    histories: periods,
    periodDays,
    bgnbdFit: bg && fitReport(bg, ['r', 'alpha', 'a', 'b'], customers.length),
    gammaGammaFit: gg && fitReport(gg, ['p', 'q', 'gamma'], spends.length),
    frequencyValueCorrelation,
    holdout: histories.holdoutLength > 0 ? holdoutCheck(scored, histories.holdoutLength) : null,
    segments: segmentValues(scored, rfmResult),
    rfm: rfmResult,
    warnings: [...warningsOf(model, frequencyValueCorrelation), ...fitWarnings(bg, gg)],
  };
}

/** Days in the month the horizon counts unless told: a twelfth of 365.25 days (lifetimes and PyMC-Marketing count 30). */
export const DEFAULT_PERIOD_DAYS = 365.25 / 12;

/** Fewer repeat buyers than this cannot pin the models down (2 customers fit r = 7.6 million). */
const MIN_REPEAT_BUYERS = 10;

/** A fitted parameter beyond this is a model that explains little (a fit drifting to infinity): warned about. */
const DRIFTING_PARAMETER = 1e6;

/** Above this |correlation| of repeat purchases and average order value, Gamma-Gamma's independence is in doubt. */
export const INDEPENDENCE_LIMIT = 0.3;

/** Warnings about the fit: almost no dropout seen (a/(a+b) below 1%), order value tied to frequency (|ρ| > INDEPENDENCE_LIMIT). */
function warningsOf(model: ClvModel, rho: number): string[] {
  const warnings: string[] = [];
  const { a, b } = model.bgnbd;
  if (a / (a + b) < 0.01)
    warnings.push(
      `the fit sees almost no customer leave (mean dropout chance after a purchase ${(100 * (a / (a + b))).toPrecision(2)}%): P(alive) is near 1 for everyone; the log may be too short to show who left`,
    );
  if (Math.abs(rho) > INDEPENDENCE_LIMIT)
    warnings.push(
      `order value moves with purchase frequency (correlation ${rho.toFixed(2)}); Gamma-Gamma assumes it does not, so read expected values with care`,
    );
  return warnings;
}

/** Warnings about fits that did not settle, or drifted to parameters no log supports. */
function fitWarnings(...fits: ReadonlyArray<{ params: number[]; converged: boolean; model: object } | null>): string[] {
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

function columnsOf(o: RfmColumns): RfmColumns {
  return { customer: o.customer, date: o.date, amount: o.amount, quantity: o.quantity, price: o.price, invoice: o.invoice };
}

function fitReport(
  fit: { params: number[]; standardErrors: number[]; logLikelihood: number; iterations: number; converged: boolean },
  names: string[],
  n: number,
): FitReport {
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
function holdoutCheck(customers: readonly ClvCustomer[], length: number): HoldoutCheck {
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
function segmentValues(customers: readonly ClvCustomer[], rfmResult: RfmResult): ClvSegment[] {
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
