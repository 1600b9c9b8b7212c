import { describe, expect, it } from 'vitest';
import { chooseK } from '../../src/select/chooseK.js';
import { kneedle } from '../../src/select/kneedle.js';
import { sweepK, type KSweep } from '../../src/select/sweepK.js';
import { INCOME, mallMatrix, SPENDING } from '../helpers.js';

describe('kneedle(xs, ys)', () => {
  it('finds the elbow of a decreasing convex curve', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(kneedle(xs, [100, 50, 20, 17, 15, 14, 13, 12, 11, 10])).toBe(3);
    expect(
      kneedle(
        xs,
        xs.map((x) => 1 / x),
      ),
    ).toBe(3);
  });
  it('returns undefined for too few points or a flat curve', () => {
    expect(kneedle([1, 2], [2, 1])).toBeUndefined();
    expect(kneedle([1, 2, 3], [1, 1, 1])).toBeUndefined();
  });
});

describe('chooseK(sweep)', () => {
  it('picks k = 5 on the Mall income and spending data and says why', async () => {
    const sweep = sweepK(await mallMatrix([INCOME, SPENDING]), { seed: 0 });
    const choice = chooseK(sweep);
    expect(choice.k).toBe(5);
    expect(choice.reason).toMatch(/^k = 5 was chosen by \d of 6 criteria \(.*silhouette/);
    expect(sweep.figures.map((f) => f.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(choice.votes.find((v) => v.criterion === 'elbow')!.k).toBe(5);
  });
  it('keeps a given k and reports how the criteria compare', async () => {
    const sweep = sweepK(await mallMatrix([INCOME, SPENDING]), { seed: 0, kMax: 6 });
    expect(chooseK(sweep, 4).reason).toMatch(/^k = 4 was given/);
  });
});

describe('chooseK on a synthetic sweep (every figure chosen by hand)', () => {
  /** A sweep over k = 2..5 whose criteria are set so that each vote is known. */
  function sweep(f: { sil: number[]; ch: number[]; db: number[]; inertia: number[]; gapK: number; ps: number[] }): KSweep {
    const ks = [2, 3, 4, 5];
    const fits = new Map(
      ks.map((k) => [
        k,
        {
          labels: Int32Array.from({ length: 20 }, (_, i) => i % k),
          centers: { rows: k, cols: 1, data: new Float64Array(k) },
          inertia: 0,
          iterations: 1,
          converged: true,
          warnings: [],
        },
      ]),
    );
    const figures = ks.map((k, j) => ({
      k,
      inertia: f.inertia[j]!,
      silhouette: f.sil[j]!,
      calinskiHarabasz: f.ch[j]!,
      daviesBouldin: f.db[j]!,
      gap: 0,
      gapSe: 0,
      predictionStrength: f.ps[j]!,
      iterations: 1,
      converged: true,
    }));
    const chosen = ks.filter((_, j) => f.ps[j]! > 0.8);
    return {
      figures,
      fits,
      gap: { ks, gap: [0, 0, 0, 0], se: [0, 0, 0, 0], chosen: f.gapK, references: 10 },
      structure: {
        gap1: 0,
        gap2: 0,
        gap2Se: 0,
        strength: { ks, strength: f.ps, chosen: chosen.length ? Math.max(...chosen) : null, cutoff: 0.8, splits: 10, rows: 20 },
      },
      silhouetteRows: 20,
      gapRows: 20,
    };
  }
  const flatElbow = [100, 99, 98, 97];
  it('a 3–3 tie goes to the tied k with the higher silhouette', () => {
    // silhouette, CH and DB say 4; the elbow of a straight line (Kneedle: 3), the gap and prediction strength say 3.
    const c = chooseK(sweep({ sil: [0.3, 0.5, 0.6, 0.2], ch: [1, 2, 9, 3], db: [2, 1.5, 0.5, 2], inertia: flatElbow, gapK: 3, ps: [0.95, 0.9, 0.5, 0.4] }));
    expect(c.votes.map((v) => v.k)).toEqual([4, 4, 4, 3, 3, 3]);
    expect([c.k, c.reason]).toEqual([4, expect.stringMatching(/^k = 4 was chosen by 3 of 6 criteria \(.*\), a tie broken by the higher silhouette;/)]);
    // With the higher silhouette at 3, silhouette joins the elbow, the gap and prediction strength: 3 wins 4 to 2.
    const other = chooseK(
      sweep({ sil: [0.3, 0.65, 0.6, 0.2], ch: [1, 2, 9, 3], db: [2, 1.5, 0.5, 2], inertia: flatElbow, gapK: 3, ps: [0.95, 0.9, 0.5, 0.4] }),
    );
    expect(other.votes.map((v) => v.k)).toEqual([3, 4, 4, 3, 3, 3]);
    expect(other.k).toBe(3);
  });
  it('names a lone dissenting criterion as the subject, and several as "the others"', () => {
    // The elbow of a straight line (3) dissents alone: silhouette, CH, DB, the gap and prediction strength say 4.
    const one = chooseK(sweep({ sil: [0.3, 0.5, 0.6, 0.2], ch: [1, 2, 9, 3], db: [2, 1.5, 0.5, 2], inertia: flatElbow, gapK: 4, ps: [0.95, 0.9, 0.85, 0.4] }));
    expect(one.votes.map((v) => v.k)).toEqual([4, 4, 4, 3, 4, 4]);
    expect(one.reason).toBe(
      'k = 4 was chosen by 5 of 6 criteria (silhouette, Calinski–Harabasz, Davies–Bouldin, the gap statistic, reproducibility); the elbow of inertia preferred 3.',
    );
    expect(
      chooseK(sweep({ sil: [0.3, 0.5, 0.6, 0.2], ch: [1, 2, 9, 3], db: [2, 1.5, 0.5, 2], inertia: flatElbow, gapK: 4, ps: [0.95, 0.9, 0.85, 0.4] }), 4).reason,
    ).toContain(', the elbow of inertia prefers 3.');
    const two = chooseK(sweep({ sil: [0.3, 0.5, 0.6, 0.2], ch: [1, 2, 9, 3], db: [2, 1.5, 0.5, 2], inertia: flatElbow, gapK: 3, ps: [0.95, 0.9, 0.85, 0.4] }));
    expect(two.reason).toMatch(/; the others preferred the elbow of inertia 3, the gap statistic 3\.$/);
  });
  it('no k above 0.8 prediction strength: structure "none", the vote still picks k', () => {
    const c = chooseK(sweep({ sil: [0.3, 0.5, 0.6, 0.2], ch: [1, 2, 9, 3], db: [2, 1.5, 0.5, 2], inertia: flatElbow, gapK: 4, ps: [0.7, 0.6, 0.5, 0.4] }));
    expect([c.k, c.structure, c.votes.find((v) => v.criterion === 'prediction-strength')!.k]).toEqual([4, 'none', null]);
  });
  it('ranks the shortlist: the chosen k, then votes, then stability; plus the most stable larger k', () => {
    const c = chooseK(sweep({ sil: [0.3, 0.5, 0.6, 0.2], ch: [1, 2, 9, 3], db: [2, 1.5, 0.5, 2], inertia: flatElbow, gapK: 3, ps: [0.95, 0.9, 0.5, 0.4] }));
    expect(c.shortlist.map((x) => [x.k, x.votes, x.stability])).toEqual([
      [4, 3, 0.5],
      [3, 3, 0.9],
      [2, 0, 0.95],
      [5, 0, 0.4],
    ]);
    expect(c.shortlist[0]!.smallestShare).toBe(5 / 20);
  });
});
