import { LINKAGE_METHODS } from '../../options/segmentOptions.js';
/** Agglomerative linkage criteria. */
export type LinkageMethod = (typeof LINKAGE_METHODS)[number];

/** Linkage methods in documentation order. */
export { LINKAGE_METHODS };

/**
 * A linkage matrix as scipy writes it: row i merges clusters `a` and `b` (ids < n are rows, id n + j is the
 * cluster made by row j) at `height`, into a cluster of `size` rows; rows are ordered by height.
 */
export interface Merge {
  readonly a: number;
  readonly b: number;
  readonly height: number;
  readonly size: number;
}
