import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../src/metrics/adjustedRandIndex.js';
import { calinskiHarabasz } from '../../src/metrics/calinskiHarabasz.js';
import { daviesBouldin } from '../../src/metrics/daviesBouldin.js';
import { gapStatistic } from '../../src/select/gapStatistic.js';
import { silhouette, silhouettes } from '../../src/metrics/silhouette.js';
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

  it('of several labellings at once gives each the bits of the plain pair loop (every sum in the same order)', () => {
    const rng = createRandom(4);
    const x = fromRows(Array.from({ length: 300 }, () => [rng.next() * 10, rng.next(), rng.next() * 3]));
    const ks = [2, 3, 7];
    const labellings = ks.map((k) => Int32Array.from({ length: 300 }, () => rng.int(k)));
    const together = silhouettes(x, labellings, ks);
    ks.forEach((k, l) => {
      const plain = plainSilhouette(x.data, 3, labellings[l]!, k);
      expect(Array.from(together[l]!.values)).toEqual(plain.values);
      expect(together[l]!.mean).toBe(plain.mean);
      expect(silhouette(x, labellings[l]!, k).mean).toBe(plain.mean);
    });
  });
});

/** The textbook loop, as the sweep computed it before: pairs i < j row by row, each added to both rows' sums. */
function plainSilhouette(X: Float64Array, d: number, labels: Int32Array, k: number): { values: number[]; mean: number } {
  const n = labels.length;
  const sums = new Float64Array(n * k),
    sizes = new Float64Array(k);
  for (const l of labels) sizes[l]!++;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (X[i * d + t]! - X[j * d + t]!) ** 2;
      const dist = Math.sqrt(s);
      sums[i * k + labels[j]!]! += dist;
      sums[j * k + labels[i]!]! += dist;
    }
  const values = Array.from(labels, (li, i) => {
    if (sizes[li]! <= 1) return 0;
    const a = sums[i * k + li]! / (sizes[li]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== li && sizes[c]! > 0) b = Math.min(b, sums[i * k + c]! / sizes[c]!);
    const m = Math.max(a, b);
    return m > 0 && Number.isFinite(b) ? (b - a) / m : 0;
  });
  let total = 0;
  for (const v of values) total += v;
  return { values, mean: total / n };
}

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
