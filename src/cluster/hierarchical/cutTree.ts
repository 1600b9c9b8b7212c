import { unionFind } from '../../util/unionFind.js';
import type { Merge } from './linkageTypes.js';

/**
 * Flat clusters from a linkage matrix: apply the first n − k merges (cut by k), labels numbered by first
 * appearance in row order. O(n α(n)).
 */
export function cutTree(merges: readonly Merge[], k: number): Int32Array {
  const n = merges.length + 1;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`k must be between 1 and ${n} (got ${k})`);
  const { find, attach } = unionFind(2 * n - 1);
  for (let r = 0; r < n - k; r++) {
    const m = merges[r]!;
    attach(find(m.a), n + r);
    attach(find(m.b), n + r);
  }
  const ids = new Map<number, number>();
  return Int32Array.from({ length: n }, (_, i) => {
    const root = find(i);
    if (!ids.has(root)) ids.set(root, ids.size);
    return ids.get(root)!;
  });
}
