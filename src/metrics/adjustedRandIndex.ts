/**
 * Adjusted Rand index (Hubert & Arabie 1985) between two labelings of the same rows: 1 for identical
 * partitions (up to renaming), about 0 for random ones. O(n + ka · kb).
 */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`labelings differ in length: ${n} and ${b.length}`);
  const ia = new Map<number, number>(), ib = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (!ia.has(a[i]!)) ia.set(a[i]!, ia.size);
    if (!ib.has(b[i]!)) ib.set(b[i]!, ib.size);
  }
  const table = new Float64Array(ia.size * ib.size);
  for (let i = 0; i < n; i++) table[ia.get(a[i]!)! * ib.size + ib.get(b[i]!)!]!++;
  const c2 = (x: number): number => (x * (x - 1)) / 2;
  let sumCells = 0;
  for (const v of table) sumCells += c2(v);
  const rows = new Float64Array(ia.size), cols = new Float64Array(ib.size);
  for (let r = 0; r < ia.size; r++) for (let c = 0; c < ib.size; c++) (rows[r]! += table[r * ib.size + c]!), (cols[c]! += table[r * ib.size + c]!);
  let sumA = 0, sumB = 0;
  for (const v of rows) sumA += c2(v);
  for (const v of cols) sumB += c2(v);
  const expected = (sumA * sumB) / c2(n);
  const max = (sumA + sumB) / 2;
  return max === expected ? 1 : (sumCells - expected) / (max - expected);
}
