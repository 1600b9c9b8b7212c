import { maximizeLikelihood, type LikelihoodFit } from './maximizeLikelihood.js';
import { digamma, hyp2f1, lnGamma } from './specialFunctions.js';

/** One customer's purchase history in the model's terms: repeat purchases x, recency tₓ and age T (in time units). */
export interface PurchaseHistory {
  /** Repeat purchases (purchase occasions after the first). */
  readonly x: number;
  /** Time from the first to the last purchase. */
  readonly tx: number;
  /** Time from the first purchase to the end of the calibration period. */
  readonly T: number;
}

/** BG/NBD parameters (Fader, Hardie & Lee 2005): purchase rates ~ Gamma(r, α), dropout p ~ Beta(a, b). */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** Identical histories counted once with their weight: the likelihood of 100k customers costs a few thousand terms. */
function grouped(histories: readonly PurchaseHistory[]): Array<PurchaseHistory & { n: number }> {
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
 * The BG/NBD log-likelihood of the histories and its gradient in (r, α, a, b) — equation (6) of the paper,
 * the two terms of a repeat buyer combined in log space (log-sum-exp), so no term underflows. O(distinct histories).
 */
export function bgNbdLikelihood(histories: readonly PurchaseHistory[]): {
  value(p: readonly number[]): number;
  gradient(p: readonly number[]): number[];
} {
  const groups = grouped(histories);
  const terms = (p: readonly number[], withGradient: boolean): { ll: number; grad: number[] } => {
    const [r, alpha, a, b] = p as [number, number, number, number];
    let ll = 0;
    const grad = [0, 0, 0, 0];
    const lgR = lnGamma(r),
      lgB = lnGamma(b),
      lgAB = lnGamma(a + b),
      psiR = withGradient ? digamma(r) : 0,
      psiB = withGradient ? digamma(b) : 0,
      psiAB = withGradient ? digamma(a + b) : 0;
    for (const { x, tx, T, n } of groups) {
      const a1 = lnGamma(r + x) - lgR + r * Math.log(alpha);
      const a2 = lgAB + lnGamma(b + x) - lgB - lnGamma(a + b + x);
      const a3 = -(r + x) * Math.log(alpha + T);
      const a4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
      const top = Math.max(a3, a4);
      const mix = top + Math.log(Math.exp(a3 - top) + Math.exp(a4 - top));
      ll += n * (a1 + a2 + mix);
      if (!withGradient) continue;
      const w3 = Math.exp(a3 - mix),
        w4 = 1 - w3;
      const psiRX = digamma(r + x),
        psiABX = digamma(a + b + x);
      grad[0]! += n * (psiRX - psiR + Math.log(alpha) - w3 * Math.log(alpha + T) - (x > 0 ? w4 * Math.log(alpha + tx) : 0));
      grad[1]! += n * (r / alpha - w3 * ((r + x) / (alpha + T)) - (x > 0 ? w4 * ((r + x) / (alpha + tx)) : 0));
      grad[2]! += n * (psiAB - psiABX + (x > 0 ? w4 / a : 0));
      grad[3]! += n * (psiAB + digamma(b + x) - psiB - psiABX - (x > 0 ? w4 / (b + x - 1) : 0));
    }
    return { ll, grad };
  };
  return { value: (p) => terms(p, false).ll, gradient: (p) => terms(p, true).grad };
}

/** Fits BG/NBD by maximum likelihood (all parameters start at 1). Returns r, α, a, b in that order. */
export function fitBgNbd(histories: readonly PurchaseHistory[]): LikelihoodFit & { readonly model: BgNbdParams } {
  const fit = maximizeLikelihood(bgNbdLikelihood(histories), [1, 1, 1, 1]);
  const [r, alpha, a, b] = fit.params as [number, number, number, number];
  return { ...fit, model: { r, alpha, a, b } };
}

/** P(alive | x, tₓ, T): the probability the customer has not dropped out by T (equation (A.2) of the paper). */
export function probabilityAlive(m: BgNbdParams, h: PurchaseHistory): number {
  if (h.x === 0) return 1;
  const logRatio = Math.log(m.a) - Math.log(m.b + h.x - 1) + (m.r + h.x) * (Math.log(m.alpha + h.T) - Math.log(m.alpha + h.tx));
  return 1 / (1 + Math.exp(logRatio));
}

/**
 * E[Y(t) | x, tₓ, T]: purchases expected in the next t time units (equation (10) of the paper), with ₂F₁ by
 * its series. O(terms of the series).
 */
export function expectedPurchases(m: BgNbdParams, h: PurchaseHistory, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = m;
  const { x, tx, T } = h;
  const z = t / (alpha + T + t);
  const f = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const top = ((a + b + x - 1) / (a - 1)) * (1 - Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) * f);
  const odds = x > 0 ? Math.exp(Math.log(a) - Math.log(b + x - 1) + (r + x) * Math.log((alpha + T) / (alpha + tx))) : 0;
  return top / (1 + odds);
}

/** E[X(t)]: purchases a new customer is expected to make in t time units (equation (9) of the paper). */
export function expectedPurchasesNewCustomer(m: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = m;
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * (1 - Math.exp(r * Math.log(alpha / (alpha + t))) * hyp2f1(r, b, a + b - 1, z));
}
