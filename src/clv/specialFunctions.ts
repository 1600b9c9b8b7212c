/**
 * Special functions for the customer-value models: log-gamma, digamma and Gauss's hypergeometric function.
 * Double precision throughout; each states its accuracy.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, nine terms: about 15 significant digits). O(1). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b > 0. O(1). */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** ψ(x) = d/dx ln Γ(x) for x > 0: recurrence up to x ≥ 10, then the asymptotic series (error below 1e-13). O(1). */
export function digamma(x: number): number {
  let result = 0;
  while (x < 10) {
    result -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return result + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132)))));
}

/**
 * Gauss's hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series, summed until a term is
 * below 1e-15 of the sum (as Fader, Hardie & Lee 2005 evaluate it for the BG/NBD expectations). The terms fall
 * like zⁿ, so z near 1 takes many terms: at most 10⁶, else an Error (never a silent wrong value).
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const maxTerms = 1_000_000;
  if (!(z >= 0 && z < 1)) throw new Error(`hyp2f1: z = ${z} is outside [0, 1)`);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (Math.abs(term) <= 1e-15 * Math.abs(sum)) return sum;
  }
  throw new Error(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge in ${maxTerms} terms`);
}
