import type { Random } from './random.js';
import { allRows } from './gather.js';

/**
 * m distinct indices from 0..n−1 drawn uniformly without replacement (partial Fisher–Yates), returned in
 * ascending order so that sampled rows keep their file order. O(n) memory, O(n + m log m) time.
 */
export function sampleIndices(n: number, m: number, rng: Random): Int32Array {
  if (m >= n) return allRows(n);
  const perm = allRows(n);
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm.slice(0, m).sort();
}
