import type { Pipeline } from '../preprocess/pipeline.js';

/** The model file (model.json): everything needed to assign new customers, and where it came from. */
export interface SegmentaModel {
  readonly format: 'segmenta-model';
  readonly formatVersion: 1;
  readonly segmentaVersion: string;
  readonly method: 'kmeans';
  /** The key column of the training data (null: row numbers). */
  readonly key: string | null;
  /** Input columns the model reads. */
  readonly features: readonly string[];
  readonly pipeline: Pipeline;
  /** Segment centres in the transformed (scaled) space, in segment order (segment 1 first). */
  readonly centroids: readonly (readonly number[])[];
  readonly segments: ReadonlyArray<{ id: number; name: string; size: number; share: number }>;
  readonly seed: number;
  readonly options: Readonly<Record<string, unknown>>;
  readonly training: { readonly rows: number; readonly fingerprint: string };
}
