import { assignNearest } from '../cluster/assignNearest.js';
import type { Table } from '../data/table.js';
import { transformTable } from '../preprocess/pipeline.js';
import { fromRows, type Matrix } from '../util/matrix.js';
import type { SegmentaModel } from './model.js';

/** Segments assigned to new customers. */
export interface Prediction {
  /** 0-based segment index per row (segment id − 1). */
  readonly labels: Int32Array;
  /** Euclidean distance of each row to its segment's centre, in the scaled space. */
  readonly distances: Float64Array;
  /** The transformed rows. */
  readonly matrix: Matrix;
}

/**
 * Assigns each row of a table to the nearest segment centre of a model, after replaying the model's
 * preprocessing (refusing missing or mistyped columns by name). O(n · k · d).
 */
export function predict(model: SegmentaModel, table: Table): Prediction {
  const matrix = transformTable(model.pipeline, table);
  const { labels, distances } = assignNearest(matrix, fromRows(model.centroids));
  return { labels, distances: distances.map(Math.sqrt), matrix };
}
