import { checkOption, CLUSTER_METHODS, OPTION_DEFAULTS, type ClusterMethodName } from '../../options/segmentOptions.js';
import type { Pipeline } from '../../preprocess/pipeline.js';
import type { Matrix } from '../../util/matrix.js';
import { BISECTING_METHOD } from './bisectingMethod.js';
import type { ClusterMethod, MethodOptions, MethodPlan } from './clusterMethod.js';
import { GMM_METHOD } from './gmmMethod.js';
import { HIERARCHICAL_METHOD } from './hierarchicalMethod.js';
import { KMEANS_METHOD } from './kmeansMethod.js';
import { KPROTOTYPES_METHOD } from './kprototypesMethod.js';

/** Clustering methods. */
export type { ClusterMethodName };
export { CLUSTER_METHODS };
export type { MethodOptions, MethodPlan };

/**
 * Every method by its name: a name in CLUSTER_METHODS without its entry here (or an entry of the wrong name)
 * does not compile. See docs/architecture.md, "How to add a clustering method".
 */
const METHODS: { readonly [M in ClusterMethodName]: ClusterMethod<M> } = {
  kmeans: KMEANS_METHOD,
  hierarchical: HIERARCHICAL_METHOD,
  gmm: GMM_METHOD,
  kprototypes: KPROTOTYPES_METHOD,
  bisecting: BISECTING_METHOD,
};

/**
 * Prepares the method of `options` for the k sweep on the preprocessed matrix (see each method's file).
 * Refuses an unknown method with the option's one line.
 */
export function planMethod(x: Matrix, pipeline: Pipeline, options: MethodOptions): MethodPlan {
  const method = options.method ?? OPTION_DEFAULTS.method;
  checkOption('method', method);
  return METHODS[method].plan(x, pipeline, options);
}
