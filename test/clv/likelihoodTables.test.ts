import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bgNbdLikelihood } from '../../src/clv/bgnbd.js';
import { gammaGammaLikelihood } from '../../src/clv/gammaGamma.js';
import { modifiedBgNbdLikelihood } from '../../src/clv/modifiedBgNbd.js';
import { purchaseHistories } from '../../src/clv/purchaseHistories.js';
import { logAddExp, type PurchaseHistory } from '../../src/clv/purchaseModel.js';
import { digamma, lnBeta, lnGamma } from '../../src/clv/specialFunctions.js';
import { DATA_DIR } from '../helpers.js';

// The likelihoods compute what depends on x, T or tₓ alone once per evaluation (historyTables). These are the
// same likelihoods written history by history, as the papers state them: the tables must give the same bits,
// value and gradient, or every fitted model (and model.json) would move.
const cdnow = purchaseHistories(join(DATA_DIR, 'cdnow_sample.txt'), { customer: 'column0', date: 'column2', amount: 'column4' }, 'week', '1997-09-30');
const POINTS = [
  [0.243, 4.414, 0.793, 2.426],
  [1, 1, 1, 1],
  [0.05, 30, 3.5, 0.7],
];

/** BG/NBD (Fader, Hardie & Lee 2005, equation (6)) and its gradient, one history at a time. */
function bgNbdDirect(hs: readonly PurchaseHistory[], [r, alpha, a, b]: number[]): { ll: number; grad: number[] } {
  let ll = 0;
  const grad = [0, 0, 0, 0];
  const [lgR, lgB, lgAB, psiR, psiB, psiAB] = [lnGamma(r!), lnGamma(b!), lnGamma(a! + b!), digamma(r!), digamma(b!), digamma(a! + b!)];
  for (const { x, tx, T } of hs) {
    const a1 = lnGamma(r! + x) - lgR + r! * Math.log(alpha!);
    const a2 = lgAB + lnGamma(b! + x) - lgB - lnGamma(a! + b! + x);
    const a3 = -(r! + x) * Math.log(alpha! + T);
    const a4 = x > 0 ? Math.log(a!) - Math.log(b! + x - 1) - (r! + x) * Math.log(alpha! + tx) : -Infinity;
    const top = Math.max(a3, a4);
    const mix = top + Math.log(Math.exp(a3 - top) + Math.exp(a4 - top));
    ll += a1 + a2 + mix;
    const w3 = Math.exp(a3 - mix),
      w4 = 1 - w3;
    const psiABX = digamma(a! + b! + x);
    grad[0]! += digamma(r! + x) - psiR + Math.log(alpha!) - w3 * Math.log(alpha! + T) - (x > 0 ? w4 * Math.log(alpha! + tx) : 0);
    grad[1]! += r! / alpha! - w3 * ((r! + x) / (alpha! + T)) - (x > 0 ? w4 * ((r! + x) / (alpha! + tx)) : 0);
    grad[2]! += psiAB - psiABX + (x > 0 ? w4 / a! : 0);
    grad[3]! += psiAB + digamma(b! + x) - psiB - psiABX - (x > 0 ? w4 / (b! + x - 1) : 0);
  }
  return { ll, grad };
}

/** The modified BG/NBD (Batislam et al. 2007) and its gradient, one history at a time. */
function modifiedDirect(hs: readonly PurchaseHistory[], [r, alpha, a, b]: number[]): { ll: number; grad: number[] } {
  let ll = 0;
  const grad = [0, 0, 0, 0];
  const [lgR, lbAB, psiR, psiB, psiAB] = [lnGamma(r!), lnBeta(a!, b!), digamma(r!), digamma(b!), digamma(a! + b!)];
  for (const { x, tx, T } of hs) {
    const a1 = lnGamma(r! + x) - lgR + r! * Math.log(alpha!) + lnBeta(a!, b! + x + 1) - lbAB;
    const alive = -(r! + x) * Math.log(alpha! + T);
    const gone = Math.log(a!) - Math.log(b! + x) - (r! + x) * Math.log(alpha! + tx);
    const mix = logAddExp(alive, gone);
    ll += a1 + mix;
    const w3 = Math.exp(alive - mix),
      w4 = 1 - w3;
    const psiABX = digamma(a! + b! + x + 1);
    grad[0]! += digamma(r! + x) - psiR + Math.log(alpha!) - w3 * Math.log(alpha! + T) - w4 * Math.log(alpha! + tx);
    grad[1]! += r! / alpha! - w3 * ((r! + x) / (alpha! + T)) - w4 * ((r! + x) / (alpha! + tx));
    grad[2]! += psiAB - psiABX + w4 / a!;
    grad[3]! += psiAB + digamma(b! + x + 1) - psiB - psiABX - w4 / (b! + x);
  }
  return { ll, grad };
}

/** Gamma-Gamma (Fader, Hardie & Lee 2005) and its gradient, one customer at a time. */
function gammaGammaDirect(spends: ReadonlyArray<{ x: number; mx: number }>, [p, q, g]: number[]): { ll: number; grad: number[] } {
  let ll = 0;
  const grad = [0, 0, 0];
  const [lgQ, psiQ] = [lnGamma(q!), digamma(q!)];
  for (const { x, mx } of spends) {
    const px = p! * x;
    const logDen = Math.log(g! + x * mx);
    ll += lnGamma(px + q!) - lnGamma(px) - lgQ + q! * Math.log(g!) + (px - 1) * Math.log(mx) + px * Math.log(x) - (px + q!) * logDen;
    const psiPQ = digamma(px + q!);
    grad[0]! += x * (psiPQ - digamma(px) + Math.log(mx) + Math.log(x) - logDen);
    grad[1]! += psiPQ - psiQ + Math.log(g!) - logDen;
    grad[2]! += q! / g! - (px + q!) / (g! + x * mx);
  }
  return { ll, grad };
}

describe('likelihoods with per-x, per-T and per-tₓ tables', () => {
  it('give the bits of the history-by-history formulas: BG/NBD, MBG/NBD and Gamma-Gamma on CDNOW', async () => {
    // Each history its own group (every weight 1), so the direct sums add in the same order.
    const histories = (await cdnow).customers;
    const unique = [...new Map(histories.map((h) => [`${h.x}|${h.tx}|${h.T}`, h])).values()];
    const spends = histories.filter((h) => h.x > 0).map((h) => ({ x: h.x, mx: h.mx }));
    expect(unique.length).toBeGreaterThan(1000);
    for (const point of POINTS) {
      for (const [tabled, direct] of [
        [bgNbdLikelihood(unique), bgNbdDirect(unique, point)],
        [modifiedBgNbdLikelihood(unique), modifiedDirect(unique, point)],
      ] as const) {
        expect(tabled.value(point)).toBe(direct.ll);
        expect(tabled.gradient(point)).toEqual(direct.grad);
      }
      const gg = gammaGammaLikelihood(spends);
      const ggPoint = [point[3]!, point[1]!, point[2]! * 10];
      const ggDirect = gammaGammaDirect(spends, ggPoint);
      expect(gg.value(ggPoint)).toBe(ggDirect.ll);
      expect(gg.gradient(ggPoint)).toEqual(ggDirect.grad);
    }
  });
});
