import type { Matrix } from '../util/matrix.js';

/**
 * Assigns every row of x to its nearest centre (squared Euclidean; ties go to the lowest index).
 * Writes labels and squared distances into the given arrays and returns them. O(n · k · d).
 */
export function assignNearest(
  x: Matrix,
  centers: Matrix,
  labels: Int32Array = new Int32Array(x.rows),
  distances: Float64Array = new Float64Array(x.rows),
): { labels: Int32Array; distances: Float64Array } {
  const n = x.rows,
    d = x.cols,
    k = centers.rows,
    X = x.data,
    C = centers.data;
  for (let i = 0; i < n; i++) {
    let best = 0,
      bestD = Infinity;
    const off = i * d;
    for (let j = 0; j < k; j++) {
      let s = 0;
      const co = j * d;
      for (let t = 0; t < d; t++) {
        const diff = X[off + t]! - C[co + t]!;
        s += diff * diff;
      }
      if (s < bestD) ((bestD = s), (best = j));
    }
    labels[i] = best;
    distances[i] = bestD;
  }
  return { labels, distances };
}

/** Weighted sum of squared distances of each row to its labelled centre (the k-means objective). O(n · d). */
export function inertiaOf(x: Matrix, centers: Matrix, labels: Int32Array, weights?: Float64Array): number {
  const d = x.cols,
    X = x.data,
    C = centers.data;
  let total = 0;
  for (let i = 0; i < x.rows; i++) {
    const co = labels[i]! * d,
      off = i * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const diff = X[off + t]! - C[co + t]!;
      s += diff * diff;
    }
    total += weights ? weights[i]! * s : s;
  }
  return total;
}
