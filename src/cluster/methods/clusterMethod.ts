import type { ClusterMethodName } from '../../options/segmentOptions.js';
import type { Pipeline } from '../../preprocess/pipeline.js';
import type { Matrix } from '../../util/matrix.js';
import type { BisectingModel, BisectingStrategy, BisectingTree } from '../bisectingKMeans.js';
import type { ClusterFit } from '../clusterFit.js';
import type { CovarianceType, GmmParameters } from '../gmm.js';
import type { LinkageMethod, Merge } from '../hierarchical/linkageTypes.js';
import type { KMeansOptions } from '../kmeans.js';
import type { MixedLayout } from '../mixedFromMatrix.js';

/** Method options (each used by its method only). */
export interface MethodOptions extends Omit<KMeansOptions, 'k' | 'init' | 'weights'> {
  readonly method?: ClusterMethodName;
  /** Hierarchical: "ward" (default), "complete", "average" or "single". */
  readonly linkage?: LinkageMethod;
  /** Gaussian mixture: "full" (default) or "diag". */
  readonly covariance?: CovarianceType;
  /** Bisecting k-means: split the segment with the biggest inertia (default) or the largest one. */
  readonly bisectingStrategy?: BisectingStrategy;
  /** k-prototypes: weight of a categorical mismatch (default: Huang's heuristic). */
  readonly gamma?: number;
}

/**
 * A vote for a k that a method adds to the six criteria (hierarchical: the largest gap in merge height); a new
 * kind of vote is named here and worded where the criteria are (select/chooseK.ts).
 */
export interface MethodVote {
  readonly criterion: 'merge-heights';
  readonly k: number;
}

/** A merge near the top of a linkage, with its children's sizes and a segment (0-based label) in each. */
export type DendrogramMerge = Merge & { sizeA: number; sizeB: number; labelA: number; labelB: number };

/** What summary.json tells about the method, tagged by method. */
export type MethodInfo =
  | { readonly method: 'kmeans' }
  | { readonly method: 'hierarchical'; readonly linkage: LinkageMethod; readonly dendrogram?: DendrogramMerge[] }
  | { readonly method: 'gmm'; readonly covariance: CovarianceType }
  | { readonly method: 'kprototypes'; readonly gamma: number | undefined; readonly gammaRule: string }
  | { readonly method: 'bisecting'; readonly strategy: BisectingStrategy };

/** What model.json keeps of a method beyond the centres, in segment order. */
export interface MethodParameters {
  readonly gmm?: GmmParameters;
  readonly kprototypes?: {
    readonly gamma: number;
    readonly layout: MixedLayout;
    readonly numeric: ReadonlyArray<readonly number[]>;
    readonly categorical: ReadonlyArray<readonly number[]>;
  };
  readonly bisecting?: BisectingModel;
}

/**
 * One method prepared on one preprocessed matrix: how it clusters at each k, what it adds to the choice of k,
 * what the model keeps of the chosen fit and what summary.json says about it.
 */
export interface MethodPlan {
  readonly method: ClusterMethodName;
  /** Clusters at one k; absent for k-means, which the k sweep runs itself (possibly on a sample). */
  readonly fitK?: (k: number) => ClusterFit;
  /** Whether k is chosen by the Bayesian information criterion (mixtures) instead of the six criteria. */
  readonly byBic: boolean;
  /** The method's own votes for k among the swept `ks`. */
  votes(ks: readonly number[]): MethodVote[];
  /** The chosen fit's parameters for model.json, segment j being the fit's cluster `order[j]`. */
  parameters(fit: ClusterFit, order: readonly number[]): MethodParameters;
  /** Per-customer membership probabilities (n × k, row-major) in segment order, for methods that have them. */
  probabilities(fit: ClusterFit, order: readonly number[]): Float64Array | undefined;
  /** What summary.json says about the method, given the final labels (0-based, segment order). */
  info(labels: Int32Array): MethodInfo;
  /** Bisecting k-means: the tree of splits grown so far (the sweep's largest k), to name each split. */
  readonly bisecting?: () => BisectingTree;
  /** Brings the plan where a sweep up to `kMax` would leave it, when an earlier sweep is reused (bisecting: grows its tree). */
  readonly resume?: (kMax: number) => void;
}

/** A clustering method: prepares itself on a preprocessed matrix (a linkage built once, a layout found…). */
export interface ClusterMethod<M extends ClusterMethodName = ClusterMethodName> {
  readonly name: M;
  plan(x: Matrix, pipeline: Pipeline, options: MethodOptions): MethodPlan;
}

/** The defaults of a plan that adds no vote, keeps only centres and has no probabilities. */
export const PLAIN_PLAN = {
  byBic: false,
  votes: (): MethodVote[] => [],
  parameters: (): MethodParameters => ({}),
  probabilities: (): undefined => undefined,
} as const;
