/**
 * Quantile cut points for scores 1..bins with the documented tie rule: equal values always get the same
 * score (a cut never splits a run of ties); each cut is placed after the distinct value whose cumulative
 * share is nearest to j/bins, but never so late that a later bin would be left without a distinct value —
 * so when there are at least `bins` distinct values, every score is used. With fewer distinct values, each
 * gets its own score 1..m. Returns the bins − 1 upper bounds (a value ≤ cut[j] scores ≤ j + 1). O(n log n).
 */
export function quantileCuts(values: ArrayLike<number>, bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const distinct: number[] = [];
  const cumulative: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === n - 1 || sorted[i + 1] !== sorted[i]) {
      distinct.push(sorted[i]!);
      cumulative.push(i + 1);
    }
  }
  const m = distinct.length;
  if (m <= bins) return distinct.slice(0, Math.max(0, m - 1));
  const cuts: number[] = [];
  let previous = -1;
  for (let j = 1; j < bins; j++) {
    const target = (j * n) / bins;
    const lo = previous + 1,
      hi = m - 1 - (bins - j);
    let best = lo;
    for (let c = lo; c <= hi; c++) if (Math.abs(cumulative[c]! - target) < Math.abs(cumulative[best]! - target)) best = c;
    cuts.push(distinct[best]!);
    previous = best;
  }
  return cuts;
}

/** The score (1..cuts.length + 1) of a value under ascending upper-bound cut points. O(log bins). */
export function scoreOf(value: number, cuts: readonly number[]): number {
  let s = 1;
  for (const c of cuts) if (value > c) s++;
  return s;
}
