import type { SqlEngine } from '../engine/sqlEngine.js';
import { rfm, type RfmOptions, type RfmResult } from '../rfm/rfm.js';
import type { RfmColumns } from '../rfm/cleanOrderLog.js';
import { pearson } from '../profile/correlation.js';
import { DataError, UsageError } from '../util/errors.js';
import { calibrationFit, type CalibrationFitRow } from './calibrationFit.js';
import {
  fitReport,
  fitWarnings,
  holdoutCheck,
  pAliveNote,
  segmentValues,
  warningsOf,
  type ClvCustomer,
  type ClvSegment,
  type FitReport,
  type HoldoutCheck,
} from './clvFigures.js';

export type { ClvCustomer, ClvSegment, FitReport, HoldoutCheck } from './clvFigures.js';
import { expectedAverageValue, fitGammaGamma } from './gammaGamma.js';
import type { LikelihoodFit, OnIteration } from './maximizeLikelihood.js';
import { comparePurchaseModels, type ModelComparison } from './modelComparison.js';
import {
  checkedEnds,
  historiesInLog,
  purchaseHistories,
  TIME_UNIT_DAYS,
  type CustomerHistory,
  type PurchaseHistories,
  type TimeUnit,
} from './purchaseHistories.js';
import { withCleanOrderLog } from '../rfm/cleanOrderLog.js';
import { rfmTableFrom, type RfmTableResult } from '../rfm/computeRfmTable.js';
import { namedParams, PURCHASE_MODEL_CHOICES, PURCHASE_MODEL_NAMES, type PurchaseModelName } from './purchaseModel.js';
import { PURCHASE_MODELS } from './purchaseModels.js';
import { ClvModel, MAX_HORIZON_MONTHS, checkClvModel, clvModel, purchaseModelOf } from './clvModel.js';

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
  /** The purchase model: bgnbd (default), mbgnbd, paretonbd, bgbb, or auto (fit each and keep the best). */
  readonly purchaseModel?: PurchaseModelName | 'auto';
  /** A fitted model (model.json of an earlier run) to score with instead of fitting. */
  readonly model?: ClvModel;
  /** Options of the RFM analysis joined to the customers (bins, rules, clustering). */
  readonly rfm?: Omit<RfmOptions, keyof RfmColumns | 'asOf'>;
  /**
   * Hears each stage ("fitting the purchase model (BG/NBD)"), then, during a fit, the stage again with the
   * iteration it is at, at most every quarter second: a fit can take a minute on a large log.
   */
  readonly onProgress?: ClvProgress;
}

/** What hears a customer-value analysis's progress: a stage, and during a fit the iteration it is at. */
export type ClvProgress = (stage: string, iteration?: number) => void;

/** Everything a customer-value analysis produced. */
export interface ClvResult {
  readonly customers: readonly ClvCustomer[];
  readonly model: ClvModel;
  readonly histories: Omit<PurchaseHistories, 'customers'>;
  /** Days in the month the horizon counted. */
  readonly periodDays: number;
  /** The purchase model that scored the customers. */
  readonly purchaseModel: PurchaseModelName;
  /** The fits (absent when scoring with a given model). */
  readonly purchaseFit: FitReport | null;
  readonly gammaGammaFit: FitReport | null;
  /** `--purchase-model auto`'s comparison of the models (null otherwise). */
  readonly comparison: ModelComparison | null;
  /** Customers by repeat purchases in the calibration period, seen and expected by the model (BTYD's fit histogram). */
  readonly calibrationFit: readonly CalibrationFitRow[];
  /** What P(alive) says of one-time buyers under the model (a sentence). */
  readonly pAliveNote: string;
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
  const settings = clvSettings(options);
  const { unit, horizonMonths, discountRate, periodDays } = settings;
  const { histories, rfmTable } = await readOrderLog(source, options, unit);
  const { customers } = histories;
  const repeat = customers.filter((c) => c.x > 0);
  if (!options.model && repeat.length < MIN_REPEAT_BUYERS)
    throw new DataError(
      `${path}: ${repeat.length === 0 ? 'no customer' : `only ${repeat.length} customer${repeat.length === 1 ? '' : 's'}`} bought on more than one day${options.calibrationEnd ? ` up to ${histories.calibrationEnd}` : ''}; the models need at least ${MIN_REPEAT_BUYERS} repeat buyers to learn repeat buying from (with fewer, any parameters fit); give a longer log`,
    );
  const spends = repeat.filter((c) => c.mx > 0).map((c) => ({ x: c.x, mx: c.mx }));
  if (!options.model && spends.length === 0)
    throw new DataError(`${path}: no repeat customer spent anything on their repeat purchases; the value model needs positive order values`);
  const purchase = options.model ? null : fitPurchases(path, customers, histories.holdoutLength, settings.purchaseModel, options.onProgress);
  const gg = options.model ? null : fitGammaGamma(spends, fitProgress(options.onProgress, 'fitting the value model (Gamma-Gamma)'));
  const model: ClvModel =
    options.model ??
    clvModel(
      { timeUnit: unit, gammaGamma: gg!.model, horizonMonths, discountRate, periodDays },
      purchase!.name,
      namedParams(PURCHASE_MODELS[purchase!.name].paramNames, purchase!.fit.params),
    );
  const { model: purchaseModel, params } = purchaseModelOf(model);
  options.onProgress?.('segmenting the same customers by RFM');
  const rfmResult = await rfm(source, { ...options.rfm, ...columnsOf(options), ...rfmPeriod(options, histories) }, rfmTable);
  const rfmByCustomer = new Map(rfmResult.customers.map((c) => [c.customer, c]));
  const monthUnits = periodDays / TIME_UNIT_DAYS[unit];
  const scored: ClvCustomer[] = customers.map((c) => {
    const r = rfmByCustomer.get(c.customer);
    const averageValue = expectedAverageValue(model.gammaGamma, c.x, c.mx > 0 ? c.mx : 0);
    let value = 0;
    let before = 0;
    for (let month = 1; month <= horizonMonths; month++) {
      const upTo = purchaseModel.expectedPurchases(params, c, month * monthUnits);
      value += ((upTo - before) * averageValue) / (1 + discountRate) ** month;
      before = upTo;
    }
    // Object.assign, not spread: V8 took microseconds an object to spread a customer and add fields.
    return Object.assign({}, c, {
      rfm: r ? { r: r.r, f: r.f, m: r.m, segment: r.segment } : null,
      pAlive: purchaseModel.pAlive(params, c),
      expectedPurchases: before,
      expectedAverageValue: averageValue,
      expectedValue: value,
      predictedHoldout: histories.holdoutLength > 0 ? purchaseModel.expectedPurchases(params, c, histories.holdoutLength) : NaN,
    });
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
    purchaseModel: purchaseModel.name,
    purchaseFit: purchase && fitReport(purchase.fit, purchaseModel.paramNames, customers.length),
    gammaGammaFit: gg && fitReport(gg, ['p', 'q', 'gamma'], spends.length),
    comparison: purchase?.comparison ?? null,
    calibrationFit: calibrationFit(purchaseModel, params, customers),
    pAliveNote: pAliveNote(purchaseModel, scored),
    frequencyValueCorrelation,
    holdout: histories.holdoutLength > 0 ? holdoutCheck(scored, histories.holdoutLength) : null,
    segments: segmentValues(scored, rfmResult),
    rfm: rfmResult,
    warnings: [...warningsOf(model, frequencyValueCorrelation), ...fitWarnings(purchase?.fit ?? null, gg)],
  };
}

/**
 * The purchase histories and, for a file, the RFM table of the same period from one read and cleaning of the
 * log (half of a run's reading; a table in a database is summed up where it is, twice). The RFM table, or its
 * failure, is handed over when the analysis reaches its RFM step, so errors come in the order they always did.
 */
async function readOrderLog(
  source: string | { engine: SqlEngine; table: string },
  options: ClvOptions,
  unit: TimeUnit,
): Promise<{ histories: PurchaseHistories; rfmTable?: () => Promise<RfmTableResult> }> {
  if (typeof source !== 'string') return { histories: await purchaseHistories(source, options, unit, options.calibrationEnd, options.holdoutEnd) };
  const ends = checkedEnds(options.calibrationEnd, options.holdoutEnd);
  return withCleanOrderLog(source, options, async (conn, log) => {
    const histories = await historiesInLog(conn, log, unit, ends);
    const rfmTable = await rfmTableFrom(conn, log, undefined, rfmPeriod(options, histories).until).then(
      (table) => () => Promise.resolve(table),
      (error: unknown) => () => Promise.reject(error),
    );
    return { histories, rfmTable };
  });
}

/** The RFM analysis covers the calibration period when one is given, else the whole log. */
function rfmPeriod(options: ClvOptions, histories: PurchaseHistories): { until?: string } {
  return options.calibrationEnd ? { until: histories.calibrationEnd } : {};
}

/** The run's settings: the given model's, else the options', else the defaults; each checked. */
function clvSettings(options: ClvOptions): {
  unit: TimeUnit;
  horizonMonths: number;
  discountRate: number;
  periodDays: number;
  purchaseModel: PurchaseModelName | 'auto';
} {
  if (options.model) checkClvModel(options.model, 'the model');
  const unit = options.model?.timeUnit ?? options.timeUnit ?? 'week';
  if (!Object.hasOwn(TIME_UNIT_DAYS, unit)) throw new UsageError(`invalid --time-unit: ${String(unit)} (expected day, week or month)`);
  const purchaseModel = options.purchaseModel ?? 'bgnbd';
  if (!(PURCHASE_MODEL_CHOICES as readonly string[]).includes(purchaseModel))
    throw new UsageError(`invalid --purchase-model: ${String(purchaseModel)} (expected ${PURCHASE_MODEL_CHOICES.join(', ')})`);
  if (options.model && options.purchaseModel)
    throw new UsageError('--purchase-model and --model both name the purchase model: a saved model.json scores with its own; give one of them');
  const horizonMonths = options.horizonMonths ?? options.model?.horizonMonths ?? 12;
  const discountRate = options.discountRate ?? options.model?.discountRate ?? 0;
  if (!(Number.isInteger(horizonMonths) && horizonMonths >= 1 && horizonMonths <= MAX_HORIZON_MONTHS))
    throw new UsageError(`invalid --horizon: ${horizonMonths} (expected whole months ahead from 1 to ${MAX_HORIZON_MONTHS}, e.g. 12)`);
  if (!(Number.isFinite(discountRate) && discountRate >= 0 && discountRate < 1))
    throw new UsageError(`invalid --discount-rate: ${discountRate} (expected a monthly rate from 0 up to 1, such as 0.01)`);
  const periodDays = options.periodDays ?? options.model?.periodDays ?? DEFAULT_PERIOD_DAYS;
  if (!(Number.isFinite(periodDays) && periodDays > 0 && periodDays <= 366))
    throw new UsageError(`invalid --period-days: ${periodDays} (expected the days in a month, above 0 and at most 366, such as 30)`);
  return { unit, horizonMonths, discountRate, periodDays, purchaseModel };
}

/** The purchase model fitted as asked: the named one (refused with the reason when it cannot read the histories), or auto's choice. */
function fitPurchases(
  path: string,
  customers: readonly CustomerHistory[],
  holdoutLength: number,
  asked: PurchaseModelName | 'auto',
  onProgress: ClvProgress | undefined,
): { name: PurchaseModelName; fit: LikelihoodFit; comparison: ModelComparison | null } {
  if (asked === 'auto') {
    const { comparison, fits } = comparePurchaseModels(customers, holdoutLength, (name) =>
      fitProgress(
        onProgress,
        `comparing the purchase models: ${PURCHASE_MODELS[name].label} (${PURCHASE_MODEL_NAMES.indexOf(name) + 1} of ${PURCHASE_MODEL_NAMES.length})`,
      ),
    );
    return { name: comparison.chosen, fit: fits.get(comparison.chosen)!, comparison };
  }
  const reason = PURCHASE_MODELS[asked].notApplicable(customers);
  if (reason) throw new DataError(`${path}: ${PURCHASE_MODELS[asked].label} ${reason}`);
  const fit = PURCHASE_MODELS[asked].fit(customers, fitProgress(onProgress, `fitting the purchase model (${PURCHASE_MODELS[asked].label})`));
  return { name: asked, fit, comparison: null };
}

/**
 * Says a fit's stage, then hears its iterations and says the stage again with the iteration's number at most
 * every quarter of a second: a fit is synchronous, and a progress line whose clock stops for a minute looks like a hang.
 */
function fitProgress(onProgress: ClvProgress | undefined, stage: string): OnIteration | undefined {
  if (!onProgress) return undefined;
  onProgress(stage);
  let said = performance.now();
  return (iteration) => {
    const now = performance.now();
    if (now - said < 250) return;
    said = now;
    onProgress(stage, iteration);
  };
}

/** Days in the month the horizon counts unless told: a twelfth of 365.25 days (lifetimes and PyMC-Marketing count 30). */
export const DEFAULT_PERIOD_DAYS = 365.25 / 12;

/** Fewer repeat buyers than this cannot pin the models down (2 customers fit r = 7.6 million). */
const MIN_REPEAT_BUYERS = 10;

function columnsOf(o: RfmColumns): RfmColumns {
  return { customer: o.customer, date: o.date, amount: o.amount, quantity: o.quantity, price: o.price, invoice: o.invoice };
}
