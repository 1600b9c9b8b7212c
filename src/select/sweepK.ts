import { kmeans, type KMeansOptions, type KMeansResult } from '../cluster/kmeans.js';
import { calinskiHarabasz } from '../metrics/calinskiHarabasz.js';
import { daviesBouldin } from '../metrics/daviesBouldin.js';
import { gapStatistic, type GapResult } from '../metrics/gapStatistic.js';
import { silhouette } from '../metrics/silhouette.js';
import { takeRows, type Matrix } from '../util/matrix.js';
import { createRandom } from '../util/random.js';
import { sampleIndices } from '../util/sample.js';

/** One clustering at one k, whatever the method (k-means, hierarchical cut, mixture, k-prototypes). */
export type ClusterFit = Pick<KMeansResult, 'labels' | 'centers' | 'inertia' | 'iterations' | 'converged' | 'warnings'> & {
  /** Method-specific results (mixture parameters, prototypes …), kept for the model. */
  readonly details?: unknown;
  /** Bayesian information criterion (mixtures). */
  readonly bic?: number;
};

/** Figures for one k of the sweep. */
export interface KFigures {
  readonly k: number;
  readonly inertia: number;
  readonly silhouette: number;
  readonly calinskiHarabasz: number;
  readonly daviesBouldin: number;
  readonly gap: number;
  readonly gapSe: number;
  /** Mixtures only: the Bayesian information criterion. */
  readonly bic?: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** The sweep over k: figures per k, the fitted clusterings, and how metrics were sampled. */
export interface KSweep {
  readonly figures: readonly KFigures[];
  readonly fits: ReadonlyMap<number, ClusterFit>;
  readonly gap: GapResult;
  /** Rows the silhouette was computed on (all rows when n ≤ the sample size). */
  readonly silhouetteRows: number;
  /** Rows the gap statistic was computed on. */
  readonly gapRows: number;
}

/** Options of the sweep. */
export interface SweepOptions extends Omit<KMeansOptions, 'k' | 'init'> {
  readonly kMin?: number;
  readonly kMax?: number;
  /** Exact silhouette up to this many rows; above it, on a seeded uniform sample of this size. Default 5,000. */
  readonly silhouetteSampleSize?: number;
  /** Reference sets of the gap statistic. Default 10. */
  readonly gapReferences?: number;
  /** The gap statistic runs on at most this many rows (a seeded sample above). Default 2,000. */
  readonly gapSampleSize?: number;
  /** Called after each step with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Clusters for one k with another method (default: k-means with these options); the gap statistic then uses k-means. */
  readonly fitK?: (k: number) => ClusterFit;
}

/**
 * Runs k-means (or `fitK`) for every k in kMin..kMax and computes inertia, silhouette, Calinski–Harabasz,
 * Davies–Bouldin and the gap statistic (always with k-means: a property of the data) for each. Deterministic for a seed. O(Σ_k k-means + n_s² · d · |k|).
 */
export function sweepK(x: Matrix, options: SweepOptions = {}): KSweep {
  const { kMin = 2, kMax = 10, silhouetteSampleSize = 5_000, gapReferences = 10, gapSampleSize = 2_000, onProgress, seed = 0, fitK, ...km } = options;
  const ks = Array.from({ length: kMax - kMin + 1 }, (_, i) => kMin + i);
  const total = ks.length + 1;
  const rng = createRandom(seed ^ 0x5eed);
  const silIdx = x.rows > silhouetteSampleSize ? sampleIndices(x.rows, silhouetteSampleSize, rng) : undefined;
  const silX = silIdx ? takeRows(x, silIdx) : x;
  const fits = new Map<number, ClusterFit>();
  const partial = ks.map((k, j) => {
    const fit: ClusterFit = fitK ? fitK(k) : kmeans(x, { ...km, k, seed });
    fits.set(k, fit);
    const silLabels = silIdx ? Int32Array.from(silIdx, (i) => fit.labels[i]!) : fit.labels;
    const figures = {
      k,
      inertia: fit.inertia,
      silhouette: silhouette(silX, silLabels, k).mean,
      calinskiHarabasz: calinskiHarabasz(x, fit.labels, k),
      daviesBouldin: daviesBouldin(x, fit.labels, k),
      ...(fit.bic === undefined ? {} : { bic: fit.bic }),
      iterations: fit.iterations,
      converged: fit.converged,
    };
    onProgress?.(j + 1, total);
    return figures;
  });
  let gapX = x;
  let logW = partial.map((f) => Math.log(f.inertia));
  if (x.rows > gapSampleSize || fitK) {
    if (x.rows > gapSampleSize) gapX = takeRows(x, sampleIndices(x.rows, gapSampleSize, rng));
    logW = ks.map((k) => Math.log(kmeans(gapX, { ...km, k, seed }).inertia));
  }
  const gap = gapStatistic(gapX, ks, logW, { references: gapReferences, seed, nInit: 1 });
  onProgress?.(total, total);
  const figures = partial.map((f, j) => ({ ...f, gap: gap.gap[j]!, gapSe: gap.se[j]! }));
  return { figures, fits, gap, silhouetteRows: silX.rows, gapRows: gapX.rows };
}
