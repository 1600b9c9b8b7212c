import type { Matrix } from '../util/matrix.js';
import { clusterMeans } from './clusterMeans.js';

/**
 * Davies–Bouldin index: the mean over clusters of max_{j≠i} (s_i + s_j) / d(c_i, c_j), where s_i is the
 * mean distance of cluster i's rows to its centroid. Lower is better. O(n · d + k² · d).
 */
export function daviesBouldin(x: Matrix, labels: Int32Array, k: number): number {
  const d = x.cols,
    X = x.data;
  const { means, sizes } = clusterMeans(x, labels, k);
  const scatter = new Float64Array(k);
  for (let i = 0; i < x.rows; i++) {
    const c = labels[i]!;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const diff = X[i * d + t]! - means[c * d + t]!;
      s += diff * diff;
    }
    scatter[c]! += Math.sqrt(s);
  }
  for (let c = 0; c < k; c++) if (sizes[c]! > 0) scatter[c]! /= sizes[c]!;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = 0;
    for (let b = 0; b < k; b++) {
      if (a === b) continue;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = means[a * d + t]! - means[b * d + t]!;
        s += diff * diff;
      }
      const sep = Math.sqrt(s);
      const r = sep === 0 ? 0 : (scatter[a]! + scatter[b]!) / sep;
      if (r > worst) worst = r;
    }
    total += worst;
  }
  return total / k;
}
