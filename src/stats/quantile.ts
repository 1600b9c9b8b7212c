import { radixSortFloat64 } from './radixSort.js';

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

/** The present (non-NaN) values of an array, sorted ascending (`radixSortFloat64`). O(n). */
export function sortedPresent(values: ArrayLike<number>): Float64Array {
  return radixSortFloat64(presentValues(values));
}

/** A copy of the present (non-NaN) values, in their order. O(n). */
function presentValues(values: ArrayLike<number>): Float64Array {
  let present = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) present++;
  const out = new Float64Array(present);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) out[j++] = values[i]!;
  return out;
}

/**
 * The 0.25, 0.5 and 0.75 quantiles (as `quantileSorted` gives them on the sorted values) of the present
 * values, by selection instead of a full sort: the three order statistics around each quantile are found
 * by quickselect on one copy. NaN for no present value. O(n) expected.
 */
export function quartilesOf(values: ArrayLike<number>): [number, number, number] {
  const a = presentValues(values);
  const n = a.length;
  if (n === 0) return [NaN, NaN, NaN];
  // Positions are increasing, so each selection works on the part right of the previous one.
  let from = 0;
  const at = (p: number): number => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    if (lo >= from) {
      select(a, from, n - 1, lo);
      from = lo;
    }
    const low = a[lo]!;
    if (h === lo || lo + 1 >= n) return low;
    // After selecting lo, every value right of it is ≥ a[lo]: the next order statistic is their minimum.
    let next = Infinity;
    for (let i = lo + 1; i < n; i++) if (a[i]! < next) next = a[i]!;
    return low + (h - lo) * (next - low);
  };
  return [at(0.25), at(0.5), at(0.75)];
}

/** Rearranges a[left..right] so that a[k] holds the value a full sort would put there (Hoare's quickselect). */
function select(a: Float64Array, left: number, right: number, k: number): void {
  while (right > left) {
    // Median of three as the pivot keeps sorted and constant runs from the quadratic case.
    const mid = (left + right) >>> 1;
    const x = a[left]!,
      y = a[mid]!,
      z = a[right]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left,
      j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}
