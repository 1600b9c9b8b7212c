import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../src/metrics/adjustedRandIndex.js';
import { calinskiHarabasz } from '../../src/metrics/calinskiHarabasz.js';
import { daviesBouldin } from '../../src/metrics/daviesBouldin.js';
import { gapStatistic } from '../../src/select/gapStatistic.js';
import { pairDistances, silhouette } from '../../src/metrics/silhouette.js';
import { kmeans } from '../../src/cluster/kmeans.js';
import { fromRows } from '../../src/util/matrix.js';
import { createRandom } from '../../src/util/random.js';
import { INCOME, mallMatrix, mallReference, SPENDING } from '../helpers.js';

describe('metrics on scikit-learn’s own labels (Mall, all three feature sets)', () => {
  it('silhouette, Calinski–Harabasz and Davies–Bouldin equal scikit-learn’s to 1e-9 relative', async () => {
    const ref = mallReference();
    for (const [name, cols] of [
      ['income_spending', [INCOME, SPENDING]],
      ['age_income_spending', ['Age', INCOME, SPENDING]],
    ] as const) {
      const x = await mallMatrix([...cols]);
      for (const r of ref.sets[name]!.per_k) {
        const labels = Int32Array.from(r.labels);
        expect(silhouette(x, labels, r.k).mean / r.silhouette).toBeCloseTo(1, 9);
        expect(calinskiHarabasz(x, labels, r.k) / r.calinski_harabasz).toBeCloseTo(1, 9);
        expect(daviesBouldin(x, labels, r.k) / r.davies_bouldin).toBeCloseTo(1, 9);
      }
    }
  });
});

describe('silhouette(x, labels)', () => {
  it('matches a hand computation and gives 0 to singletons', () => {
    const x = fromRows([[0], [1], [5], [20]]);
    const s = silhouette(x, Int32Array.from([0, 0, 1, 2]), 3);
    // row 0: a = 1, b = 5 → 0.8; row 1: a = 1, b = 4 → 0.75; rows 2, 3 are alone → 0
    expect(Array.from(s.values)).toEqual([0.8, 0.75, 0, 0]);
    expect(s.mean).toBeCloseTo(0.3875, 12);
  });

  it('gives the same bits from a table of pair distances as from the rows', () => {
    const rng = createRandom(4);
    const x = fromRows(Array.from({ length: 300 }, () => [rng.next() * 10, rng.next(), rng.next() * 3]));
    const pairs = pairDistances(x);
    for (const k of [2, 3, 7]) {
      const labels = Int32Array.from({ length: 300 }, () => rng.int(k));
      const direct = silhouette(x, labels, k),
        tabled = silhouette(x, labels, k, pairs);
      expect(tabled.mean).toBe(direct.mean);
      expect(Array.from(tabled.values)).toEqual(Array.from(direct.values));
    }
  });
});

describe('adjustedRandIndex(a, b)', () => {
  it('is 1 for the same partition under renaming and near 0 for unrelated ones', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [5, 5, 3, 3, 9])).toBe(1);
    // scikit-learn: adjusted_rand_score([0,0,1,1],[0,1,0,1]) = -0.5
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
  });
});

describe('gapStatistic(x, ks, logW)', () => {
  it('finds 3 well separated groups by the first-SE rule', () => {
    const rng = createRandom(3);
    const rows = Array.from({ length: 300 }, (_, i) => [(i % 3) * 10 + rng.next(), (i % 3) * 10 + rng.next()]);
    const x = fromRows(rows);
    const ks = [2, 3, 4, 5, 6];
    const logW = ks.map((k) => Math.log(kmeans(x, { k }).inertia));
    const gap = gapStatistic(x, ks, logW, { references: 10, seed: 1 });
    expect(gap.chosen).toBe(3);
    expect(gap.se.every((s) => s > 0)).toBe(true);
  });
});
