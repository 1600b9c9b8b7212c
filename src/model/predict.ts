import { assignNearest } from '../cluster/assignNearest.js';
import type { Table } from '../data/table.js';
import { transformTable } from '../preprocess/pipeline.js';
import { gmmPosteriors } from '../cluster/gmm.js';
import { descendTree } from '../cluster/bisectingKMeans.js';
import { mixedDistance } from '../cluster/kprototypes.js';
import { mixedFromMatrix } from '../cluster/mixedFromMatrix.js';
import { fromRows, type Matrix } from '../util/matrix.js';
import type { SegmentaModel } from './model.js';

/** Segments assigned to new customers. */
export interface Prediction {
  /** Gaussian mixtures: membership probabilities, n × k row-major, in segment order. */
  readonly probabilities?: Float64Array;
  /** 0-based segment index per row (segment id − 1). */
  readonly labels: Int32Array;
  /** Euclidean distance of each row to its segment's centre, in the scaled space. */
  readonly distances: Float64Array;
  /** The transformed rows. */
  readonly matrix: Matrix;
}

/**
 * Assigns each row of a table to a model's segments after replaying its preprocessing (refusing missing
 * or mistyped columns by name): k-means and hierarchical models by the nearest segment centre, bisecting
 * k-means by descending its tree of splits (the nearer child centre at each split), Gaussian
 * mixtures by the most probable component, k-prototypes by the nearest prototype under its mixed distance.
 * Distances are Euclidean to the segment centre in the scaled space. O(n · k · d) (d² for mixtures).
 */
export function predict(model: SegmentaModel, table: Table): Prediction {
  const matrix = transformTable(model.pipeline, table);
  const centers = fromRows(model.centroids);
  let labels: Int32Array, probabilities: Float64Array | undefined;
  if (model.method === 'gmm' && model.gmm) ({ labels, probabilities } = gmmPosteriors(matrix, model.gmm));
  else if (model.method === 'kprototypes' && model.kprototypes) {
    const kp = model.kprototypes;
    const data = mixedFromMatrix(matrix, kp.layout);
    labels = Int32Array.from({ length: matrix.rows }, (_, i) => {
      let best = 0,
        bestD = Infinity;
      kp.numeric.forEach((num, j) => {
        const d = mixedDistance(data, i, num, kp.categorical[j]!, kp.gamma);
        if (d < bestD) ((bestD = d), (best = j));
      });
      return best;
    });
  } else if (model.method === 'bisecting' && model.bisecting) labels = descendTree(matrix, model.bisecting);
  else labels = assignNearest(matrix, centers).labels;
  return { labels, distances: distancesToOwnCentre(matrix, centers, labels), matrix, ...(probabilities ? { probabilities } : {}) };
}

/** Euclidean distance of each row to the centre of its own segment. O(n · d). */
export function distancesToOwnCentre(x: Matrix, centers: Matrix, labels: Int32Array): Float64Array {
  const d = x.cols;
  const distances = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += (x.data[i * d + t]! - centers.data[labels[i]! * d + t]!) ** 2;
    distances[i] = Math.sqrt(s);
  }
  return distances;
}
