import { describe, expect, it } from 'vitest';
import { bgNbdLikelihood, expectedPurchases, expectedPurchasesNewCustomer, probabilityAlive } from '../../src/clv/bgnbd.js';
import { expectedAverageValue, gammaGammaLikelihood } from '../../src/clv/gammaGamma.js';
import { maximizeLikelihood } from '../../src/clv/maximizeLikelihood.js';
import { digamma, hyp2f1, lnGamma } from '../../src/clv/specialFunctions.js';

/** Central differences of a likelihood, for checking the analytic gradient. */
function numericGradient(f: (p: number[]) => number, p: number[]): number[] {
  return p.map((v, i) => {
    const h = 1e-6 * v;
    const up = p.map((w, j) => (j === i ? w + h : w));
    const down = p.map((w, j) => (j === i ? w - h : w));
    return (f(up) - f(down)) / (2 * h);
  });
}

describe('customer-value models: special functions, likelihoods and predictions', () => {
  it('log-gamma, digamma and 2F1 agree with closed forms', () => {
    for (const [x, v] of [
      [0.5, Math.log(Math.sqrt(Math.PI))],
      [1, 0],
      [5, Math.log(24)],
      [30.5, 72.9534711841694], // math.lgamma(30.5)
      [0.1, 2.2527126517342055],
    ] as const)
      expect(lnGamma(x)).toBeCloseTo(v, 11);
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 12);
    expect(digamma(0.25)).toBeCloseTo(-Math.PI / 2 - 3 * Math.log(2) - 0.5772156649015329, 12);
    // 2F1(1, 1; 2; z) = −ln(1 − z)/z and 2F1(a, b; b; z) = (1 − z)^(−a), up to z = 0.99.
    for (const z of [0.1, 0.5, 0.9, 0.99]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 12);
      expect(hyp2f1(0.7, 2.5, 2.5, z) / (1 - z) ** -0.7).toBeCloseTo(1, 12);
    }
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(/outside/);
  });

  it('the BG/NBD and Gamma-Gamma gradients are the derivatives of their likelihoods', () => {
    const histories = [
      { x: 0, tx: 0, T: 38.9 },
      { x: 2, tx: 30.4, T: 38.9 },
      { x: 7, tx: 12, T: 20 },
      { x: 1, tx: 1.7, T: 38.9 },
    ];
    const bg = bgNbdLikelihood(histories);
    for (const p of [
      [0.24, 4.4, 0.79, 2.4],
      [1.3, 0.7, 2.1, 0.4],
    ]) {
      const numeric = numericGradient((q) => bg.value(q), p);
      bg.gradient(p).forEach((g, i) => expect(g).toBeCloseTo(numeric[i]!, 5));
    }
    const gg = gammaGammaLikelihood([
      { x: 1, mx: 12 },
      { x: 4, mx: 35.5 },
      { x: 9, mx: 18 },
    ]);
    const p = [6.2, 3.7, 15.4];
    const numeric = numericGradient((q) => gg.value(q), p);
    gg.gradient(p).forEach((g, i) => expect(g).toBeCloseTo(numeric[i]!, 5));
  });

  it('predictions follow the model: P(alive) is 1 without repeats and falls with time since the last purchase; expectations add up', () => {
    const m = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    expect(probabilityAlive(m, { x: 0, tx: 0, T: 30 })).toBe(1);
    const recent = probabilityAlive(m, { x: 3, tx: 29, T: 30 });
    const lapsed = probabilityAlive(m, { x: 3, tx: 5, T: 30 });
    expect(recent).toBeGreaterThan(lapsed);
    expect(lapsed).toBeGreaterThan(0);
    // The paper's example (section 5): a customer with x = 2, tₓ = 30.43, T = 38.86 is expected to make 1.23 purchases in 39 weeks.
    expect(expectedPurchases(m, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 2);
    // A new customer's expected purchases grow with time and stay below the no-dropout Poisson bound r·t/α.
    const e52 = expectedPurchasesNewCustomer(m, 52);
    expect(e52).toBeGreaterThan(expectedPurchasesNewCustomer(m, 26));
    expect(e52).toBeLessThan((m.r * 52) / m.alpha);
    const gg = { p: 6.25, q: 3.74, gamma: 15.44 };
    // The expected average value lies between the population mean and the customer's own mean.
    const population = (gg.p * gg.gamma) / (gg.q - 1);
    const own = expectedAverageValue(gg, 5, 80);
    expect(own).toBeGreaterThan(population);
    expect(own).toBeLessThan(80);
  });

  it('the maximiser finds a known maximum from far away and does not leap where the likelihood loses its digits', () => {
    // A normal log-likelihood in (μ, σ) over positive values: the maximum is the sample mean and standard deviation.
    const data = [3, 5, 6, 9, 12];
    const mean = data.reduce((s, v) => s + v, 0) / data.length;
    const sd = Math.sqrt(data.reduce((s, v) => s + (v - mean) ** 2, 0) / data.length);
    const fit = maximizeLikelihood(
      {
        value: ([mu, s]) => data.reduce((t, v) => t - Math.log(s!) - (v - mu!) ** 2 / (2 * s! * s!), 0),
        gradient: ([mu, s]) => [data.reduce((t, v) => t + (v - mu!) / (s! * s!), 0), data.reduce((t, v) => t - 1 / s! + (v - mu!) ** 2 / s! ** 3, 0)],
      },
      [1000, 0.01],
    );
    expect(fit.converged).toBe(true);
    expect(fit.params[0]).toBeCloseTo(mean, 6);
    expect(fit.params[1]).toBeCloseTo(sd, 6);
    // Standard error of the mean: σ/√n.
    expect(fit.standardErrors[0]).toBeCloseTo(sd / Math.sqrt(data.length), 4);
  });
});
