import { describe, expect, it } from 'vitest';
import { kmeans } from '../../src/cluster/kmeans.js';
import { kmeansMany } from '../../src/cluster/fitPool.js';
import { blobs } from '../helpers.js';

describe('kmeansMany: independent fits shared between threads', () => {
  // Enough work (Σ rows · k · restarts ≥ 500,000) for the helpers to take part.
  const fits = [2, 3, 4, 5, 6, 7].map((k, i) => ({ x: blobs(2_000 + 100 * i, 4, 5, i + 1), options: { k, nInit: 10, seed: 7 * i } }));

  it('gives every fit, in the order given, the bits k-means gives it alone, on 1, 2 and 3 threads', () => {
    const alone = fits.map((f) => kmeans(f.x, { ...f.options, threads: 1 }));
    for (const threads of [1, 2, 3]) {
      const many = kmeansMany(fits, threads);
      expect(many).toHaveLength(fits.length);
      many.forEach((fit, i) => {
        expect(fit.k).toBe(fits[i]!.options.k);
        expect(fit.inertia).toBe(alone[i]!.inertia);
        expect(Array.from(fit.labels)).toEqual(Array.from(alone[i]!.labels));
        expect(Array.from(fit.centers.data)).toEqual(Array.from(alone[i]!.centers.data));
      });
    }
  });

  it('runs a small batch on the calling thread with the same results', () => {
    const small = fits.slice(0, 2).map((f) => ({ x: { ...f.x, rows: 40, data: f.x.data.subarray(0, 160) }, options: { ...f.options, nInit: 2 } }));
    expect(kmeansMany(small, 2).map((f) => f.inertia)).toEqual(small.map((f) => kmeans(f.x, f.options).inertia));
  });
});
