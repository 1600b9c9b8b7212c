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

/**
 * Memory that one column after another is sorted in: `sortedPresent(values, scratch)` then answers a view
 * into it, valid until the next call with the same scratch. Ten million rows × 8 columns sorted without it
 * allocate 16 arrays of 80 MB; each fresh one costs a first touch of its pages and a full garbage collection.
 */
export interface SortScratch {
  values?: Float64Array;
  bits?: Uint32Array;
}

/** A Float64Array of `length` from `scratch.values` (grown when shorter), or a new one without scratch. */
function scratchValues(length: number, scratch?: SortScratch): Float64Array {
  if (!scratch) return new Float64Array(length);
  if (!scratch.values || scratch.values.length < length) scratch.values = new Float64Array(length);
  return scratch.values.subarray(0, length);
}

/**
 * The present (non-NaN) values of an array, sorted ascending (`radixSortFloat64`): a new array, or with
 * `scratch` a view into it (see `SortScratch`). O(n).
 */
export function sortedPresent(values: ArrayLike<number>, scratch?: SortScratch): Float64Array {
  const out = presentValues(values, scratch);
  if (scratch && (!scratch.bits || scratch.bits.length < 2 * out.length)) scratch.bits = new Uint32Array(2 * out.length);
  return radixSortFloat64(out, scratch?.bits);
}

/** The present (non-NaN) values, in their order: a copy, or a view into `scratch.values`. O(n). */
function presentValues(values: ArrayLike<number>, scratch?: SortScratch): Float64Array {
  let present = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) present++;
  const out = scratchValues(present, scratch);
  for (let i = 0, j = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) out[j++] = values[i]!;
  return out;
}

/**
 * The 0.25, 0.5 and 0.75 quantiles (as `quantileSorted` gives them on the sorted values) of the present
 * values of an array the caller gives up (`quantilesInPlace`: NaN dropped in place, then reordered by
 * selection instead of a full sort; no copy). NaN for no present value. O(n) expected.
 */
export function quartilesInPlace(values: Float64Array): [number, number, number] {
  const [q1, median, q3] = quantilesInPlace(values, [0.25, 0.5, 0.75]);
  return [q1!, median!, q3!];
}

/**
 * The ps-quantiles (ascending, 0..1) of the present values as `quantileSorted` gives them on the sorted
 * values, by quickselect on an array the caller gives up (NaN dropped in place, then reordered): the order
 * statistics around each quantile, no sort and no copy. NaN for no present value. O(n · |ps|) worst, O(n) expected.
 */
export function quantilesInPlace(values: Float64Array, ps: readonly number[]): number[] {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) values[n++] = values[i]!;
  const a = values.subarray(0, n);
  if (n === 0) return ps.map(() => NaN);
  // Positions are increasing, so each selection works on the part right of the previous one.
  let from = 0;
  return ps.map((p) => {
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
  });
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
