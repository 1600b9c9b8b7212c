import type { Matrix } from '../util/matrix.js';

/**
 * Renumbers clusters so that cluster 0 is the largest (ties: lexicographically smaller centre first), making
 * segment numbers meaningful and independent of the random stream. Returns new labels and centres, and
 * `order` (new cluster j was old cluster order[j]). The labels array is renumbered in place. O(n + k log k · d).
 */
export function renumberBySize(labels: Int32Array, centers: Matrix): { labels: Int32Array; centers: Matrix; order: number[] } {
  const k = centers.rows;
  const sizes = new Float64Array(k);
  for (const l of labels) sizes[l]!++;
  return permuteClusters(labels, centers, orderBySize(sizes, centers).order);
}

/**
 * Reorders clusters so that new cluster j is old cluster order[j]: relabels in place (the caller's labels are
 * not used again, and large runs save a copy) and permutes the centres. O(n + k · d).
 */
export function permuteClusters(labels: Int32Array, centers: Matrix, order: readonly number[]): { labels: Int32Array; centers: Matrix; order: number[] } {
  const k = centers.rows,
    d = centers.cols;
  const newIndex = new Int32Array(k);
  order.forEach((old, j) => (newIndex[old] = j));
  for (let i = 0; i < labels.length; i++) labels[i] = newIndex[labels[i]!]!;
  const data = new Float64Array(k * d);
  order.forEach((old, j) => data.set(centers.data.subarray(old * d, old * d + d), j * d));
  return { labels, centers: { rows: k, cols: d, data }, order: [...order] };
}

/**
 * The order of clusters by size, largest first (ties: lexicographically smaller centre first), and the
 * centres in that order: new cluster j is old cluster order[j]. O(k log k · d).
 */
export function orderBySize(sizes: ArrayLike<number>, centers: Matrix): { centers: Matrix; order: number[] } {
  const k = centers.rows,
    d = centers.cols;
  const order = Array.from({ length: k }, (_, j) => j).sort((a, b) => {
    if (sizes[b] !== sizes[a]) return sizes[b]! - sizes[a]!;
    for (let t = 0; t < d; t++) {
      const diff = centers.data[a * d + t]! - centers.data[b * d + t]!;
      if (diff !== 0) return diff;
    }
    return a - b;
  });
  const data = new Float64Array(k * d);
  order.forEach((old, j) => data.set(centers.data.subarray(old * d, old * d + d), j * d));
  return { centers: { rows: k, cols: d, data }, order };
}
