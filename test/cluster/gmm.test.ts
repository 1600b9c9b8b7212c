import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gmm } from '../../src/cluster/gmm.js';
import { adjustedMutualInfo } from '../../src/metrics/adjustedMutualInfo.js';
import { adjustedRandIndex } from '../../src/metrics/adjustedRandIndex.js';
import { INCOME, mallMatrix, ROOT, SPENDING } from '../helpers.js';

const ref = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/methods.json'), 'utf8'));

describe('gmm(x, options) against scikit-learn 1.2 GaussianMixture from the same initialisation', () => {
  for (const [name, r] of Object.entries(ref.gmm as Record<string, any>)) {
    it(`${name}: log-likelihood and BIC within 1e-6 relative, same iterations and labels`, async () => {
      const x = await mallMatrix([INCOME, SPENDING]);
      const fit = gmm(x, { k: r.k, covariance: r.covariance, initLabels: r.init_labels });
      expect(Math.abs(fit.score / r.score - 1)).toBeLessThan(1e-6);
      expect(Math.abs(fit.bic / r.bic - 1)).toBeLessThan(1e-6);
      expect(fit.iterations).toBe(r.n_iter);
      expect(fit.converged).toBe(r.converged);
      expect(Array.from(fit.labels)).toEqual(r.labels);
      fit.weights.forEach((w, j) => expect(w).toBeCloseTo(r.weights[j], 9));
      for (let i = 0; i < x.rows; i++) expect(fit.probabilities.subarray(i * r.k, (i + 1) * r.k).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    });
  }
});

describe('adjusted Rand index and adjusted mutual information against scikit-learn on fixed label pairs', () => {
  it('agree to 1e-12', () => {
    for (const p of ref.agreement) {
      expect(adjustedRandIndex(p.a, p.b)).toBeCloseTo(p.ari, 12);
      expect(adjustedMutualInfo(p.a, p.b)).toBeCloseTo(p.ami, 12);
    }
  });
});
