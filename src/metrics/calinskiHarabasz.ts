import { columnMeans, type Matrix } from '../util/matrix.js';
import { clusterMeans } from './clusterMeans.js';

/**
 * Calinski–Harabasz index (variance ratio criterion): [B / (k − 1)] / [W / (n − k)] with B and W the
 * between- and within-cluster sums of squares. Higher is better. One pass over the data: O(n · d).
 */
export function calinskiHarabasz(x: Matrix, labels: Int32Array, k: number): number {
  const n = x.rows,
    d = x.cols,
    X = x.data;
  const { means, sizes } = clusterMeans(x, labels, k);
  const overall = columnMeans(x);
  let between = 0,
    within = 0;
  for (let c = 0; c < k; c++) {
    for (let t = 0; t < d; t++) {
      const diff = means[c * d + t]! - overall[t]!;
      between += sizes[c]! * diff * diff;
    }
  }
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    for (let t = 0; t < d; t++) {
      const diff = X[i * d + t]! - means[c * d + t]!;
      within += diff * diff;
    }
  }
  return within === 0 ? 1 : (between * (n - k)) / (within * (k - 1));
}
