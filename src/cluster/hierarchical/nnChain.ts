import { unionFind } from '../../util/unionFind.js';
import type { Merge } from './linkageTypes.js';

/**
 * The nearest-neighbour-chain algorithm (Murtagh 1983; Müllner, "Modern hierarchical, agglomerative
 * clustering algorithms", 2011, §3.2) for reducible linkages: grow a chain of nearest neighbours until two
 * clusters are each other's nearest, merge them, continue from the chain's remainder. `distance(i, j)`
 * gives the current distance between active clusters i and j; `merge(x, y)` (x < y) must make slot y the
 * merged cluster, and x becomes inactive — scipy's convention, followed with its scan order and tie rules
 * (the previous chain element wins ties, then the lowest index) so that tied data merge alike. Returns
 * merges in the order found (not yet sorted). O(n²) distance evaluations.
 */
export function nnChain(
  n: number,
  distance: (i: number, j: number) => number,
  merge: (i: number, j: number) => void,
  sizeOf: (i: number) => number,
): Array<{ i: number; j: number; height: number; size: number }> {
  const active = new Uint8Array(n).fill(1);
  const chain = new Int32Array(n);
  let length = 0;
  const merges: Array<{ i: number; j: number; height: number; size: number }> = [];
  let nextStart = 0;
  for (let step = 0; step < n - 1; step++) {
    if (length === 0) {
      while (!active[nextStart]) nextStart++;
      chain[length++] = nextStart;
    }
    let x: number,
      y = 0;
    for (;;) {
      x = chain[length - 1]!;
      let best = Infinity;
      if (length > 1) {
        y = chain[length - 2]!;
        best = distance(x, y);
      }
      for (let i = 0; i < n; i++) {
        if (!active[i] || i === x) continue;
        const d = distance(x, i);
        if (d < best) ((best = d), (y = i));
      }
      if (length > 1 && y === chain[length - 2]) break;
      chain[length++] = y;
    }
    length -= 2;
    const [lo, hi] = x < y ? [x, y] : [y, x];
    const height = distance(lo, hi);
    const size = sizeOf(lo) + sizeOf(hi);
    merge(lo, hi);
    active[lo] = 0;
    merges.push({ i: lo, j: hi, height, size });
  }
  return merges;
}

/**
 * Turns merges found in any order into scipy's linkage matrix: stable sort by height, then relabel with a
 * union-find so that each merge names its two clusters by their current ids (smaller first). O(n log n).
 */
export function toLinkageMatrix(n: number, merges: ReadonlyArray<{ i: number; j: number; height: number; size: number }>): Merge[] {
  const order = merges.map((_, t) => t).sort((p, q) => merges[p]!.height - merges[q]!.height || p - q);
  const { find, attach } = unionFind(2 * n - 1);
  return order.map((t, row) => {
    const m = merges[t]!;
    const a = find(m.i),
      b = find(m.j);
    const id = n + row;
    attach(a, id);
    attach(b, id);
    return { a: Math.min(a, b), b: Math.max(a, b), height: m.height, size: m.size };
  });
}
