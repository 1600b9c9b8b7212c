import { UsageError } from '../util/errors.js';
import { absoluteTolerance } from './updateCenters.js';
import { checkOption, OPTION_DEFAULTS } from '../options/segmentOptions.js';
import type { Matrix } from '../util/matrix.js';
import { createRandom } from '../util/random.js';
import { elkan } from './elkan.js';
import { hamerly } from './hamerly.js';
import type { KMeansRun } from './kmeansRun.js';
import { lloyd } from './lloyd.js';
import { kmeansPlusPlus } from './kmeansPlusPlus.js';
import { inSharedMemory, warmHelpers } from './helperPool.js';
import { defaultThreads, parallelCandidateHelper, runRestartsInParallel } from './restartPool.js';
import { runRestarts } from './runRestarts.js';

/** Options of k-means; every field but k has the default shown. */
export interface KMeansOptions {
  /** Number of clusters (≥ 1, ≤ number of rows). */
  readonly k: number;
  /**
   * Restarts from fresh k-means++ seeds; the run with the lowest inertia is kept. Default "auto":
   * clamp(⌈200,000 / (n · k)⌉, 10, 100) — more restarts on small data, where they are cheap and where
   * 10 are often not enough to find the best solution, and scikit-learn's 10 on large data.
   */
  readonly nInit?: number | 'auto';
  /** Maximum Lloyd iterations per run. Default 300. */
  readonly maxIter?: number;
  /** Relative tolerance: a run stops when the total squared centre shift ≤ tol × mean feature variance. Default 1e-4 (as scikit-learn). */
  readonly tol?: number;
  /** Seed of the random generator. Default 0. */
  readonly seed?: number;
  /**
   * "lloyd", "hamerly" or "elkan" (both exact: the same assignments as Lloyd), or "auto": Lloyd above 50
   * columns, Elkan for k ≥ 12 with 16 or more columns while its n · k bounds fit in 50 million numbers
   * (measured: at 8 columns its bound upkeep costs more than it saves), else Hamerly. Default "auto".
   */
  readonly algorithm?: 'auto' | 'lloyd' | 'hamerly' | 'elkan';
  /** Non-negative sample weights (default all 1). */
  readonly weights?: Float64Array;
  /** Explicit initial centres (k × d); when given, one run is made from them. */
  readonly init?: Matrix;
  /**
   * Threads for restarts and for the k-means++ seeding of a single large fit (any number ≥ 1). Default:
   * SEGMENTA_THREADS, else every core. Results do not depend on it.
   */
  readonly threads?: number;
}

/** A fitted k-means clustering. */
export interface KMeansResult {
  readonly k: number;
  readonly centers: Matrix;
  readonly labels: Int32Array;
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly nInit: number;
  readonly warnings: readonly string[];
}

/** Most restarts one fit may ask for: beyond it a typo (99999999) would run for days instead of failing. */
const MAX_RESTARTS = 10_000;

/** The default number of restarts for n rows and k clusters (see KMeansOptions.nInit). */
export function autoRestarts(n: number, k: number): number {
  return Math.max(10, Math.min(100, Math.ceil(200_000 / (n * Math.max(k, 1)))));
}

/**
 * k-means clustering with greedy k-means++ seeding and restarts (as scikit-learn's KMeans), run by Lloyd's
 * algorithm or Hamerly's exact acceleration. Deterministic for a given seed. Validates its options and
 * throws a UsageError naming the bad one. O(nInit · iterations · n · k · d) worst case.
 */
export function kmeans(x: Matrix, options: KMeansOptions): KMeansResult {
  const {
    k,
    maxIter = OPTION_DEFAULTS.maxIter,
    tol = OPTION_DEFAULTS.tol,
    seed = OPTION_DEFAULTS.seed,
    algorithm = OPTION_DEFAULTS.algorithm,
    weights,
    init,
  } = options;
  if (!Number.isInteger(k) || k < 1) throw new UsageError(`invalid k: ${k} (expected an integer ≥ 1)`);
  if (k > x.rows) throw new UsageError(`invalid k: ${k} is larger than the number of rows (${x.rows})`);
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new UsageError(`invalid maxIter: ${maxIter} (expected an integer ≥ 1)`);
  if (!(tol >= 0)) throw new UsageError(`invalid tol: ${tol} (expected a number ≥ 0)`);
  checkOption('algorithm', algorithm);
  if (weights && (weights.length !== x.rows || weights.some((w) => !(w >= 0)))) {
    throw new UsageError(`invalid weights: expected ${x.rows} non-negative numbers`);
  }
  if (init && (init.rows !== k || init.cols !== x.cols)) throw new UsageError(`invalid init: expected ${k} × ${x.cols} centres`);
  const nInit = init ? 1 : options.nInit === undefined || options.nInit === 'auto' ? autoRestarts(x.rows, k) : options.nInit;
  if (!Number.isInteger(nInit) || nInit < 1 || nInit > MAX_RESTARTS)
    throw new UsageError(`invalid nInit: ${options.nInit} (expected an integer from 1 to ${MAX_RESTARTS} or "auto")`);
  const chosen: 'lloyd' | 'hamerly' | 'elkan' =
    algorithm !== 'auto' ? algorithm : x.cols > 50 ? 'lloyd' : k >= 12 && x.cols >= 16 && x.rows * k <= 50_000_000 ? 'elkan' : 'hamerly';
  const tolAbs = absoluteTolerance(tol, meanVariance(x));
  // Restart r starts from its own seed, so results do not depend on how restarts are shared between threads.
  const rng = createRandom(seed);
  const seeds = Array.from({ length: nInit }, () => Math.floor(rng.next() * 2 ** 32));
  const threads = options.threads ?? defaultThreads();
  const job = { k, seeds, algorithm: chosen, maxIter, tolAbs, weights };
  let best: KMeansRun;
  let relocations: number;
  const runner = chosen === 'lloyd' ? lloyd : chosen === 'elkan' ? elkan : hamerly;
  // Threads pay off above about 500,000 row-centre-restart products for restarts (taken from a queue: the main
  // thread never waits for a helper to load; an RFM sweep on 50,000 customers is 1M a fit), and above two
  // million for one fit split by rows (a hand-over every pass). A Mall sweep (200 rows) stays on one thread.
  const worthThreads = threads >= 2 && x.rows * k * nInit >= (nInit > 1 ? 500_000 : 2_000_000);
  if (worthThreads) warmHelpers(nInit === 1 ? threads - 1 : Math.min(threads, nInit) - 1);
  // Where helpers take part, the data go into shared memory once per call (x itself when they are there already,
  // as `segmenta run` places its matrix): the pass runner and the restart pool each place them for their one use.
  if (init) {
    best = runner({ x, init, weights, maxIter, tolAbs, threads: worthThreads ? threads : 1 });
    relocations = best.relocations;
  } else {
    if (worthThreads && nInit === 1) {
      // One fit: its k-means++ seeding and then its iterations are split between the threads, both reading
      // the data placed here once (not once for the seeding and again for the passes).
      const data = inSharedMemory(x);
      const start = kmeansPlusPlus(data, k, createRandom(seeds[0]!), weights, parallelCandidateHelper(data, threads, weights));
      best = runner({ x: data, init: start, weights, maxIter, tolAbs, threads });
      relocations = best.relocations;
    } else {
      const batch =
        worthThreads && !weights
          ? runRestartsInParallel(x, job, nInit, threads)
          : runRestarts({ ...job, data: x.data, rows: x.rows, cols: x.cols, restarts: seeds.map((_, r) => r) })!;
      best = batch.run;
      relocations = batch.relocations;
    }
  }
  const warnings: string[] = [];
  if (!best.converged) warnings.push(`k-means did not converge within ${maxIter} iterations (k = ${k}); raise maxIter`);
  if (relocations > 0) warnings.push(`k = ${k}: ${relocations} empty cluster(s) were relocated to the farthest rows`);
  return { k, centers: best.centers, labels: best.labels, inertia: best.inertia, iterations: best.iterations, converged: best.converged, nInit, warnings };
}

/**
 * Mean over columns of the population variance (scikit-learn's scale for tol). Two passes over the rows in
 * storage order, every column's sums kept side by side: each column's sum and squared deviations are added
 * in row order, the same bits as a pass per column, without striding through the matrix d times. O(n · d).
 */
export function meanVariance(x: Matrix): number {
  const n = x.rows,
    d = x.cols,
    X = x.data;
  if (n === 0 || d === 0) return 0;
  const sums = new Float64Array(d),
    squares = new Float64Array(d);
  for (let i = 0, o = 0; i < n; i++, o += d) for (let j = 0; j < d; j++) sums[j]! += X[o + j]!;
  const means = sums.map((s) => s / n);
  for (let i = 0, o = 0; i < n; i++, o += d)
    for (let j = 0; j < d; j++) {
      const diff = X[o + j]! - means[j]!;
      squares[j]! += diff * diff;
    }
  let total = 0;
  for (let j = 0; j < d; j++) total += squares[j]! / n;
  return total / d;
}
