import type { Matrix } from '../util/matrix.js';

/** The outcome of one k-means run from one set of initial centres. */
export interface KMeansRun {
  readonly centers: Matrix;
  readonly labels: Int32Array;
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** How many times an empty cluster was relocated during the run. */
  readonly relocations: number;
}

/** Trusted arguments for a single run (validated by `kmeans`). */
export interface KMeansRunArgs {
  readonly x: Matrix;
  readonly init: Matrix;
  readonly weights: Float64Array | undefined;
  readonly maxIter: number;
  /** Absolute tolerance on the total squared centre shift (scikit-learn: tol × mean feature variance). */
  readonly tolAbs: number;
  /** Threads for the per-row passes of this one fit (Lloyd, Hamerly); default 1. Results do not depend on it. */
  readonly threads?: number;
}

/** A run strategy: Lloyd or an exact accelerated variant giving the same assignments. */
export type KMeansRunner = (args: KMeansRunArgs) => KMeansRun;
