import { clusterMeans } from '../metrics/clusterMeans.js';
import { checkOption, CLUSTER_METHODS, OPTION_DEFAULTS, type ClusterMethodName } from '../options/segmentOptions.js';
import type { Pipeline } from '../preprocess/pipeline.js';
import type { ClusterFit, MethodFit } from './clusterFit.js';
import { UsageError } from '../util/errors.js';
import type { Matrix } from '../util/matrix.js';
import { inertiaOf } from './assignNearest.js';
import { gmm, type CovarianceType, type GmmFit } from './gmm.js';
import { bisectingTree, cutBisecting, type BisectingOptions, type BisectingStrategy, type BisectingTree } from './bisectingKMeans.js';
import { cutTree } from './hierarchical/cutTree.js';
import { linkage } from './hierarchical/linkage.js';
import { type LinkageMethod, type Merge } from './hierarchical/linkageTypes.js';
import type { KMeansOptions } from './kmeans.js';
import { kprototypes, type KPrototypesFit } from './kprototypes.js';
import { mixedFromMatrix, mixedLayout, type MixedLayout } from './mixedFromMatrix.js';

/** Clustering methods. */
export type { ClusterMethodName };
export { CLUSTER_METHODS };

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

/** How a method clusters at each k, and what it adds to the choice of k and to the model. */
export interface MethodPlan {
  readonly method: ClusterMethodName;
  /** Clusters at one k; absent for k-means, which the k sweep runs itself (possibly on a sample). */
  readonly fitK?: (k: number) => ClusterFit;
  /** Hierarchical: the linkage matrix (for the dendrogram and the height vote). */
  readonly merges?: readonly Merge[];
  /** k-prototypes: where numbers and categories sit in the preprocessed matrix. */
  readonly layout?: MixedLayout;
  /** Bisecting k-means: the tree of splits grown so far (the sweep's largest k). */
  readonly bisecting?: () => BisectingTree;
  /** What to tell about the method in summary.json. */
  readonly info: Record<string, unknown>;
}

function meansFit(x: Matrix, labels: Int32Array, k: number, details?: MethodFit, extra: Partial<ClusterFit> = {}): ClusterFit {
  const { means } = clusterMeans(x, labels, k);
  const centers: Matrix = { rows: k, cols: x.cols, data: means };
  return { labels, centers, inertia: inertiaOf(x, centers, labels), iterations: 0, converged: true, warnings: [], details, ...extra };
}

/**
 * Prepares a method for the k sweep: k-means needs nothing (the sweep runs it); hierarchical builds the tree once and cuts it at
 * each k (centres = segment means); a Gaussian mixture per k from k-means labels (labels = most probable
 * component, BIC kept); k-prototypes on the scaled numbers and category codes of the same preprocessing.
 */
export function planMethod(x: Matrix, pipeline: Pipeline, options: MethodOptions): MethodPlan {
  const method = options.method ?? OPTION_DEFAULTS.method;
  const seed = options.seed ?? OPTION_DEFAULTS.seed;
  switch (method) {
    case 'kmeans':
      return { method, info: { method } };
    case 'hierarchical': {
      const how = options.linkage ?? OPTION_DEFAULTS.linkage;
      checkOption('linkage', how);
      const merges = linkage(x, how);
      return { method, merges, fitK: (k) => meansFit(x, cutTree(merges, k), k), info: { method, linkage: how } };
    }
    case 'gmm': {
      const covariance = options.covariance ?? OPTION_DEFAULTS.covariance;
      return {
        method,
        fitK: (k) => {
          const fit: GmmFit = gmm(x, { k, covariance, seed });
          const warnings = fit.converged ? [] : [`the mixture with k = ${k} did not converge in ${fit.iterations} EM iterations`];
          return { ...meansFit(x, fit.labels, k, { method: 'gmm', fit }, { bic: fit.bic }), iterations: fit.iterations, converged: fit.converged, warnings };
        },
        info: { method, covariance },
      };
    }
    case 'kprototypes': {
      const layout = mixedLayout(pipeline);
      const data = mixedFromMatrix(x, layout);
      let gamma = options.gamma;
      return {
        method,
        layout,
        fitK: (k) => {
          const fit: KPrototypesFit = kprototypes(data, { k, gamma, seed, nInit: options.nInit === 'auto' ? undefined : options.nInit });
          gamma = fit.gamma;
          return { ...meansFit(x, fit.labels, k, { method: 'kprototypes', fit, layout }), iterations: fit.iterations, converged: fit.converged };
        },
        get info() {
          return {
            method,
            gamma,
            gammaRule: options.gamma === undefined ? "Huang's heuristic: half the mean standard deviation of the numeric features" : 'given',
          };
        },
      };
    }
    case 'bisecting': {
      const strategy = options.bisectingStrategy ?? OPTION_DEFAULTS.bisectingStrategy;
      const bisecting: BisectingOptions = { strategy, seed, nInit: options.nInit, maxIter: options.maxIter, tol: options.tol };
      let tree: BisectingTree | undefined;
      return {
        method,
        fitK: (k) => {
          if (!tree || tree.splits.length < k - 1) tree = bisectingTree(x, k - 1, bisecting, tree);
          return cutBisecting(x, tree, k);
        },
        bisecting: () => tree!,
        info: { method, strategy },
      };
    }
    default:
      checkOption('method', method);
      throw new UsageError(`invalid method: ${String(method)}`);
  }
}

/** Hierarchical: the k whose cut leaves the largest gap in merge height before the next merge. O(|ks|). */
export function largestHeightGap(merges: readonly Merge[], ks: readonly number[]): number {
  const n = merges.length + 1;
  const gap = (k: number): number => merges[n - k]!.height - (n - k - 1 >= 0 ? merges[n - k - 1]!.height : 0);
  return ks.reduce((best, k) => (gap(k) > gap(best) ? k : best), ks[0]!);
}
