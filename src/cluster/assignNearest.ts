import { nearest, squaredTo } from './rowPasses.js';
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
  for (let i = 0; i < x.rows; i++) nearest(x.data, centers.data, x.cols, centers.rows, i, labels, distances);
  return { labels, distances };
}

/** Weighted sum of squared distances of each row to its labelled centre (the k-means objective). O(n · d). */
export function inertiaOf(x: Matrix, centers: Matrix, labels: Int32Array, weights?: Float64Array): number {
  let total = 0;
  for (let i = 0; i < x.rows; i++) {
    const s = squaredTo(x.data, centers.data, x.cols, i, labels[i]!);
    total += weights ? weights[i]! * s : s;
  }
  return total;
}
