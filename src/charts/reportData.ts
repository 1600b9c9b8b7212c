import type { BaselineComparison } from '../baseline/alignToBaseline.js';
import type { KCandidate, KStructure } from '../select/chooseK.js';
import type { SegmentStability } from '../stability/bootstrapJaccard.js';
import type { Distinction } from '../explain/nameSegments.js';
import type { LevelContrast, NumericContrast, SegmentStats } from '../explain/profileSegments.js';
import type { RoleDecision } from '../preprocess/columnRoles.js';
import type { UnusualSummary } from '../explain/unusualCustomers.js';
import type { SplitTreeNode } from '../explain/splitTree.js';
import type { WithinSegment } from '../baseline/withinSegment.js';
/** One customer drawn in scatter-type charts (a seeded stratified sample on large data). */
export interface PlotPoint {
  readonly key: string;
  /** Segment label "1 · Name". */
  readonly segment: string;
  readonly pc1: number;
  readonly pc2: number;
  readonly pc3: number;
  /** Original values of numeric features by safe field name f0, f1, … (see ReportData.fields). */
  readonly [field: string]: string | number;
}

/** A numeric feature's histogram over all rows: overall and per segment. */
export interface NumericDistribution {
  readonly kind: 'number';
  readonly feature: string;
  readonly bins: ReadonlyArray<{ x0: number; x1: number; segment: string; count: number }>;
}

/** A categorical feature's level counts per segment over all rows. */
export interface CategoryDistribution {
  readonly kind: 'category';
  readonly feature: string;
  readonly counts: ReadonlyArray<{ level: string; segment: string; count: number }>;
}

import type { SuggestedAction } from '../explain/suggestAction.js';
export type { SuggestedAction };

/** One segment as the report shows it. */
export interface ReportSegment {
  readonly id: number;
  readonly name: string;
  readonly label: string;
  readonly color: string;
  readonly size: number;
  readonly share: number;
  readonly description: string;
  readonly distinguishing: readonly Distinction[];
  readonly numeric: readonly NumericContrast[];
  readonly levels: readonly LevelContrast[];
  /** The columns that were not features, profiled the same way. */
  readonly context: SegmentStats['context'];
  /** Those columns in a few words for the card (`contextProfile`): "Gender: 58% Male (44% overall)"; '' when none. */
  readonly contextProfile: string;
  readonly suggestion: SuggestedAction;
  /** Bootstrap stability (k-means runs), in words for the cards. */
  readonly stability?: SegmentStability;
  /** Who is in the segment as conditions on the data (in-memory runs), with precision and recall. */
  readonly rule?: { readonly text: string; readonly precision: number; readonly recall: number };
}

/** Everything the charts and the report need, computed once from a finished run. */
export interface ReportData {
  readonly title: string;
  readonly rows: number;
  /** Set when only a seeded sample of the rows left a database: the charts and profiles are drawn from it. */
  readonly sampledRows?: number;
  readonly keyColumn: string | null;
  readonly features: readonly string[];
  /** Sentences about how the data were read and used: no header row, columns described but not clustered on. */
  readonly dataNotes: readonly string[];
  readonly k: number;
  readonly reason: string;
  /** What to look at twice about the chosen k (summary.json's k.warnings). */
  readonly kWarnings: ReadonlyArray<{ readonly code: string; readonly message: string }>;
  /** The ranked alternatives to the chosen k (summary.json's k.shortlist) and the number of criteria that voted. */
  readonly shortlist: readonly KCandidate[];
  readonly criteria: number;
  /** The one other k recommended (summary.json's k.alternative), or null. */
  readonly alternative: number | null;
  /** "none" when no k reproduces: the data hold no clear groups. */
  readonly structure: KStructure;
  /** A run with --baseline: what changed since it. */
  readonly baseline?: BaselineComparison;
  readonly rule: string;
  /** Runs with --min-size/--max-size: the limits and what they cost, in one sentence. */
  readonly sizeLimits?: string;
  readonly seed: number;
  readonly version: string;
  readonly commandLine: string;
  readonly preprocessing: {
    readonly scaling: string;
    readonly imputed: ReadonlyArray<{ column: string; count: number; value: string | number }>;
    readonly encoded: ReadonlyArray<{ column: string; levels: readonly string[]; groupedAsOther: readonly string[] }>;
    readonly logged: readonly string[];
    readonly dropped: ReadonlyArray<{ column: string; reason: string }>;
    readonly clipped?: ReadonlyArray<{ column: string; low: number; high: number; count: number }>;
  };
  /** Every column's role and whether it was a feature (summary.json's columns; absent in runs before 0.15). */
  readonly columns: ReadonlyArray<RoleDecision & { readonly feature: boolean }>;
  /** Impossible values and outliers of the profiled columns, one line each (see `unusualValueLines`). */
  readonly unusualValues: readonly string[];
  /** The customers flagged unusual and the most unusual with why (in-memory runs). */
  readonly unusual?: UnusualSummary;
  readonly perK: ReadonlyArray<{
    k: number;
    inertia: number;
    silhouette: number;
    calinskiHarabasz: number;
    daviesBouldin: number;
    gap: number;
    gapSe: number;
    /** Runs made before it was kept have none. */
    predictionStrength?: number;
  }>;
  readonly elbow: number | null;
  readonly segments: readonly ReportSegment[];
  /** Safe field names (f0, f1, …) of the (up to 8 most separating) numeric features carried by the points, with their titles. */
  readonly fields: ReadonlyArray<{ field: string; title: string; column?: string }>;
  readonly points: readonly PlotPoint[];
  /** Rows drawn in point charts, and whether that is a sample of all rows. */
  readonly pointsSampled: boolean;
  readonly scatter: {
    readonly x: { field: string; title: string };
    readonly y: { field: string; title: string };
    readonly centroids: ReadonlyArray<{ segment: string; x: number; y: number }>;
    /** On principal components: each preprocessed input's loading on PC1 (x) and PC2 (y), for a biplot. */
    readonly loadings?: ReadonlyArray<{ input: string; x: number; y: number }>;
  };
  readonly pcaRatios: readonly number[];
  readonly pairFields: readonly string[];
  readonly silhouette: {
    readonly bars: ReadonlyArray<{ segment: string; position: number; value: number }>;
    readonly mean: number;
    readonly rows: number;
    readonly sampled: boolean;
  };
  readonly distributions: ReadonlyArray<NumericDistribution | CategoryDistribution>;
  readonly correlation: { readonly columns: readonly string[]; readonly cells: ReadonlyArray<{ a: string; b: string; r: number | null }> };
  /** Hierarchical clustering only: the last merges of the linkage (scipy's format, ids relative to all rows). */
  readonly dendrogram?: ReadonlyArray<DendrogramMerge>;
  /** `run --within`: the segment of a previous model these customers come from. */
  readonly within?: WithinSegment;
  /** Bisecting k-means: the tree of splits, named at every level. */
  readonly splitTree?: readonly SplitTreeNode[];
}

/** A merge at the top of a hierarchical clustering's tree; labelA/labelB: the 0-based segment of a customer in each child (absent in older runs). */
export interface DendrogramMerge {
  readonly a: number;
  readonly b: number;
  readonly height: number;
  readonly size: number;
  readonly sizeA?: number;
  readonly sizeB?: number;
  readonly labelA?: number;
  readonly labelB?: number;
}
