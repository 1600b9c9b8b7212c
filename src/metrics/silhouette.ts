import type { Matrix } from '../util/matrix.js';

/** Per-row silhouette values and their mean. */
export interface SilhouetteResult {
  /** s(i) = (b − a) / max(a, b); 0 for a row alone in its cluster (as scikit-learn). */
  readonly values: Float64Array;
  readonly mean: number;
}

/**
 * Exact silhouette (Rousseeuw 1987) with Euclidean distances: for each row, a = mean distance to the other
 * members of its cluster, b = the smallest mean distance to another cluster. Each pair distance is computed
 * once. O(n² · d) time, O(n · k) memory.
 */
export function silhouette(x: Matrix, labels: Int32Array, k?: number): SilhouetteResult {
  return silhouettes(x, [labels], k === undefined ? undefined : [k])[0]!;
}

/**
 * The silhouettes of several labellings of the same rows (the k sweep's), each pair distance computed once
 * for all of them and none kept: a row's distances to the later rows go into one scratch row, which each
 * labelling then adds up. Every sum gets its terms in the order one labelling alone gives it (for row i,
 * the rows j < i in order, then j > i in order), so each result has the same bits as `silhouette` on its
 * own. `ks[l]` is labelling l's number of clusters (else its largest label + 1).
 * O(n² · (d + labellings)) time, O(n · Σ k) memory.
 */
export function silhouettes(x: Matrix, labellings: readonly Int32Array[], ks?: readonly number[]): SilhouetteResult[] {
  const n = x.rows,
    d = x.cols,
    X = x.data;
  const kks = labellings.map((labels, l) => ks?.[l] ?? clusterCount(labels, n));
  const sums = kks.map((kk) => new Float64Array(n * kk));
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    for (let j = i + 1; j < n; j++) row[j] = pairDistance(X, oi, j * d, d);
    for (let l = 0; l < labellings.length; l++) addRow(row, i, n, labellings[l]!, kks[l]!, sums[l]!);
  }
  return labellings.map((labels, l) => fromSums(labels, n, kks[l]!, sums[l]!));
}

/** Row i's distances to rows j > i added to both rows' per-cluster sums. O(n). */
function addRow(row: Float64Array, i: number, n: number, labels: Int32Array, kk: number, sums: Float64Array): void {
  const li = labels[i]!,
    base = i * kk;
  for (let j = i + 1; j < n; j++) {
    const dist = row[j]!;
    sums[base + labels[j]!]! += dist;
    sums[j * kk + li]! += dist;
  }
}

/** The silhouette values and mean of the first n rows from each one's summed distance to each cluster. O(n · k). */
function fromSums(labels: Int32Array, n: number, kk: number, sums: Float64Array): SilhouetteResult {
  const sizes = new Float64Array(kk);
  for (let i = 0; i < n; i++) sizes[labels[i]!]!++;
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

/** Largest label + 1 among the first n. O(n). */
function clusterCount(labels: Int32Array, n: number): number {
  let kk = 0;
  for (let i = 0; i < n; i++) kk = Math.max(kk, labels[i]! + 1);
  return kk;
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
