import type { GmmFit } from './gmm.js';
import type { KMeansResult } from './kmeans.js';
import type { KPrototypesFit } from './kprototypes.js';
import type { MixedLayout } from './mixedFromMatrix.js';

/** What a method keeps of one fit for the model, tagged by method (k-means and hierarchical keep only centres). */
export type MethodFit =
  { readonly method: 'gmm'; readonly fit: GmmFit } | { readonly method: 'kprototypes'; readonly fit: KPrototypesFit; readonly layout: MixedLayout };

/** One clustering at one k, whatever the method (k-means, hierarchical cut, mixture, k-prototypes). */
export type ClusterFit = Pick<KMeansResult, 'labels' | 'centers' | 'inertia' | 'iterations' | 'converged' | 'warnings'> & {
  /** Method-specific results (mixture parameters, prototypes and their layout), kept for the model. */
  readonly details?: MethodFit;
  /** Bayesian information criterion (mixtures). */
  readonly bic?: number;
  /** Size-limited fits: the inertia of the k-means without limits it started from (what the limits cost). */
  readonly unconstrainedInertia?: number;
};
