import { maximizeLikelihood, type LikelihoodFit, type OnIteration } from './maximizeLikelihood.js';
import { distinctValues } from './purchaseModel.js';
import { digamma, lnGamma } from './specialFunctions.js';

/** A repeat customer's spend: x repeat purchases and their average value mₓ (> 0). */
export interface SpendHistory {
  readonly x: number;
  readonly mx: number;
}

/** Gamma-Gamma parameters (Fader, Hardie & Lee 2005, "The Gamma-Gamma model of monetary value"): p, q, γ. */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

/**
 * The Gamma-Gamma log-likelihood of repeat customers' average values and its gradient in (p, q, γ): the
 * density of mₓ given x with ν integrated out, in logs. O(customers).
 */
export function gammaGammaLikelihood(spends: readonly SpendHistory[]): {
  value(p: readonly number[]): number;
  gradient(p: readonly number[]): number[];
} {
  const { values: xs, index } = distinctValues(spends.map((s) => s.x));
  const logMx = spends.map((s) => Math.log(s.mx)),
    logX = spends.map((s) => Math.log(s.x));
  // What depends on the parameters and x only, once per evaluation and distinct x: the same expressions as
  // per customer, so the same bits.
  const head = new Float64Array(xs.length),
    g0 = new Float64Array(xs.length),
    g1 = new Float64Array(xs.length);
  const terms = (params: readonly number[], withGradient: boolean): { ll: number; grad: number[] } => {
    const [p, q, g] = params as [number, number, number];
    let ll = 0;
    const grad = [0, 0, 0];
    const lgQ = lnGamma(q),
      psiQ = withGradient ? digamma(q) : 0;
    xs.forEach((x, v) => {
      const px = p * x;
      head[v] = lnGamma(px + q) - lnGamma(px) - lgQ + q * Math.log(g);
      if (!withGradient) return;
      const psiPQ = digamma(px + q);
      g0[v] = psiPQ - digamma(px);
      g1[v] = psiPQ - psiQ + Math.log(g);
    });
    for (let i = 0; i < spends.length; i++) {
      const { x, mx } = spends[i]!;
      const v = index[i]!;
      const px = p * x;
      const logDen = Math.log(g + x * mx);
      ll += head[v]! + (px - 1) * logMx[i]! + px * logX[i]! - (px + q) * logDen;
      if (!withGradient) continue;
      grad[0]! += x * (g0[v]! + logMx[i]! + logX[i]! - logDen);
      grad[1]! += g1[v]! - logDen;
      grad[2]! += q / g - (px + q) / (g + x * mx);
    }
    return { ll, grad };
  };
  return { value: (p) => terms(p, false).ll, gradient: (p) => terms(p, true).grad };
}

/** Fits Gamma-Gamma by maximum likelihood (all parameters start at 1). Returns p, q, γ in that order. */
export function fitGammaGamma(spends: readonly SpendHistory[], onIteration?: OnIteration): LikelihoodFit & { readonly model: GammaGammaParams } {
  const fit = maximizeLikelihood(gammaGammaLikelihood(spends), [1, 1, 1], onIteration);
  const [p, q, gamma] = fit.params as [number, number, number];
  return { ...fit, model: { p, q, gamma } };
}

/**
 * E[M | x, mₓ]: a customer's expected average order value, a weighted mean of the population mean pγ/(q − 1)
 * and the customer's own mₓ (more weight to mₓ the more repeat purchases). With x = 0, the population mean.
 * NaN when q ≤ 1 (the population mean does not exist).
 */
export function expectedAverageValue(m: GammaGammaParams, x: number, mx: number): number {
  if (m.q <= 1) return NaN;
  if (x === 0) return (m.p * m.gamma) / (m.q - 1);
  return (m.p * (m.gamma + x * mx)) / (m.p * x + m.q - 1);
}
