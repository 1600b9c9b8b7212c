import { maximizeLikelihood, type LikelihoodFit, type LogLikelihood, type OnIteration } from './maximizeLikelihood.js';
import { groupedHistories, historyTables, nbdAtLeast, nbdCounts, type PurchaseHistory, type PurchaseModel, type PurchaseParams } from './purchaseModel.js';
import { digamma, hyp2f1, lnBeta, lnGamma } from './specialFunctions.js';

export type { PurchaseHistory } from './purchaseModel.js';

/** BG/NBD parameters (Fader, Hardie & Lee 2005): purchase rates ~ Gamma(r, α), dropout p ~ Beta(a, b). */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/**
 * The BG/NBD log-likelihood of the histories and its gradient in (r, α, a, b) — equation (6) of the paper,
 * the two terms of a repeat buyer combined in log space (log-sum-exp), so no term underflows. O(distinct histories).
 */
export function bgNbdLikelihood(histories: readonly PurchaseHistory[]): LogLikelihood {
  const groups = groupedHistories(histories);
  const tables = historyTables(groups);
  const { xs } = tables;
  // What depends on the parameters and x only, once per evaluation and distinct x (see historyTables).
  const [ab, c4, g0, g2, g3] = tables.perX(5);
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
    xs.forEach((x, v) => {
      const a1 = lnGamma(r + x) - lgR + r * Math.log(alpha);
      const a2 = lgAB + lnGamma(b + x) - lgB - lnGamma(a + b + x);
      ab[v] = a1 + a2;
      c4[v] = Math.log(a) - Math.log(b + x - 1);
      if (!withGradient) return;
      const psiABX = digamma(a + b + x);
      g0[v] = digamma(r + x) - psiR + Math.log(alpha);
      g2[v] = psiAB - psiABX;
      g3[v] = psiAB + digamma(b + x) - psiB - psiABX;
    });
    tables.fill(alpha);
    for (let h = 0; h < groups.length; h++) {
      const { x, tx, T, n } = groups[h]!;
      const v = tables.x[h]!;
      const lT = tables.logAlphaT[tables.T[h]!]!,
        lTx = tables.logAlphaTx[tables.tx[h]!]!;
      const a3 = -(r + x) * lT;
      const a4 = x > 0 ? c4[v]! - (r + x) * lTx : -Infinity;
      const top = Math.max(a3, a4);
      const mix = top + Math.log(Math.exp(a3 - top) + Math.exp(a4 - top));
      ll += n * (ab[v]! + mix);
      if (!withGradient) continue;
      const w3 = Math.exp(a3 - mix),
        w4 = 1 - w3;
      grad[0]! += n * (g0[v]! - w3 * lT - (x > 0 ? w4 * lTx : 0));
      grad[1]! += n * (r / alpha - w3 * ((r + x) / (alpha + T)) - (x > 0 ? w4 * ((r + x) / (alpha + tx)) : 0));
      grad[2]! += n * (g2[v]! + (x > 0 ? w4 / a : 0));
      grad[3]! += n * (g3[v]! - (x > 0 ? w4 / (b + x - 1) : 0));
    }
    return { ll, grad };
  };
  return { value: (p) => terms(p, false).ll, gradient: (p) => terms(p, true).grad };
}

/** Fits BG/NBD by maximum likelihood (all parameters start at 1). Returns r, α, a, b in that order. */
export function fitBgNbd(histories: readonly PurchaseHistory[], onIteration?: OnIteration): LikelihoodFit & { readonly model: BgNbdParams } {
  const fit = maximizeLikelihood(bgNbdLikelihood(histories), [1, 1, 1, 1], onIteration);
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

/**
 * P(X(t) = x) for a new customer (equation (8) of the paper): alive after x purchases, or dropped out at the
 * x-th with at least x purchases' worth of time. O(x).
 */
export function probabilityOfPurchases(m: BgNbdParams, t: number, x: number): number {
  const { r, alpha, a, b } = m;
  const nbd = nbdCounts(r, alpha, t, x);
  const alive = Math.exp(lnBeta(a, b + x) - lnBeta(a, b)) * nbd[x]!;
  if (x === 0) return alive;
  return alive + Math.exp(lnBeta(a + 1, b + x - 1) - lnBeta(a, b)) * nbdAtLeast(nbd, x);
}

const asBgNbd = (p: PurchaseParams): BgNbdParams => ({ r: p['r']!, alpha: p['alpha']!, a: p['a']!, b: p['b']! });

/** BG/NBD as a purchase model: dropout only right after a repeat purchase, so one-time buyers count as alive. */
export const BG_NBD: PurchaseModel = {
  name: 'bgnbd',
  label: 'BG/NBD',
  story: 'a customer may drop out only right after a repeat purchase',
  paramNames: ['r', 'alpha', 'a', 'b'],
  notApplicable: () => null,
  fit: (histories, onIteration) => fitBgNbd(histories, onIteration),
  pAlive: (p, h) => probabilityAlive(asBgNbd(p), h),
  expectedPurchases: (p, h, t) => expectedPurchases(asBgNbd(p), h, t),
  expectedPurchasesNewCustomer: (p, t) => expectedPurchasesNewCustomer(asBgNbd(p), t),
  probabilityOfPurchases: (p, t, x) => probabilityOfPurchases(asBgNbd(p), t, x),
};
