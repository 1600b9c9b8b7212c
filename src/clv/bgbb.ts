import { maximizeLikelihood, type LogLikelihood } from './maximizeLikelihood.js';
import { groupedHistories, type PurchaseHistory, type PurchaseModel, type PurchaseParams } from './purchaseModel.js';
import { digamma, lnBeta, lnGamma } from './specialFunctions.js';

/**
 * The BG/BB (Fader, Hardie & Berger 2010, "Customer-base analysis in a discrete-time noncontractual setting"):
 * each time unit is one chance to buy, taken with probability p ~ Beta(α, β) while alive; a customer dies
 * before each chance with probability θ ~ Beta(γ, δ). In the histories, x purchases in n = T chances after the
 * first, the last at chance tₓ: all three whole numbers.
 */
type Bgbb = Record<'alpha' | 'beta' | 'gamma' | 'delta', number>;

/**
 * The terms of one history's likelihood (equation (5) of the paper) in logs, with their derivatives in
 * (α, β, γ, δ) when asked (`grads` is empty otherwise): alive through all n chances, then dead just after
 * chance tₓ + i for i = 0 … n − tₓ − 1. Successive terms by the Beta recurrences, so O(n − tₓ) with no gamma
 * function inside the loop.
 */
function historyTerms({ alpha, beta, gamma, delta }: Bgbb, h: PurchaseHistory, withGradient: boolean): { logs: number[]; grads: number[][] } {
  const [x, tx, n] = [Math.round(h.x), Math.round(h.tx), Math.round(h.T)];
  const base = lnBeta(alpha, beta) + lnBeta(gamma, delta);
  // The digammas every term's derivatives share (none for the value alone).
  const [psiAB, psiGD] = withGradient ? [digamma(alpha + beta), digamma(gamma + delta)] : [0, 0];
  const c = withGradient ? [digamma(alpha) - psiAB, digamma(beta) - psiAB, digamma(gamma) - psiGD, digamma(delta) - psiGD] : [];
  const psiAX = withGradient ? digamma(alpha + x) : 0;
  const gradientOf = (m: number, e: number, q: number): number[] => {
    const psiABm = digamma(alpha + beta + x + m),
      psiGDq = digamma(gamma + e + delta + q);
    return [psiAX - psiABm - c[0]!, digamma(beta + m) - psiABm - c[1]!, digamma(gamma + e) - psiGDq - c[2]!, digamma(delta + q) - psiGDq - c[3]!];
  };
  const term = (m: number, e: number, q: number): { log: number; grad: number[] } => ({
    log: lnBeta(alpha + x, beta + m) + lnBeta(gamma + e, delta + q) - base,
    grad: withGradient ? gradientOf(m, e, q) : [],
  });
  const alive = term(n - x, 0, n);
  const logs = [alive.log];
  const grads = withGradient ? [alive.grad] : [];
  if (tx < n) {
    let { log, grad } = term(tx - x, 1, tx);
    for (let i = 0; ; i++) {
      logs.push(log);
      if (withGradient) grads.push(grad);
      if (i >= n - tx - 1) break;
      const m = tx - x + i,
        q = tx + i;
      const up = 1 / (beta + m),
        upAll = 1 / (alpha + beta + x + m),
        down = 1 / (delta + q),
        downAll = 1 / (gamma + 1 + delta + q);
      log += Math.log((beta + m) * upAll) + Math.log((delta + q) * downAll);
      if (withGradient) grad = [grad[0]! - upAll, grad[1]! + up - upAll, grad[2]! - downAll, grad[3]! + down - downAll];
    }
  }
  return { logs, grads };
}

/** The BG/BB log-likelihood of whole-unit histories and its gradient in (α, β, γ, δ). O(Σ (n − tₓ) over distinct histories). */
export function bgbbLikelihood(histories: readonly PurchaseHistory[]): LogLikelihood {
  const groups = groupedHistories(histories);
  const terms = (p: readonly number[], withGradient: boolean): { ll: number; grad: number[] } => {
    const [alpha, beta, gamma, delta] = p as [number, number, number, number];
    let ll = 0;
    const grad = [0, 0, 0, 0];
    for (const h of groups) {
      const { logs, grads } = historyTerms({ alpha, beta, gamma, delta }, h, withGradient);
      const top = Math.max(...logs);
      const total = top + Math.log(logs.reduce((s, l) => s + Math.exp(l - top), 0));
      ll += h.n * total;
      if (!withGradient) continue;
      logs.forEach((l, k) => {
        const w = h.n * Math.exp(l - total);
        for (let j = 0; j < 4; j++) grad[j]! += w * grads[k]![j]!;
      });
    }
    return { ll, grad };
  };
  return { value: (p) => terms(p, false).ll, gradient: (p) => terms(p, true).grad };
}

/** P(alive at chance n | x, tₓ, n): the first term's share of the likelihood (times rounded to whole chances). */
function aliveAtN(p: Bgbb, h: PurchaseHistory): number {
  const { logs } = historyTerms(p, h, false);
  const top = Math.max(...logs);
  return Math.exp(logs[0]! - top) / logs.reduce((s, l) => s + Math.exp(l - top), 0);
}

/** Σₖ₌₁ᵏ⁼ᵗ P(alive at chance n + k | alive at n) = Σₖ ∏ⱼ₌₀ᵏ⁻¹ (δ + n + j)/(γ + δ + n + j). O(t). */
function aliveChances({ gamma, delta }: Bgbb, n: number, t: number): number {
  let product = 1,
    sum = 0;
  for (let j = 0; j < t; j++) {
    product *= (delta + n + j) / (gamma + delta + n + j);
    sum += product;
  }
  return sum;
}

const lnChoose = (n: number, k: number): number => lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);

/** Histories the BG/BB can read: x, tₓ and T whole numbers of time units. */
const isWhole = (v: number): boolean => Math.abs(v - Math.round(v)) < 1e-9;

/** BG/BB as a purchase model: times are whole chances (a time t is rounded to the nearest whole number of them). */
export const BG_BB: PurchaseModel = {
  name: 'bgbb',
  label: 'BG/BB',
  story: 'one chance to buy per time unit; a customer may drop out before any of them',
  paramNames: ['alpha', 'beta', 'gamma', 'delta'],
  notApplicable: (histories) =>
    histories.every((h) => isWhole(h.x) && isWhole(h.tx) && isWhole(h.T))
      ? null
      : 'counts one chance to buy per time unit, and these purchase days are not whole time units apart; use --time-unit day',
  fit: (histories, onIteration) =>
    maximizeLikelihood(bgbbLikelihood(histories.map((h) => ({ x: Math.round(h.x), tx: Math.round(h.tx), T: Math.round(h.T) }))), [1, 1, 1, 1], onIteration),
  pAlive(p, h) {
    const m = p as Bgbb;
    const n = Math.round(h.T);
    return aliveAtN(m, h) * ((m.delta + n) / (m.gamma + m.delta + n));
  },
  expectedPurchases(p, h, t) {
    const m = p as Bgbb;
    const chances = Math.round(t);
    if (chances <= 0) return 0;
    const n = Math.round(h.T);
    return aliveAtN(m, h) * ((m.alpha + Math.round(h.x)) / (m.alpha + m.beta + n)) * aliveChances(m, n, chances);
  },
  expectedPurchasesNewCustomer(p, t) {
    const m = p as Bgbb;
    return (m.alpha / (m.alpha + m.beta)) * aliveChances(m, 0, Math.round(t));
  },
  /** Equation (7) of the paper: alive through n chances with x purchases, or dead after chance i ≥ x. O(n). */
  probabilityOfPurchases(p: PurchaseParams, t: number, x: number): number {
    const { alpha, beta, gamma, delta } = p as Bgbb;
    const n = Math.round(t);
    if (x > n) return 0;
    const ab = lnBeta(alpha, beta),
      gd = lnBeta(gamma, delta);
    let sum = Math.exp(lnChoose(n, x) + lnBeta(alpha + x, beta + n - x) - ab + lnBeta(gamma, delta + n) - gd);
    for (let i = x; i < n; i++) sum += Math.exp(lnChoose(i, x) + lnBeta(alpha + x, beta + i - x) - ab + lnBeta(gamma + 1, delta + i) - gd);
    return sum;
  },
};
