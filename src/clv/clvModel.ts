import { DataError } from '../util/errors.js';
import type { BgNbdParams } from './bgnbd.js';
import type { GammaGammaParams } from './gammaGamma.js';
import { TIME_UNIT_DAYS, type TimeUnit } from './purchaseHistories.js';
import { PURCHASE_MODEL_NAMES, type PurchaseModel, type PurchaseModelName, type PurchaseParams } from './purchaseModel.js';
import { PURCHASE_MODELS } from './purchaseModels.js';

/**
 * What scores customers later: the purchase model's parameters under its name (`bgnbd`, `mbgnbd`, `paretonbd`,
 * `bgbb`), Gamma-Gamma's, the time unit, the horizon and discount rate. Written as model.json.
 */
export interface ClvModel {
  readonly kind: 'segmenta-clv';
  readonly timeUnit: TimeUnit;
  /** The purchase model; absent for BG/NBD (so model.json of BG/NBD reads as before there were others). */
  readonly purchaseModel?: PurchaseModelName;
  readonly bgnbd?: BgNbdParams;
  readonly mbgnbd?: PurchaseParams;
  readonly paretonbd?: PurchaseParams;
  readonly bgbb?: PurchaseParams;
  readonly gammaGamma: GammaGammaParams;
  readonly horizonMonths: number;
  readonly discountRate: number;
  /** Days in the month the horizon counts (absent in models made before it was recorded: 365.25 / 12). */
  readonly periodDays?: number;
}

/** The model's purchase model and its parameters. */
export function purchaseModelOf(model: ClvModel): { readonly model: PurchaseModel; readonly params: PurchaseParams } {
  const name = model.purchaseModel ?? 'bgnbd';
  return { model: PURCHASE_MODELS[name], params: model[name] as PurchaseParams };
}

/** A clv model from its parts, the keys in model.json's order (`purchaseModel` only when it is not BG/NBD). */
export function clvModel(parts: Omit<ClvModel, 'purchaseModel' | PurchaseModelName | 'kind'>, name: PurchaseModelName, params: PurchaseParams): ClvModel {
  const { timeUnit, ...rest } = parts;
  return { kind: 'segmenta-clv', timeUnit, ...(name === 'bgnbd' ? {} : { purchaseModel: name }), [name]: params, ...rest };
}

/** Months ahead at most (100 years): the expected value adds one term per month. */
export const MAX_HORIZON_MONTHS = 1200;

/** A model's parameters are refused beyond this (no fit reaches it; 1e308 would overflow every product). */
const MAX_PARAMETER = 1e12;

/**
 * Checks a clv model (model.json of an earlier run, or given to the library) as model.json is checked: the
 * kind, a time unit of its own, every parameter a finite number above 0 and at most 10¹², a whole horizon of 1
 * to 1,200 months and a discount rate in [0, 1). Own properties only. Throws a DataError naming the field.
 */
export function checkClvModel(value: unknown, name: string): asserts value is ClvModel {
  const fail = (field: string, what: string): never => {
    throw new DataError(`${name}: ${field} ${what}; give the model.json of a segmenta clv run`);
  };
  const own = (o: unknown, key: string): unknown =>
    o !== null && typeof o === 'object' && Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined;
  if (own(value, 'kind') !== 'segmenta-clv') fail('kind', 'is not "segmenta-clv"');
  const unit = own(value, 'timeUnit');
  if (typeof unit !== 'string' || !Object.hasOwn(TIME_UNIT_DAYS, unit)) fail('timeUnit', 'is not day, week or month');
  const purchase = own(value, 'purchaseModel') ?? 'bgnbd';
  if (typeof purchase !== 'string' || !(PURCHASE_MODEL_NAMES as readonly string[]).includes(purchase))
    fail('purchaseModel', `is ${JSON.stringify(purchase)}, not one of ${PURCHASE_MODEL_NAMES.join(', ')}`);
  for (const [part, keys] of [
    [purchase as PurchaseModelName, PURCHASE_MODELS[purchase as PurchaseModelName].paramNames],
    ['gammaGamma', ['p', 'q', 'gamma']],
  ] as const)
    for (const key of keys) {
      const v = own(own(value, part), key);
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > MAX_PARAMETER)
        fail(`${part}.${key}`, `is ${JSON.stringify(v) ?? 'missing'}, not a number above 0 and at most 10¹²`);
    }
  const horizon = own(value, 'horizonMonths');
  if (typeof horizon !== 'number' || !Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON_MONTHS)
    fail('horizonMonths', `is ${JSON.stringify(horizon) ?? 'missing'}, not whole months from 1 to ${MAX_HORIZON_MONTHS}`);
  const rate = own(value, 'discountRate');
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) fail('discountRate', `is ${JSON.stringify(rate) ?? 'missing'}, not a rate from 0 up to 1`);
  const days = own(value, 'periodDays');
  if (days !== undefined && (typeof days !== 'number' || !(days > 0 && days <= 366)))
    fail('periodDays', `is ${JSON.stringify(days)}, not the days in a month (above 0, at most 366)`);
}
