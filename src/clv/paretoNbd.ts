import { maximizeLikelihood, withNumericGradient } from './maximizeLikelihood.js';
import { groupedHistories, logAddExp, nbdCounts, type PurchaseHistory, type PurchaseModel, type PurchaseParams } from './purchaseModel.js';
import { integrate, integratePositive } from './quadrature.js';
import { lnGamma } from './specialFunctions.js';

/**
 * The Pareto/NBD (Schmittlein, Morrison & Colombo 1987), in the form of Fader & Hardie's 2005 note "A note on
 * deriving the Pareto/NBD model and related expressions": purchases at Gamma(r, α)-distributed Poisson rates,
 * lifetimes exponential at Gamma(s, β)-distributed rates, so a customer may leave at any moment.
 */
type Pnbd = Record<'r' | 'alpha' | 's' | 'beta', number>;

/**
 * ln of the chance density of "left between tₓ and T, after x purchases", without the factor it shares with
 * "alive at T": ln ∫ₜₓᵀ s (β + τ)^−(s+1) (α + τ)^−(r+x) dτ, which is Fader & Hardie's s/(r+s+x) A₀. Computed
 * as an integral rather than by ₂F₁, whose series crawls when α and β are orders of magnitude apart (as a
 * log where hardly anyone leaves fits them). The variable is w = ln((c + τ)/(c + tₓ)) for the smaller of
 * c = α, β: the integrand is then a smooth exponential in w, and what would underflow ((α + τ)^−(r+x) at
 * hundreds of purchases) is taken out as a log. −∞ when tₓ = T. O(Gauss–Kronrod panels).
 */
function logGone({ r, alpha, s, beta }: Pnbd, { x, tx, T }: PurchaseHistory): number {
  if (tx >= T) return -Infinity;
  const purchase = { at: alpha + tx, power: r + x },
    dropout = { at: beta + tx, power: s + 1 };
  const [near, far] = alpha <= beta ? [purchase, dropout] : [dropout, purchase];
  const span = Math.log1p((T - tx) / near.at);
  const shape = (w: number): number => Math.exp(-(near.power - 1) * w - far.power * Math.log1p((near.at * Math.expm1(w)) / far.at));
  return Math.log(s) + (1 - near.power) * Math.log(near.at) - far.power * Math.log(far.at) + Math.log(integratePositive(shape, 0, span));
}

/** ln of "alive at T" and of "left between tₓ and T", without the factor both share. */
function paths(p: Pnbd, h: PurchaseHistory): { alive: number; gone: number } {
  return { alive: -(p.r + h.x) * Math.log(p.alpha + h.T) - p.s * Math.log(p.beta + h.T), gone: logGone(p, h) };
}

/** The Pareto/NBD log-likelihood of the histories, with its gradient by differences. O(distinct histories × quadrature). */
export function paretoNbdLikelihood(histories: readonly PurchaseHistory[]): ReturnType<typeof withNumericGradient> {
  const groups = groupedHistories(histories);
  return withNumericGradient((params) => {
    const [r, alpha, s, beta] = params as [number, number, number, number];
    const p = { r, alpha, s, beta };
    const shared = -lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    let ll = 0;
    for (const h of groups) {
      const { alive, gone } = paths(p, h);
      ll += h.n * (lnGamma(r + h.x) + shared + logAddExp(alive, gone));
    }
    return Number.isNaN(ll) ? -Infinity : ll;
  });
}

/** [1 − (u/(u + t))^(k)] / k, also at k = 0 (where it is ln((u + t)/u)). */
function growth(u: number, t: number, k: number): number {
  const logRatio = Math.log(u / (u + t));
  return Math.abs(k) < 1e-12 ? -logRatio : -Math.expm1(k * logRatio) / k;
}

/** Pareto/NBD as a purchase model. */
export const PARETO_NBD: PurchaseModel = {
  name: 'paretonbd',
  label: 'Pareto/NBD',
  story: 'a customer may drop out at any moment, purchase or not',
  paramNames: ['r', 'alpha', 's', 'beta'],
  notApplicable: () => null,
  fit: (histories, onIteration) => maximizeLikelihood(paretoNbdLikelihood(histories), [1, 1, 1, 1], onIteration),
  pAlive(p, h) {
    const { alive, gone } = paths(p as Pnbd, h);
    return gone === -Infinity ? 1 : 1 / (1 + Math.exp(gone - alive));
  },
  /** (r + x)(β + T)/((α + T)(s − 1)) [1 − ((β + T)/(β + T + t))^(s−1)] × P(alive). */
  expectedPurchases(p, h, t) {
    if (t <= 0) return 0;
    const { r, alpha, s, beta } = p as Pnbd;
    return (((r + h.x) * (beta + h.T)) / (alpha + h.T)) * growth(beta + h.T, t, s - 1) * PARETO_NBD.pAlive(p, h);
  },
  expectedPurchasesNewCustomer(p, t) {
    const { r, alpha, s, beta } = p as Pnbd;
    return ((r * beta) / alpha) * growth(beta, t, s - 1);
  },
  /**
   * Alive through t with x purchases, or gone at τ < t with x purchases by then: NBD(x; t) (β/(β+t))^s +
   * ∫₀ᵗ s β^s (β+τ)^(−s−1) NBD(x; τ) dτ, the integral by adaptive Simpson to 10⁻¹². O(x × evaluations).
   */
  probabilityOfPurchases(p: PurchaseParams, t: number, x: number): number {
    const { r, alpha, s, beta } = p as Pnbd;
    const nbdAt = (tau: number): number => nbdCounts(r, alpha, tau, x)[x]!;
    const survive = Math.exp(s * Math.log(beta / (beta + t)));
    const [leave] = integrate((tau) => [s * Math.exp(s * Math.log(beta) - (s + 1) * Math.log(beta + tau)) * nbdAt(tau)], 0, t);
    return nbdAt(t) * survive + leave!;
  },
};
