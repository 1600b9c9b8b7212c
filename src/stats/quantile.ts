/**
 * The p-quantile (0..1) of an ascending-sorted array by linear interpolation between closest ranks
 * (numpy's default "linear" method). NaN for an empty array. O(1).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The present (non-NaN) values of an array, sorted ascending (native typed-array sort). O(n log n). */
export function sortedPresent(values: ArrayLike<number>): Float64Array {
  let present = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) present++;
  const out = new Float64Array(present);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) out[j++] = values[i]!;
  return out.sort();
}
