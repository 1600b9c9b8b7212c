import { describe, expect, it } from 'vitest';
import { PARETO_NBD } from '../../src/clv/paretoNbd.js';
import { integratePositive } from '../../src/clv/quadrature.js';

describe('integratePositive (adaptive Gauss–Kronrod)', () => {
  it('is exact to 1e-14 relative on a smooth integrand and on an exponential falling 260 orders of magnitude', () => {
    expect(integratePositive(Math.sin, 0, Math.PI)).toBeCloseTo(2, 14);
    const steep = integratePositive((v) => Math.exp(-300 * v), 0, 2);
    expect(Math.abs(steep * 300 - 1)).toBeLessThan(1e-14);
  });

  it("gives Pareto/NBD's P(alive) its closed form where α = β, from one purchase to hundreds", () => {
    const [r, alpha, s] = [0.55, 10.6, 0.61];
    for (const [x, tx, T] of [
      [0, 0, 40],
      [5, 20.5, 38],
      [300, 30, 52],
    ] as const) {
      const n = r + s + x;
      const closed = 1 / (1 + (s / n) * (Math.exp(n * Math.log((alpha + T) / (alpha + tx))) - 1));
      const got = PARETO_NBD.pAlive({ r, alpha, s, beta: alpha }, { x, tx, T });
      expect(Math.abs(got / closed - 1)).toBeLessThan(1e-12);
    }
  });
});
