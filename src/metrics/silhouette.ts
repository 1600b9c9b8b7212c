import type { Matrix } from '../util/matrix.js';

/** Per-row silhouette values and their mean. */
export interface SilhouetteResult {
  /** s(i) = (b − a) / max(a, b); 0 for a row alone in its cluster (as scikit-learn). */
  readonly values: Float64Array;
  readonly mean: number;
}

/**
 * Exact silhouette (Rousseeuw 1987) with Euclidean distances: for each row, a = mean distance to the other
 * members of its cluster, b = the smallest mean distance to another cluster. Each pair distance is
 * computed once, or read from `pairs` (`pairDistances` of the same x: the same figures, for silhouettes of
 * several labellings of one sample). O(n² · d) time (O(n²) with pairs), O(n · k) memory.
 */
export function silhouette(x: Matrix, labels: Int32Array, k?: number, pairs?: Float64Array): SilhouetteResult {
  const n = x.rows,
    d = x.cols,
    X = x.data;
  let kk = k ?? 0;
  if (k === undefined) for (let i = 0; i < n; i++) kk = Math.max(kk, labels[i]! + 1);
  const sums = new Float64Array(n * kk);
  const sizes = new Float64Array(kk);
  for (let i = 0; i < n; i++) sizes[labels[i]!]!++;
  let p = 0;
  for (let i = 0; i < n; i++) {
    const li = labels[i]!,
      oi = i * d;
    for (let j = i + 1; j < n; j++) {
      const dist = pairs ? pairs[p++]! : pairDistance(X, oi, j * d, d);
      sums[i * kk + labels[j]!]! += dist;
      sums[j * kk + li]! += dist;
    }
  }
  const values = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const li = labels[i]!;
    const own = sizes[li]!;
    if (own <= 1) continue;
    const a = sums[i * kk + li]! / (own - 1);
    let b = Infinity;
    for (let c = 0; c < kk; c++) if (c !== li && sizes[c]! > 0) b = Math.min(b, sums[i * kk + c]! / sizes[c]!);
    const m = Math.max(a, b);
    values[i] = m > 0 && Number.isFinite(b) ? (b - a) / m : 0;
    total += values[i]!;
  }
  return { values, mean: n > 0 ? total / n : NaN };
}

/**
 * Every pair's Euclidean distance in the order `silhouette` visits them (i < j, row by row): n(n − 1)/2
 * float64 (5,000 rows: 100 MB). The k sweep computes them once for all its k. O(n² · d).
 */
export function pairDistances(x: Matrix): Float64Array {
  const n = x.rows,
    d = x.cols,
    X = x.data;
  const out = new Float64Array((n * (n - 1)) / 2);
  let p = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[p++] = pairDistance(X, i * d, j * d, d);
  return out;
}

/** Euclidean distance between the rows at offsets oi and oj of row-major data with d columns. O(d). */
function pairDistance(X: Float64Array, oi: number, oj: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const diff = X[oi + t]! - X[oj + t]!;
    s += diff * diff;
  }
  return Math.sqrt(s);
}
