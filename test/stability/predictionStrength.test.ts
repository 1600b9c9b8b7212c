import { describe, expect, it } from 'vitest';
import { predictionStrength } from '../../src/stability/predictionStrength.js';
import { fromRows } from '../../src/util/matrix.js';
import { createRandom } from '../../src/util/random.js';

const rng = createRandom(7);
const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
const blobs = fromRows(
  [
    [0, 0],
    [10, 0],
    [0, 10],
    [10, 10],
  ].flatMap(([a, b]) => Array.from({ length: 60 }, () => [a! + gauss(), b! + gauss()])),
);
const uniform = fromRows(Array.from({ length: 240 }, () => [rng.next(), rng.next(), rng.next()]));

describe('predictionStrength (Tibshirani & Walther; fpc::prediction.strength with k-means)', () => {
  it('four separated groups: every cluster reproduces at k ≤ 4 and the largest passing k is 4', () => {
    const r = predictionStrength(blobs, [2, 3, 4, 5, 6], { seed: 1 });
    expect(r.strength[2]).toBeGreaterThan(0.95);
    expect(r.strength[4]).toBeLessThan(0.8);
    expect(r.chosen).toBe(4);
  });
  it('a uniform cube: no k above 0.8 (no structure)', () => {
    const r = predictionStrength(uniform, [2, 3, 4, 5], { seed: 1 });
    expect(r.chosen).toBeNull();
    expect(Math.max(...r.strength)).toBeLessThanOrEqual(0.8);
  });
  it('is deterministic for a seed and depends on it', () => {
    const a = predictionStrength(uniform, [2, 3], { seed: 3 }),
      b = predictionStrength(uniform, [2, 3], { seed: 3 }),
      c = predictionStrength(uniform, [2, 3], { seed: 4 });
    expect(a.strength).toEqual(b.strength);
    expect(a.strength).not.toEqual(c.strength);
  });
});
