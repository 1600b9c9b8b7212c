import { allRows } from './gather.js';

/**
 * A union-find over ids 0..size−1 with path halving: `find` returns a set's representative; `attach`
 * makes `root` point at `parent`. Used to label the merges of a linkage tree. O(α(n)) per operation.
 */
export function unionFind(size: number): { find: (i: number) => number; attach: (root: number, parent: number) => void } {
  const parent = allRows(size);
  return {
    find(i: number): number {
      while (parent[i] !== i) {
        parent[i] = parent[parent[i]!]!;
        i = parent[i]!;
      }
      return i;
    },
    attach(root: number, to: number): void {
      parent[root] = to;
    },
  };
}
