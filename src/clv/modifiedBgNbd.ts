import { maximizeLikelihood, type LogLikelihood } from './maximizeLikelihood.js';
import {
  groupedHistories,
  historyTables,
  logAddExp,
  nbdAtLeast,
  nbdCounts,
  type PurchaseHistory,
  type PurchaseModel,
  type PurchaseParams,
} from './purchaseModel.js';
import { digamma, hyp2f1, lnBeta, lnGamma } from './specialFunctions.js';

/**
 * The modified BG/NBD (Batislam, Denizel & Filiztekin 2007; lifetimes' ModifiedBetaGeoFitter, BTYDplus' mbg):
 * BG/NBD with one more chance to drop out, right at the first purchase, so a customer who bought once may be
 * gone. Parameters r, α (purchase rates ~ Gamma) and a, b (dropout chance ~ Beta). After x repeat purchases
 * the customer has survived x + 1 chances to drop out, which is BG/NBD's algebra with b + 1 in place of b.
 */

/** The log-likelihood of the histories and its gradient in (r, α, a, b). O(distinct histories). */
export function modifiedBgNbdLikelihood(histories: readonly PurchaseHistory[]): LogLikelihood {
  const groups = groupedHistories(histories);
  const tables = historyTables(groups);
  const { xs } = tables;
  // What depends on the parameters and x only, once per evaluation and distinct x (see historyTables).
  const [head, goneHead, g0, g2, g3] = tables.perX(5);
  const terms = (p: readonly number[], withGradient: boolean): { ll: number; grad: number[] } => {
    const [r, alpha, a, b] = p as [number, number, number, number];
    let ll = 0;
    const grad = [0, 0, 0, 0];
    const lgR = lnGamma(r);
    const lbAB = lnBeta(a, b);
    const [psiR, psiB, psiAB] = withGradient ? [digamma(r), digamma(b), digamma(a + b)] : [0, 0, 0];
    xs.forEach((x, v) => {
      head[v] = lnGamma(r + x) - lgR + r * Math.log(alpha) + lnBeta(a, b + x + 1) - lbAB;
      goneHead[v] = Math.log(a) - Math.log(b + x);
      if (!withGradient) return;
      const psiABX = digamma(a + b + x + 1);
      g0[v] = digamma(r + x) - psiR + Math.log(alpha);
      g2[v] = psiAB - psiABX;
      g3[v] = psiAB + digamma(b + x + 1) - psiB - psiABX;
    });
    tables.fill(alpha);
    for (let h = 0; h < groups.length; h++) {
      const { x, tx, T, n } = groups[h]!;
      const v = tables.x[h]!;
      const lT = tables.logAlphaT[tables.T[h]!]!,
        lTx = tables.logAlphaTx[tables.tx[h]!]!;
      const alive = -(r + x) * lT;
      const gone = goneHead[v]! - (r + x) * lTx;
      const mix = logAddExp(alive, gone);
      ll += n * (head[v]! + mix);
      if (!withGradient) continue;
      const w3 = Math.exp(alive - mix),
        w4 = 1 - w3;
      grad[0]! += n * (g0[v]! - w3 * lT - w4 * lTx);
      grad[1]! += n * (r / alpha - w3 * ((r + x) / (alpha + T)) - w4 * ((r + x) / (alpha + tx)));
      grad[2]! += n * (g2[v]! + w4 / a);
      grad[3]! += n * (g3[v]! - w4 / (b + x));
    }
    return { ll, grad };
  };
  return { value: (p) => terms(p, false).ll, gradient: (p) => terms(p, true).grad };
}

/** Odds of "dropped out at the last purchase" against "alive at T". */
function goneOdds(p: PurchaseParams, h: PurchaseHistory): number {
  const { r, alpha, a, b } = p as Record<'r' | 'alpha' | 'a' | 'b', number>;
  return Math.exp(Math.log(a) - Math.log(b + h.x) + (r + h.x) * (Math.log(alpha + h.T) - Math.log(alpha + h.tx)));
}

/** The modified BG/NBD as a purchase model. */
export const MODIFIED_BG_NBD: PurchaseModel = {
  name: 'mbgnbd',
  label: 'MBG/NBD',
  story: 'as BG/NBD, but a customer may also drop out right after the first purchase',
  paramNames: ['r', 'alpha', 'a', 'b'],
  notApplicable: () => null,
  fit: (histories, onIteration) => maximizeLikelihood(modifiedBgNbdLikelihood(histories), [1, 1, 1, 1], onIteration),
  pAlive: (p, h) => 1 / (1 + goneOdds(p, h)),
  expectedPurchases(p, h, t) {
    if (t <= 0) return 0;
    const { r, alpha, a, b } = p as Record<'r' | 'alpha' | 'a' | 'b', number>;
    const { x, T } = h;
    const f = hyp2f1(r + x, b + x + 1, a + b + x, t / (alpha + T + t));
    const top = ((a + b + x) / (a - 1)) * (1 - Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) * f);
    return top / (1 + goneOdds(p, h));
  },
  expectedPurchasesNewCustomer(p, t) {
    const { r, alpha, a, b } = p as Record<'r' | 'alpha' | 'a' | 'b', number>;
    return (b / (a - 1)) * (1 - Math.exp(r * Math.log(alpha / (alpha + t))) * hyp2f1(r, b + 1, a + b, t / (alpha + t)));
  },
  /** Alive after x + 1 chances to drop out with x purchases, or gone at the chance after the x-th purchase. O(x). */
  probabilityOfPurchases(p, t, x) {
    const { r, alpha, a, b } = p as Record<'r' | 'alpha' | 'a' | 'b', number>;
    const nbd = nbdCounts(r, alpha, t, x);
    return Math.exp(lnBeta(a, b + x + 1) - lnBeta(a, b)) * nbd[x]! + Math.exp(lnBeta(a + 1, b + x) - lnBeta(a, b)) * nbdAtLeast(nbd, x);
  },
};
