import { autoRestarts } from '../cluster/kmeans.js';
import type { ClusterMethodName } from '../cluster/methods/planMethod.js';
import { UsageError } from '../util/errors.js';
import type { Matrix } from '../util/matrix.js';
import { bootstrapJaccard, type SegmentStability } from './bootstrapJaccard.js';
import { kmeansRecluster } from './kmeansRecluster.js';
import type { SizeBounds } from '../cluster/sizeLimits.js';

/** Bootstrap resamples of segment stability by default (k-means). */
export const DEFAULT_BOOTSTRAPS = 20;

/** Rows per segment from which stability is measured by default: it says little about a handful of customers. */
const MIN_ROWS_PER_SEGMENT = 5;

/** What `segmentStability` needs of the run's options. */
export interface StabilityOptions {
  /** Resamples, or "off"; default DEFAULT_BOOTSTRAPS for k-means from 5 rows per segment, else off. */
  readonly stability?: number | 'off';
  readonly seed?: number;
  readonly maxIter?: number;
  readonly algorithm?: 'auto' | 'lloyd' | 'hamerly' | 'elkan';
  /** Threads the re-clusterings may use (the run's `threads`; default every core). */
  readonly threads?: number;
  /** Size limits of the run (in customers for a table of so many rows): each resample is re-clustered with them. */
  readonly sizeBounds?: (rows: number) => SizeBounds;
}

/** How stability was measured (resamples, rows resampled) and each segment's figure; both absent when off. */
export interface MeasuredStability {
  readonly measured?: { readonly bootstraps: number; readonly rows: number };
  readonly segments?: readonly SegmentStability[];
}

/**
 * The stability of k-means segments on `x` (all rows, or the sample k was chosen on) as `bootstrapJaccard`
 * measures it, re-clustering each resample by k-means with the run's settings and at most 10 restarts;
 * refuses a number of resamples for another method. O(B · nInit · iterations · n · k · d).
 */
export function segmentStability(
  x: Matrix,
  labels: Int32Array,
  k: number,
  method: ClusterMethodName,
  options: StabilityOptions,
  onProgress: (done: number, total: number) => void,
): MeasuredStability {
  if (method !== 'kmeans' && typeof options.stability === 'number')
    throw new UsageError(`--stability is measured for k-means runs; this run uses ${method} (leave --stability out)`);
  const bootstraps = options.stability ?? (method === 'kmeans' && x.rows >= MIN_ROWS_PER_SEGMENT * k ? DEFAULT_BOOTSTRAPS : 'off');
  if (bootstraps === 'off') return {};
  let done = 0;
  const recluster = kmeansRecluster(k, {
    nInit: Math.min(10, autoRestarts(x.rows, k)),
    maxIter: options.maxIter,
    algorithm: options.algorithm,
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(options.sizeBounds ? { sizeBounds: options.sizeBounds } : {}),
  });
  onProgress(0, bootstraps);
  const segments = bootstrapJaccard(
    x,
    labels,
    k,
    Object.assign(
      (rows: Matrix, seed: number) => {
        const l = recluster(rows, seed);
        onProgress(++done, bootstraps);
        return l;
      },
      recluster.many
        ? {
            many: (resamples: ReadonlyArray<{ readonly rows: Matrix; readonly seed: number }>) => {
              const l = recluster.many!(resamples);
              onProgress((done += resamples.length), bootstraps);
              return l;
            },
          }
        : {},
    ),
    { bootstraps, seed: options.seed ?? 0 },
  );
  return { measured: { bootstraps, rows: x.rows }, segments };
}
