import { describe, expect, it } from 'vitest';
import { chooseK } from '../../src/select/chooseK.js';
import { kneedle } from '../../src/select/kneedle.js';
import { sweepK } from '../../src/select/sweepK.js';
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
