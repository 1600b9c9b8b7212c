import type { Matrix } from '../util/matrix.js';

/**
 * The k-means M-step: each centre becomes the weighted mean of its rows. An empty cluster is relocated,
 * as scikit-learn does, to the row farthest from its current centre (farthest first, one row per empty
 * cluster), which is taken out of its old cluster's
 * sum (labels are left as they are, so convergence is judged as scikit-learn does). Writes into `next` and returns the number of empty
 * clusters that were relocated. `distToOld` are the rows' squared distances to their assigned old centres
 * (needed only when a cluster is empty). O(n · d).
 */
export function updateCenters(x: Matrix, labels: Int32Array, weights: Float64Array | undefined, next: Matrix, distToOld: () => Float64Array): number {
  const n = x.rows,
    d = x.cols,
    k = next.rows,
    X = x.data,
    C = next.data;
  C.fill(0);
  const mass = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const j = labels[i]!,
      w = weights ? weights[i]! : 1,
      off = i * d,
      co = j * d;
    mass[j]! += w;
    for (let t = 0; t < d; t++) C[co + t]! += w * X[off + t]!;
  }
  const empty: number[] = [];
  for (let j = 0; j < k; j++) if (mass[j] === 0) empty.push(j);
  if (empty.length > 0) {
    const dist = distToOld();
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => dist[b]! - dist[a]! || a - b);
    empty.forEach((j, e) => {
      const far = order[e]!,
        w = weights ? weights[far]! : 1,
        old = labels[far]!;
      for (let t = 0; t < d; t++) {
        C[j * d + t] = w * X[far * d + t]!;
        C[old * d + t]! -= w * X[far * d + t]!;
      }
      mass[j] = w;
      mass[old]! -= w;
    });
  }
  for (let j = 0; j < k; j++) {
    const m = mass[j]!;
    if (m > 0) for (let t = 0; t < d; t++) C[j * d + t]! /= m;
  }
  return empty.length;
}

/** Sum over centres of the squared distance each centre moved. O(k · d). */
export function totalShift(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) {
    const diff = a.data[i]! - b.data[i]!;
    s += diff * diff;
  }
  return s;
}

/** Per-cluster weighted sums of rows and total weights, from scratch. O(n · d). */
export function recomputeSums(x: Matrix, labels: Int32Array, weights: Float64Array | undefined, sums: Float64Array, mass: Float64Array): void {
  const d = x.cols;
  sums.fill(0);
  mass.fill(0);
  for (let i = 0; i < x.rows; i++) {
    const j = labels[i]!,
      w = weights ? weights[i]! : 1;
    mass[j]! += w;
    for (let t = 0; t < d; t++) sums[j * d + t]! += w * x.data[i * d + t]!;
  }
}
