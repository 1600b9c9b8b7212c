import type { MethodInfo } from '../cluster/methods/clusterMethod.js';
import type { SizeLimitsMet } from '../explain/sizeLimitSentence.js';
import type { SplitTreeNode } from '../explain/splitTree.js';
import type { MethodOptions } from '../cluster/methods/planMethod.js';
import type { WithinSegment } from '../baseline/withinSegment.js';
import type { BaselineComparison } from '../baseline/alignToBaseline.js';
import type { Baseline } from '../baseline/loadBaseline.js';
import type { KeyChoice } from '../data/detectKey.js';
import type { Distinction } from '../explain/nameSegments.js';
import type { SuggestedAction } from '../explain/suggestAction.js';
import type { FeatureFamilies } from '../explain/featureFamilies.js';
import type { SegmentStats } from '../explain/profileSegments.js';
import type { SegmentaModel } from '../model/model.js';
import type { Pipeline, PipelineOptions, PreprocessReport } from '../preprocess/pipeline.js';
import type { RoleDecision } from '../preprocess/columnRoles.js';
import type { PcaResult } from '../reduce/pca.js';
import type { KChoice } from '../select/chooseK.js';
import type { KWarning } from '../select/kWarnings.js';
import type { KFigures, KSweep, SweepOptions } from '../select/sweepK.js';
import type { SegmentStability } from '../stability/bootstrapJaccard.js';
import type { DeclaredOptions } from '../options/segmentOptions.js';
import type { Matrix } from '../util/matrix.js';
import type { SegmentRules } from '../explain/segmentRules.js';
import type { UnusualSummary } from '../explain/unusualCustomers.js';

/**
 * What summary.json says about the method (tagged by `method`), with the size limits a k-means run met, the
 * named split tree of bisecting k-means, and where a database run ran.
 */
export type SegmentationMethod = MethodInfo & {
  readonly sizeLimits?: SizeLimitsMet;
  readonly tree?: SplitTreeNode[];
  readonly engine?: string;
  readonly init?: string;
  readonly start?: string;
};

/** Options of a segmentation; the CLI flags map one to one onto these. */
export interface SegmentOptions
  extends
    PipelineOptions,
    Omit<SweepOptions, 'onProgress' | 'weights' | 'fitK'>,
    Pick<MethodOptions, 'method' | 'linkage' | 'covariance' | 'gamma' | 'bisectingStrategy'>,
    Pick<
      DeclaredOptions,
      'features' | 'exclude' | 'categorical' | 'numeric' | 'categories' | 'labels' | 'id' | 'rulesDepth' | 'contamination' | 'minSize' | 'maxSize'
    > {
  /** Number of segments, or "auto" (default) to choose it from kMin..kMax by the documented vote. */
  readonly k?: number | 'auto';
  /** Called as work advances: stage name, steps done, steps in all. */
  readonly onProgress?: (stage: string, done: number, total: number) => void;
  /**
   * k-means on more rows than this chooses k on a seeded sample of this many rows, then refines the chosen
   * centres on every row (one Lloyd/Hamerly run). Default 200,000.
   */
  readonly sweepSampleSize?: number;
  /**
   * Segment stability (fpc's clusterwise Jaccard bootstrap): the number of bootstrap resamples, or "off".
   * Default 20 for k-means, off for the other methods. Above `sweepSampleSize` rows it runs on the sample.
   */
  readonly stability?: number | 'off';
  /**
   * A previous run (see `loadBaseline`): segments that continue a baseline segment keep its number and name,
   * new ones are numbered after the baseline's, and `Segmentation.baseline` says what changed.
   */
  readonly baseline?: Baseline;
}

/** One named segment. */
export interface Segment extends SegmentStats {
  /** 1-based segment number: 1 is the largest. */
  readonly id: number;
  readonly name: string;
  readonly description: string;
  /** The features that set it apart most, strongest first. */
  readonly distinguishing: readonly Distinction[];
  /** How stable the segment is under resampling (k-means runs; see `bootstrapJaccard`). */
  readonly stability?: SegmentStability;
  /** What to do with it: the first action rule its differences meet that does not contradict its name. */
  readonly suggestion: SuggestedAction;
}

/** Everything a segmentation produced. */
export interface Segmentation {
  readonly rows: number;
  readonly key: KeyChoice;
  /** Each row's key text (the key column's value, or its 1-based row number). */
  readonly keys: readonly string[];
  readonly preprocessing: PreprocessReport & {
    readonly dropped: ReadonlyArray<{ column: string; reason: string }>;
    /** Usable columns described beside the segments, not clustered on (categories, flags, class labels), with why. */
    readonly context: ReadonlyArray<{ column: string; reason: string }>;
  };
  /** Every column but the key and identifiers: its role (number, flag, code, category, date), why, and whether it was a feature. */
  readonly columns: ReadonlyArray<RoleDecision & { readonly feature: boolean }>;
  readonly pipeline: Pipeline;
  /** The preprocessed (scaled) feature matrix. */
  readonly matrix: Matrix;
  /** Families of strongly correlated features: a segment's name uses one feature of each at most. */
  readonly families: FeatureFamilies;
  readonly sweep: readonly KFigures[];
  /**
   * The whole k sweep behind `sweep` (every k's fit on the sweep's rows): pass it back to `segment` as
   * `reuse.sweep` to segment the same data and setup at another k without sweeping again.
   */
  readonly kSweep: KSweep;
  readonly choice: KChoice;
  /** What to look at twice about the chosen k (split vote, edge of the range, tiny segment, size-only split). */
  readonly kWarnings: readonly KWarning[];
  readonly silhouetteRows: number;
  readonly gapRows: number;
  /** Rows the k sweep ran on (all rows, or a seeded sample on large data; the final segments use all rows). */
  readonly sweepRows: number;
  readonly k: number;
  /** 0-based segment index per row (segment id − 1). */
  readonly labels: Int32Array;
  /** Euclidean distance of each row to its segment centre (scaled space). */
  readonly distances: Float64Array;
  /** Gaussian mixtures: membership probabilities, n × k row-major, in segment order. */
  readonly probabilities?: Float64Array;
  /** The method and its settings (linkage, covariance, γ) and, for hierarchical clustering, the last merges. */
  readonly method: SegmentationMethod;
  readonly centroids: Matrix;
  readonly inertia: number;
  readonly segments: readonly Segment[];
  readonly pca: PcaResult;
  readonly model: SegmentaModel;
  readonly warnings: readonly string[];
  /** How segment stability was measured: resamples and the rows resampled (all rows, or the sweep's sample). */
  readonly stability?: { readonly bootstraps: number; readonly rows: number };
  /** With a baseline: segments kept, new and vanished, and the migration of the customers both runs share. */
  readonly baseline?: BaselineComparison;
  /** Readable rules per segment: shallow trees on the features in their own units (database runs: on the sample). */
  readonly rules?: SegmentRules;
  /** The customers flagged unusual (beyond the contamination share) and the most unusual with why (in-memory runs). */
  readonly unusual?: UnusualSummary;
  /** `run --within`: the segment of a previous model whose customers these are. */
  readonly within?: WithinSegment;
}
