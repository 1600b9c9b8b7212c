/** The contingency table of two labelings: counts per (label of a, label of b) and its margins. */
export interface Contingency {
  readonly n: number;
  /** ka × kb counts, row-major. */
  readonly table: Float64Array;
  readonly rows: Float64Array;
  readonly cols: Float64Array;
}

/** Counts how often each pair of labels occurs (labels may be any numbers). O(n + ka · kb). */
export function contingencyTable(a: ArrayLike<number>, b: ArrayLike<number>): Contingency {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`labelings differ in length: ${n} and ${b.length}`);
  const ia = new Map<number, number>(),
    ib = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (!ia.has(a[i]!)) ia.set(a[i]!, ia.size);
    if (!ib.has(b[i]!)) ib.set(b[i]!, ib.size);
  }
  const ka = ia.size,
    kb = ib.size;
  const table = new Float64Array(ka * kb);
  for (let i = 0; i < n; i++) table[ia.get(a[i]!)! * kb + ib.get(b[i]!)!]!++;
  const rows = new Float64Array(ka),
    cols = new Float64Array(kb);
  for (let r = 0; r < ka; r++) for (let c = 0; c < kb; c++) ((rows[r]! += table[r * kb + c]!), (cols[c]! += table[r * kb + c]!));
  return { n, table, rows, cols };
}
