/** One entry of labels.json: a label, or a label with unit, direction and level names. */
export type LabelSpec =
  string | { readonly label?: string; readonly unit?: string; readonly better?: 'higher' | 'lower'; readonly levels?: Readonly<Record<string, string>> };

/** labels.json: column name → LabelSpec. */
export type LabelMap = Readonly<Record<string, LabelSpec>>;

/** A segment size limit as given: a number of customers, or a share of them written "15%". */
export type SizeLimit = number | `${number}%`;

/** Ways to scale the preprocessed columns. */
export const SCALING_KINDS = ['standard', 'robust', 'minmax', 'none'] as const;
/** Clustering methods. */
export const CLUSTER_METHODS = ['kmeans', 'hierarchical', 'gmm', 'kprototypes', 'bisecting'] as const;
/** A clustering method's name. */
export type ClusterMethodName = (typeof CLUSTER_METHODS)[number];
/** Which segment bisecting k-means splits next (scikit-learn's `bisecting_strategy`). */
export const BISECTING_STRATEGIES = ['biggest_inertia', 'largest_cluster'] as const;
/** Linkages of hierarchical clustering. */
export const LINKAGE_METHODS = ['ward', 'complete', 'average', 'single'] as const;
/** Covariance shapes of Gaussian mixtures. */
export const COVARIANCE_TYPES = ['full', 'diag'] as const;
/** k-means algorithms ("auto" picks per data shape). */
export const KMEANS_ALGORITHMS = ['auto', 'lloyd', 'hamerly', 'elkan'] as const;
/** How missing numbers are filled. */
export const IMPUTE_KINDS = ['median', 'mean'] as const;
/** Whether outliers are clipped before scaling. */
export const CLIP_KINDS = ['none', 'auto'] as const;
/** Where categorical and flag columns the user did not name go: described beside the segments, or into the distance. */
export const CATEGORY_USES = ['context', 'features'] as const;

/** The options that have a default, with their types. */
export interface OptionDefaults {
  readonly method: (typeof CLUSTER_METHODS)[number];
  readonly linkage: (typeof LINKAGE_METHODS)[number];
  readonly covariance: (typeof COVARIANCE_TYPES)[number];
  readonly bisectingStrategy: (typeof BISECTING_STRATEGIES)[number];
  readonly k: number | 'auto';
  readonly kMin: number;
  readonly kMax: number;
  readonly scale: (typeof SCALING_KINDS)[number];
  readonly log: 'none' | 'auto' | readonly string[];
  readonly impute: (typeof IMPUTE_KINDS)[number];
  readonly clip: (typeof CLIP_KINDS)[number];
  /** Categorical and flag columns not named by the user: `context` (described, not clustered on) or `features`; k-prototypes always uses them. */
  readonly categories: (typeof CATEGORY_USES)[number];
  readonly seed: number;
  readonly nInit: number | 'auto';
  readonly maxIter: number;
  readonly tol: number;
  readonly algorithm: (typeof KMEANS_ALGORITHMS)[number];
  readonly sweepSampleSize: number;
  readonly rareLevelShare: number;
  readonly maxLevels: number;
  readonly balanceCategories: boolean;
  readonly silhouetteSampleSize: number;
  readonly gapReferences: number;
  readonly gapSampleSize: number;
  readonly strengthSplits: number;
  /** Depth of each segment's rule tree (levels of conditions). */
  readonly rulesDepth: number;
  /** Share of customers flagged unusual: the farthest from their segment's centre, relative to its typical member. */
  readonly contamination: number;
}

/** The options `OPTION_SPECS` declares, as the library takes them (all optional). */
export type DeclaredOptions = Partial<OptionDefaults> & {
  readonly gamma?: number;
  readonly stability?: number | 'off';
  /** Feature columns (default: every usable column but identifiers). */
  readonly features?: readonly string[];
  /** Columns to leave out. */
  readonly exclude?: readonly string[];
  /** Columns to treat as categories (codes), whatever the role rule says (see `columnRole`). */
  readonly categorical?: readonly string[];
  /** Number columns to treat as measurements, never as codes or flags. */
  readonly numeric?: readonly string[];
  /** Column labels, units and level names for names, descriptions, tables and charts (labels.json). */
  readonly labels?: LabelMap;
  /** The key column (default: detected). */
  readonly id?: string;
  readonly threads?: number;
  /** k-means only: every segment holds at least this many customers (a count, or a share "15%"). */
  readonly minSize?: SizeLimit;
  /** k-means only: every segment holds at most this many customers (a count, or a share "40%"). */
  readonly maxSize?: SizeLimit;
};

/** An option's name as the library knows it (`kMax`). */
export type OptionName = keyof DeclaredOptions;
