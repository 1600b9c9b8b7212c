import type { Matrix } from '../util/matrix.js';

/** Per-cluster means (k × d, row-major) and sizes of the labelled rows. O(n · d). */
export function clusterMeans(x: Matrix, labels: Int32Array, k: number): { means: Float64Array; sizes: Float64Array } {
  const d = x.cols,
    means = new Float64Array(k * d),
    sizes = new Float64Array(k);
  for (let i = 0; i < x.rows; i++) {
    const c = labels[i]!;
    sizes[c]!++;
    for (let t = 0; t < d; t++) means[c * d + t]! += x.data[i * d + t]!;
  }
  for (let c = 0; c < k; c++) if (sizes[c]! > 0) for (let t = 0; t < d; t++) means[c * d + t]! /= sizes[c]!;
  return { means, sizes };
}
