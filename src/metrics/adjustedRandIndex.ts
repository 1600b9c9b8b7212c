import { contingencyTable } from './contingencyTable.js';

/**
 * Adjusted Rand index (Hubert & Arabie 1985) between two labelings of the same rows: 1 for identical
 * partitions (up to renaming), about 0 for random ones. O(n + ka · kb).
 */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const { n, table, rows, cols } = contingencyTable(a, b);
  const c2 = (x: number): number => (x * (x - 1)) / 2;
  let sumCells = 0;
  for (const v of table) sumCells += c2(v);
  let sumA = 0,
    sumB = 0;
  for (const v of rows) sumA += c2(v);
  for (const v of cols) sumB += c2(v);
  const expected = (sumA * sumB) / c2(n);
  const max = (sumA + sumB) / 2;
  return max === expected ? 1 : (sumCells - expected) / (max - expected);
}
