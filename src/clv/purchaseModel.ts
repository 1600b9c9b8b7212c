import type { LikelihoodFit, OnIteration } from './maximizeLikelihood.js';

/** The purchase models `segmenta clv` fits: BG/NBD, modified BG/NBD, Pareto/NBD (continuous time) and BG/BB (one chance to buy per time unit). */
export const PURCHASE_MODEL_NAMES = ['bgnbd', 'mbgnbd', 'paretonbd', 'bgbb'] as const;
export type PurchaseModelName = (typeof PURCHASE_MODEL_NAMES)[number];

/** `--purchase-model` values: a model by name, or auto (compare them and keep the best). */
export const PURCHASE_MODEL_CHOICES = [...PURCHASE_MODEL_NAMES, 'auto'] as const;

/** One customer's purchase history in the models' terms: repeat purchases x, recency tₓ and age T (in time units). */
export interface PurchaseHistory {
  /** Repeat purchases (purchase occasions after the first). */
  readonly x: number;
  /** Time from the first to the last purchase. */
  readonly tx: number;
  /** Time from the first purchase to the end of the calibration period. */
  readonly T: number;
}

/** A purchase model's parameters by name (r, alpha, a, b for BG/NBD …). */
export type PurchaseParams = Readonly<Record<string, number>>;

/**
 * A purchase model of the "buy till you die" family: how it is fitted and what it predicts. Times are in the
 * histories' time unit. Each model lives in its own file and is listed in PURCHASE_MODELS.
 */
export interface PurchaseModel {
  readonly name: PurchaseModelName;
  /** Its name as the field writes it ("Pareto/NBD"). */
  readonly label: string;
  /** What it assumes, in a few words ("dropout at any time"). */
  readonly story: string;
  /** Parameter names in the order the fit returns them. */
  readonly paramNames: readonly string[];
  /** Why the model cannot be fitted to these histories, as a predicate of the model ("counts one chance …"); null when it can. */
  notApplicable(histories: readonly PurchaseHistory[]): string | null;
  /** Maximum-likelihood fit with standard errors; `onIteration` hears of each iteration (progress). */
  fit(histories: readonly PurchaseHistory[], onIteration?: OnIteration): LikelihoodFit;
  /** P(alive at T | x, tₓ, T). */
  pAlive(p: PurchaseParams, h: PurchaseHistory): number;
  /** E[purchases in (T, T + t] | x, tₓ, T]. */
  expectedPurchases(p: PurchaseParams, h: PurchaseHistory, t: number): number;
  /** E[X(t)]: purchases after the first that a new customer makes in t. */
  expectedPurchasesNewCustomer(p: PurchaseParams, t: number): number;
  /** P(X(t) = x): a new customer makes exactly x purchases after the first in t. */
  probabilityOfPurchases(p: PurchaseParams, t: number, x: number): number;
}

/** Identical histories counted once with their weight: the likelihood of 100k customers costs a few thousand terms. O(customers). */
export function groupedHistories(histories: readonly PurchaseHistory[]): Array<PurchaseHistory & { n: number }> {
  const byKey = new Map<string, PurchaseHistory & { n: number }>();
  for (const h of histories) {
    const key = `${h.x}|${h.tx}|${h.T}`;
    const seen = byKey.get(key);
    if (seen) seen.n++;
    else byKey.set(key, { x: h.x, tx: h.tx, T: h.T, n: 1 });
  }
  return [...byKey.values()];
}

/**
 * The distinct values of a list in order of first appearance, and each item's place among them: what
 * depends on a history's x only is then computed once per x. O(items).
 */
export function distinctValues(items: readonly number[]): { values: number[]; index: Int32Array } {
  const place = new Map<number, number>();
  const index = new Int32Array(items.length);
  items.forEach((x, i) => {
    let v = place.get(x);
    if (v === undefined) place.set(x, (v = place.size));
    index[i] = v;
  });
  return { values: [...place.keys()], index };
}

/**
 * The places of grouped histories among their distinct x, T and tₓ, with tables of ln(α + T) and ln(α + tₓ)
 * that `fill` computes once per evaluation of a likelihood: a few dozen x and a few thousand days against as
 * many histories as customers. Each entry is the expression a history would compute itself: the same bits.
 */
export function historyTables(groups: readonly PurchaseHistory[]): {
  readonly xs: readonly number[];
  readonly x: Int32Array;
  readonly T: Int32Array;
  readonly tx: Int32Array;
  readonly logAlphaT: Float64Array;
  readonly logAlphaTx: Float64Array;
  fill(alpha: number): void;
  perX(count: number): Float64Array[];
} {
  const xs = distinctValues(groups.map((h) => h.x)),
    Ts = distinctValues(groups.map((h) => h.T)),
    txs = distinctValues(groups.map((h) => h.tx));
  const logAlphaT = new Float64Array(Ts.values.length),
    logAlphaTx = new Float64Array(txs.values.length);
  return {
    xs: xs.values,
    x: xs.index,
    T: Ts.index,
    tx: txs.index,
    logAlphaT,
    logAlphaTx,
    /** `count` arrays of one number per distinct x, for the terms a likelihood computes per x. */
    perX: (count) => Array.from({ length: count }, () => new Float64Array(xs.values.length)),
    fill(alpha) {
      Ts.values.forEach((T, i) => (logAlphaT[i] = Math.log(alpha + T)));
      txs.values.forEach((tx, i) => (logAlphaTx[i] = Math.log(alpha + tx)));
    },
  };
}

/** The parameters as a name → value record, in the model's order. */
export function namedParams(names: readonly string[], values: readonly number[]): Record<string, number> {
  return Object.fromEntries(names.map((k, i) => [k, values[i]!]));
}

/**
 * The negative-binomial counts of the Gamma-Poisson purchase process: NBD(j) = Γ(r+j)/(Γ(r) j!) (α/(α+t))^r
 * (t/(α+t))^j for j = 0 … x, by the ratio of successive terms. O(x).
 */
export function nbdCounts(r: number, alpha: number, t: number, x: number): number[] {
  const out = [Math.exp(r * Math.log(alpha / (alpha + t)))];
  const q = t / (alpha + t);
  for (let j = 1; j <= x; j++) out.push((out[j - 1]! * (r + j - 1) * q) / j);
  return out;
}

/** P(N(t) ≥ x) from the counts NBD(0 … x−1): 1 − their sum, never below 0. O(x). */
export function nbdAtLeast(nbd: readonly number[], x: number): number {
  let below = 0;
  for (let j = 0; j < x; j++) below += nbd[j]!;
  return Math.max(0, 1 - below);
}

/**
 * Whether the model counts every one-time buyer alive (P(alive) = 1: BG/NBD lets customers drop out only after
 * a repeat purchase), so that a mean P(alive) says something only over the repeat buyers. One rule for the CLI,
 * the report and the studio.
 */
export function countsOneTimeBuyersAlive(name: PurchaseModelName): boolean {
  return name === 'bgnbd';
}

/** log(eᵃ + eᵇ) without overflow or underflow. */
export function logAddExp(a: number, b: number): number {
  const top = Math.max(a, b);
  if (top === -Infinity) return -Infinity;
  return top + Math.log(Math.exp(a - top) + Math.exp(b - top));
}
