import { kmeans, type KMeansOptions, type KMeansResult } from '../cluster/kmeans.js';
import { kmeansMany } from '../cluster/fitPool.js';
import { batchFitOptions } from '../cluster/fitsJob.js';
import type { ClusterFit } from '../cluster/clusterFit.js';
import { OPTION_DEFAULTS } from '../options/segmentOptions.js';
import { calinskiHarabasz } from '../metrics/calinskiHarabasz.js';
import { daviesBouldin } from '../metrics/daviesBouldin.js';
import { firstSeChoice, gapStatistic, type GapResult } from './gapStatistic.js';
import { silhouettes } from '../metrics/silhouette.js';
import { predictionStrength, type PredictionStrengthResult } from '../stability/predictionStrength.js';
import { takeRows, type Matrix } from '../util/matrix.js';
import { createRandom } from '../util/random.js';
import { sampleIndices } from '../util/sample.js';
import { gather } from '../util/gather.js';

export type { ClusterFit } from '../cluster/clusterFit.js';

/** Figures for one k of the sweep. */
export interface KFigures {
  readonly k: number;
  readonly inertia: number;
  readonly silhouette: number;
  readonly calinskiHarabasz: number;
  readonly daviesBouldin: number;
  readonly gap: number;
  readonly gapSe: number;
  /** Tibshirani & Walther's prediction strength (k-means on the gap sample; 1 = every cluster reproduced). */
  readonly predictionStrength: number;
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
  /** The gap statistic at k = 1 and 2 (the test for no cluster structure) and the prediction strength per k. */
  readonly structure: StructureEvidence;
  /** Rows the silhouette was computed on (all rows when n ≤ the sample size). */
  readonly silhouetteRows: number;
  /** Rows the gap statistic was computed on. */
  readonly gapRows: number;
}

/** What says whether the data hold groups at all (see `chooseK`'s structure test). */
export interface StructureEvidence {
  /** Gap(1), Gap(2) and s_2: Tibshirani's first-SE rule prefers one group when Gap(1) ≥ Gap(2) − s_2. */
  readonly gap1: number;
  readonly gap2: number;
  readonly gap2Se: number;
  /** Prediction strength per k of the sweep, and the largest k above fpc's cut-off (null: none). */
  readonly strength: PredictionStrengthResult;
}

/** Options of the sweep. */
export interface SweepOptions extends Omit<KMeansOptions, 'k' | 'init'> {
  readonly kMin?: number;
  readonly kMax?: number;
  /** Exact silhouette up to this many rows; above it, on a seeded uniform sample of this size. Default 5,000. */
  readonly silhouetteSampleSize?: number;
  /** Reference sets of the gap statistic. Default 10. */
  readonly gapReferences?: number;
  /** The gap statistic and the prediction strength run on at most this many rows (a seeded sample above). Default 2,000. */
  readonly gapSampleSize?: number;
  /** Random half-splits of the prediction strength. Default 10. */
  readonly strengthSplits?: number;
  /** Called after each step with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Clusters for one k with another method (default: k-means with these options); the gap statistic then uses k-means. */
  readonly fitK?: (k: number) => ClusterFit;
}

/**
 * Runs k-means (or `fitK`) for every k in kMin..kMax and computes inertia, silhouette, Calinski–Harabasz,
 * Davies–Bouldin, the gap statistic and the prediction strength (both always with k-means, on at most
 * `gapSampleSize` rows: properties of the data) for each, and the gap at k = 1 and 2 for the structure test.
 * Deterministic for a seed. O(Σ_k k-means + n_s² · d · |k| + (references + 2 · splits) · |k| k-means on n_g rows).
 */
export function sweepK(x: Matrix, options: SweepOptions = {}): KSweep {
  const {
    kMin = OPTION_DEFAULTS.kMin,
    kMax = OPTION_DEFAULTS.kMax,
    silhouetteSampleSize = OPTION_DEFAULTS.silhouetteSampleSize,
    gapReferences = OPTION_DEFAULTS.gapReferences,
    gapSampleSize = OPTION_DEFAULTS.gapSampleSize,
    strengthSplits = OPTION_DEFAULTS.strengthSplits,
    onProgress,
    seed = OPTION_DEFAULTS.seed,
    fitK,
    ...km
  } = options;
  const ks = Array.from({ length: kMax - kMin + 1 }, (_, i) => kMin + i);
  const total = ks.length + 1;
  const rng = createRandom(seed ^ 0x5eed);
  const silIdx = x.rows > silhouetteSampleSize ? sampleIndices(x.rows, silhouetteSampleSize, rng) : undefined;
  const silX = silIdx ? takeRows(x, silIdx) : x;
  const fits = new Map<number, ClusterFit>();
  const fitted = ks.map((k, j) => {
    const fit: ClusterFit = fitK ? fitK(k) : kmeans(x, { ...km, k, seed });
    fits.set(k, fit);
    onProgress?.(j + 1, total);
    return fit;
  });
  // Every k's silhouette in one pass over the sample's pairs (each distance computed once for all k).
  const sil = silhouettes(
    silX,
    fitted.map((fit) => (silIdx ? gather(fit.labels, silIdx) : fit.labels)),
    ks,
  );
  const partial = ks.map((k, j) => {
    const fit = fitted[j]!;
    return {
      k,
      inertia: fit.inertia,
      silhouette: sil[j]!.mean,
      calinskiHarabasz: calinskiHarabasz(x, fit.labels, k),
      daviesBouldin: daviesBouldin(x, fit.labels, k),
      ...(fit.bic === undefined ? {} : { bic: fit.bic }),
      iterations: fit.iterations,
      converged: fit.converged,
    };
  });
  const gapX = x.rows > gapSampleSize ? takeRows(x, sampleIndices(x.rows, gapSampleSize, rng)) : x;
  // k = 1 (and 2 when the range starts higher) join the gap's ks for the structure test; the vote keeps kMin..kMax.
  const low = [1, 2].filter((k) => !ks.includes(k) && k <= gapX.rows);
  const gapKs = [...low, ...ks];
  // Fits on the gap's rows (all of them when the sweep's own fits are not k-means on those rows), side by side.
  const refit = x.rows > gapSampleSize || fitK !== undefined;
  const gapFits = fitsOnRows(gapX, refit ? gapKs : low, km, seed).map((fit) => Math.log(fit.inertia));
  const lowLogW = gapFits.slice(0, low.length);
  const logW = refit ? gapFits.slice(low.length) : partial.map((f) => Math.log(f.inertia));
  const all = gapStatistic(gapX, gapKs, [...lowLogW, ...logW], { references: gapReferences, seed, nInit: 1, threads: km.threads });
  const at = (k: number): number => gapKs.indexOf(k);
  const gapOf = { gap: all.gap.slice(low.length), se: all.se.slice(low.length) };
  const gap: GapResult = { ks, ...gapOf, chosen: firstSeChoice(ks, gapOf.gap, gapOf.se), references: gapReferences };
  const strength = predictionStrength(gapX, ks, { splits: strengthSplits, seed: seed ^ 0x9e3779, nInit: 3, threads: km.threads });
  const structure: StructureEvidence = { gap1: all.gap[at(1)]!, gap2: all.gap[at(2)] ?? NaN, gap2Se: all.se[at(2)] ?? NaN, strength };
  onProgress?.(total, total);
  const figures = partial.map((f, j) => ({ ...f, gap: gap.gap[j]!, gapSe: gap.se[j]!, predictionStrength: strength.strength[j]! }));
  return { figures, fits, gap, structure, silhouetteRows: silX.rows, gapRows: gapX.rows };
}

/**
 * k-means at each k on the same rows with the sweep's k-means options, shared between threads (`kmeansMany`):
 * each the fit `kmeans(x, { ...km, k, seed })` gives. With sample weights, one after another here.
 */
function fitsOnRows(x: Matrix, ks: readonly number[], km: Omit<KMeansOptions, 'k' | 'init'>, seed: number): KMeansResult[] {
  if (km.weights) return ks.map((k) => kmeans(x, { ...km, k, seed }));
  const options = batchFitOptions(km);
  return kmeansMany(
    ks.map((k) => ({ x, options: { ...options, k, seed } })),
    km.threads,
  );
}
