import { describe, expect, it } from 'vitest';
import { elkan } from '../../src/cluster/elkan.js';
import { hamerly } from '../../src/cluster/hamerly.js';
import { kmeans, meanVariance } from '../../src/cluster/kmeans.js';
import { readyHelpers } from '../../src/cluster/helperPool.js';
import { kmeansPlusPlus, searchCumulative, uniformRow, type CandidateHelper } from '../../src/cluster/kmeansPlusPlus.js';
import { lloyd } from '../../src/cluster/lloyd.js';
import { helperFailureCount } from '../../src/cluster/passRunner.js';
import { parallelCandidateHelper } from '../../src/cluster/restartPool.js';
import { adjustedRandIndex } from '../../src/metrics/adjustedRandIndex.js';
import { calinskiHarabasz } from '../../src/metrics/calinskiHarabasz.js';
import { daviesBouldin } from '../../src/metrics/daviesBouldin.js';
import { silhouette } from '../../src/metrics/silhouette.js';
import { fromRows, type Matrix } from '../../src/util/matrix.js';
import { createRandom } from '../../src/util/random.js';
import { blobs, INCOME, mallMatrix, mallReference, SPENDING } from '../helpers.js';

const ref = mallReference();
const SETS: Record<string, string[]> = {
  income_spending: [INCOME, SPENDING],
  age_income_spending: ['Age', INCOME, SPENDING],
};

describe('kmeans on the Mall data against scikit-learn 1.2 (500 restarts)', () => {
  for (const [name, columns] of Object.entries(SETS)) {
    it(`${name}: inertia within 0.5% of scikit-learn's best for every k; same solution → metrics within 0.1%`, async () => {
      const x = await mallMatrix(columns);
      let sameSolutions = 0;
      for (const r of ref.sets[name]!.per_k) {
        const fit = kmeans(x, { k: r.k, seed: 0 });
        expect(fit.inertia).toBeLessThanOrEqual(r.inertia * 1.005);
        expect(fit.inertia).toBeGreaterThan(r.inertia * 0.999);
        if (adjustedRandIndex(fit.labels, r.labels) === 1) {
          sameSolutions++;
          expect(silhouette(x, fit.labels, r.k).mean).toBeCloseTo(r.silhouette, 3);
          expect(Math.abs(silhouette(x, fit.labels, r.k).mean / r.silhouette - 1)).toBeLessThan(1e-3);
          expect(Math.abs(calinskiHarabasz(x, fit.labels, r.k) / r.calinski_harabasz - 1)).toBeLessThan(1e-3);
          expect(Math.abs(daviesBouldin(x, fit.labels, r.k) / r.davies_bouldin - 1)).toBeLessThan(1e-3);
        }
      }
      expect(sameSolutions).toBeGreaterThanOrEqual(4);
    });
  }

  it('k = 5 on income and spending agrees with scikit-learn up to renaming (ARI ≥ 0.99)', async () => {
    const x = await mallMatrix([INCOME, SPENDING]);
    const r = ref.sets['income_spending']!.per_k.find((p) => p.k === 5)!;
    expect(adjustedRandIndex(kmeans(x, { k: 5 }).labels, r.labels)).toBeGreaterThanOrEqual(0.99);
  });
});

describe('kmeans(x, options)', () => {
  it('is deterministic: the same seed gives identical labels, another seed may differ in order only', () => {
    const x = blobs(500, 3, 4, 1);
    const a = kmeans(x, { k: 4, seed: 7 }),
      b = kmeans(x, { k: 4, seed: 7 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.inertia).toBe(b.inertia);
  });

  it('Elkan gives the same assignments as Lloyd from the same initial centres', () => {
    for (const [n, d, k, seed] of [
      [2000, 2, 14, 1],
      [1500, 5, 20, 2],
      [3000, 3, 12, 4],
    ] as const) {
      const x = blobs(n, d, 6, seed);
      const init = kmeansPlusPlus(x, k, createRandom(seed));
      const args = { x, init, weights: undefined, maxIter: 300, tolAbs: 0 };
      const a = lloyd(args),
        b = elkan(args);
      expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
      expect(b.iterations).toBe(a.iterations);
      expect(Math.abs(b.inertia / a.inertia - 1)).toBeLessThan(1e-12);
    }
  });

  it('Hamerly gives the same assignments and centres as Lloyd from the same initial centres', () => {
    for (const [n, d, k, seed] of [
      [2000, 2, 8, 1],
      [1500, 5, 12, 2],
      [800, 10, 5, 3],
      [3000, 3, 20, 4],
    ] as const) {
      const x = blobs(n, d, Math.max(2, k - 2), seed);
      const init = kmeansPlusPlus(x, k, createRandom(seed));
      const args = { x, init, weights: undefined, maxIter: 300, tolAbs: 0 };
      const a = lloyd(args),
        b = hamerly(args);
      expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
      expect(b.iterations).toBe(a.iterations);
      b.centers.data.forEach((v, i) => expect(Math.abs(v - a.centers.data[i]!)).toBeLessThan(1e-9));
      expect(Math.abs(b.inertia / a.inertia - 1)).toBeLessThan(1e-12);
    }
  });

  it('gives the same clustering on 1, 2, 3 and 5 threads (restarts r mod T on the main thread and T − 1 workers)', () => {
    // 60,000 rows × k 6 × 7 restarts is above the 500,000 at which restarts go to helper threads.
    const x = blobs(60_000, 4, 6, 9);
    const one = kmeans(x, { k: 6, nInit: 7, seed: 3, threads: 1 });
    for (const threads of [2, 3, 5]) {
      const many = kmeans(x, { k: 6, nInit: 7, seed: 3, threads });
      expect(Array.from(many.labels)).toEqual(Array.from(one.labels));
      expect(many.inertia).toBe(one.inertia);
      expect(Array.from(many.centers.data)).toEqual(Array.from(one.centers.data));
    }
  });

  it('a matrix changed in place between two calls: helpers read the new values (the same answer as one thread)', () => {
    // Above both thresholds for helpers: restarts (25,000 × 6 × 7 ≥ 500,000) and one fit split by rows (150,000 × 15 ≥ 2M).
    for (const [rows, k, nInit] of [
      [25_000, 6, 7],
      [150_000, 15, 1],
    ] as const) {
      const x = blobs(rows, 4, k, 31);
      kmeans(x, { k, nInit, seed: 2, threads: 2 });
      for (let i = 0; i < x.data.length; i++) x.data[i] = x.data[i]! * 3 + 1; // rescaled by the caller, in place
      const many = kmeans(x, { k, nInit, seed: 2, threads: 2 });
      const one = kmeans(x, { k, nInit, seed: 2, threads: 1 });
      expect(many.inertia).toBe(one.inertia);
      expect(Array.from(many.labels)).toEqual(Array.from(one.labels));
    }
  });

  it('one fit gives the same bits on 1, 2 and 3 threads (Lloyd, Hamerly and Elkan passes split by rows, sums in row order)', () => {
    // 150,000 rows × k 15 (one restart) is above the 2,000,000 at which a single fit uses helper threads.
    const x = blobs(150_000, 4, 15, 21);
    // No helper failed on the way: a fit run again on one thread would give these bits too, and hide it.
    const failures = helperFailureCount();
    for (const algorithm of ['lloyd', 'hamerly', 'elkan'] as const) {
      const one = kmeans(x, { k: 15, nInit: 1, seed: 5, threads: 1, algorithm });
      for (const threads of [2, 3]) {
        const many = kmeans(x, { k: 15, nInit: 1, seed: 5, threads, algorithm });
        expect(many.inertia).toBe(one.inertia);
        expect(many.iterations).toBe(one.iterations);
        expect(Array.from(many.labels)).toEqual(Array.from(one.labels));
        expect(Array.from(many.centers.data)).toEqual(Array.from(one.centers.data));
      }
      // From given centres (the refinement on all rows after choosing k on a sample) too.
      const refined = [1, 3].map((threads) => kmeans(x, { k: 15, init: one.centers, threads, algorithm }));
      expect(refined[1]!.inertia).toBe(refined[0]!.inertia);
      expect(Array.from(refined[1]!.labels)).toEqual(Array.from(refined[0]!.labels));
    }
    expect(helperFailureCount()).toBe(failures);
  });

  it('k-means++ chooses the same centres when 1, 2 or 4 helper threads evaluate their share of the candidates', () => {
    const x = blobs(50_000, 5, 7, 12);
    for (const threads of [2, 3, 5]) {
      const helper = parallelCandidateHelper(x, threads)!;
      expect(helper.threads).toBe(threads);
      // The seeding does not wait for helpers still loading (it evaluates their share itself); here they
      // are waited for, and counted, so that their share is really theirs.
      expect(readyHelpers(threads - 1)).toHaveLength(threads - 1);
      let helped = 0;
      const counted: CandidateHelper = {
        threads: helper.threads,
        distances: (count) => helper.distances(count),
        start: (candidates, near, outs) => {
          const started = helper.start(candidates, near, outs);
          // Counted when the helpers' answer is used (a failed helper's share is redone here).
          return started && { finish: () => ((pots) => (pots && helped++, pots))(started.finish()) };
        },
      };
      for (const k of [3, 9, 20]) {
        const one = kmeansPlusPlus(x, k, createRandom(k));
        const many = kmeansPlusPlus(x, k, createRandom(k), undefined, counted);
        expect(Array.from(many.data)).toEqual(Array.from(one.data));
        // Weighted, the helpers read the weights from shared memory.
        const w = Float64Array.from({ length: x.rows }, (_, i) => 1 + (i % 4));
        expect(Array.from(kmeansPlusPlus(x, k, createRandom(k), w, parallelCandidateHelper(x, threads, w)).data)).toEqual(
          Array.from(kmeansPlusPlus(x, k, createRandom(k), w).data),
        );
      }
      expect(helped).toBeGreaterThan(0);
    }
  });

  it('draws the first centre of unweighted rows as the cumulative search over weights 1, 2, …, n does', () => {
    const random = createRandom(4);
    for (const n of [1, 2, 3, 7, 200, 100_003]) {
      const ones = Float64Array.from({ length: n }, (_, i) => i + 1);
      const draws = [
        0,
        1 / n,
        0.5,
        1 - 2 ** -53,
        ...Array.from({ length: 200 }, () => random.next()),
        ...Array.from({ length: n < 50 ? n : 50 }, (_, i) => i / n),
      ];
      for (const u of draws) expect(uniformRow(n, u), `n = ${n}, u = ${u}`).toBe(searchCumulative(ones, u * n));
    }
  });

  it('takes the mean column variance with the bits of one two-pass sum per column', () => {
    const random = createRandom(8);
    for (let t = 0; t < 50; t++) {
      const n = 1 + random.int(300),
        d = 1 + random.int(10);
      const x: Matrix = { rows: n, cols: d, data: Float64Array.from({ length: n * d }, () => (random.next() - 0.3) * 10 ** random.int(8)) };
      let total = 0;
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += x.data[i * d + j]!;
        let v = 0;
        for (let i = 0; i < n; i++) v += (x.data[i * d + j]! - s / n) ** 2;
        total += v / n;
      }
      expect(Object.is(meanVariance(x), total / d)).toBe(true);
    }
  });

  it('integer sample weights act like repeated rows', () => {
    const x = blobs(60, 2, 3, 5);
    const w = Float64Array.from({ length: 60 }, (_, i) => 1 + (i % 3));
    const repeated = fromRows(
      Array.from({ length: 60 }, (_, i) => i).flatMap((i) => Array.from({ length: w[i]! }, () => [x.data[2 * i]!, x.data[2 * i + 1]!])),
    );
    const init = kmeansPlusPlus(x, 3, createRandom(1));
    const weighted = kmeans(x, { k: 3, weights: w, init });
    const plain = kmeans(repeated, { k: 3, init });
    expect(weighted.inertia).toBeCloseTo(plain.inertia, 9);
  });

  it('relocates an empty cluster to the farthest row instead of leaving it empty', () => {
    const x = fromRows([
      [0, 0],
      [0, 1],
      [1, 0],
      [10, 10],
      [10, 11],
      [11, 10],
    ]);
    const init = fromRows([
      [0, 0],
      [10, 10],
      [100, 100],
    ]);
    const fit = kmeans(x, { k: 3, init });
    expect(new Set(fit.labels).size).toBe(3);
    expect(fit.warnings.join(' ')).toMatch(/empty cluster/);
  });

  it('refuses bad options by name', () => {
    const x = blobs(10, 2, 2, 1);
    expect(() => kmeans(x, { k: 0 })).toThrow(/invalid k/);
    expect(() => kmeans(x, { k: 11 })).toThrow(/larger than the number of rows/);
    expect(() => kmeans(x, { k: 2, nInit: 0 })).toThrow(/invalid nInit/);
  });

  it('uses more restarts on small data (auto rule) and 10 on large data', () => {
    expect(kmeans(blobs(200, 2, 3, 1), { k: 5 }).nInit).toBe(100);
    expect(kmeans(blobs(20000, 2, 3, 1), { k: 5, maxIter: 2 }).nInit).toBe(10);
  });
});
