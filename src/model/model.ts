import type { GmmParameters } from '../cluster/gmm.js';
import type { LinkageMethod } from '../cluster/hierarchical/linkageTypes.js';
import type { MethodParameters } from '../cluster/methods/clusterMethod.js';
import type { ClusterMethodName } from '../options/segmentOptions.js';
import type { BisectingModel } from '../cluster/bisectingKMeans.js';
import type { SegmentRules } from '../explain/segmentRules.js';
import type { UnusualRule } from '../stats/distancePercentile.js';
import type { Pipeline } from '../preprocess/pipeline.js';

/** The model file (model.json): everything needed to assign new customers, and where it came from. */
export interface SegmentaModel {
  readonly format: 'segmenta-model';
  readonly formatVersion: 1;
  readonly segmentaVersion: string;
  /** How the segments were found; `predict` follows it (see docs/how-it-works.md, "Methods"). */
  readonly method: ClusterMethodName;
  /** Hierarchical: the linkage used (prediction is by the nearest segment centre). */
  readonly linkage?: LinkageMethod;
  /** Gaussian mixture: the components, in segment order (prediction by the most probable component). */
  readonly gmm?: GmmParameters;
  /** k-prototypes: γ, the matrix layout and the prototypes, in segment order (prediction by the nearest prototype). */
  readonly kprototypes?: MethodParameters['kprototypes'];
  /** Bisecting k-means: the tree of splits (`BisectingModel`). */
  readonly bisecting?: BisectingModel;
  /** The key column of the training data (null: row numbers). */
  readonly key: string | null;
  /** Input columns the model reads. */
  readonly features: readonly string[];
  readonly pipeline: Pipeline;
  /**
   * Per segment, the percentiles 0–100 of the training customers' distances to its centre (see
   * `distancePercentiles`): predict's distance_percentile and unusual flag. Absent in models before 0.15.
   */
  readonly distancePercentiles?: readonly (readonly number[])[];
  /** How predict flags unusual customers (models from 0.22; older ones: beyond the segment's 99th percentile). */
  readonly unusual?: UnusualRule;
  /** Readable rules per segment (in-memory runs from 0.22): `export-sql --rules` writes them as SQL. */
  readonly rules?: SegmentRules;
  /** Segment centres in the transformed (scaled) space, in segment order (segment 1 first). */
  readonly centroids: readonly (readonly number[])[];
  readonly segments: ReadonlyArray<{ id: number; name: string; size: number; share: number }>;
  readonly seed: number;
  readonly options: Readonly<Record<string, unknown>>;
  readonly training: { readonly rows: number; readonly fingerprint: string };
}
