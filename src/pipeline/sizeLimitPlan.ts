import { kmeans } from '../cluster/kmeans.js';
import type { ClusterFit } from '../cluster/clusterFit.js';
import { sizeConstrainedKMeans } from '../cluster/sizeConstrainedKMeans.js';
import { feasibleKRange, sizeBounds, sizesFeasible, type SizeBounds } from '../cluster/sizeLimits.js';
import type { ResolvedOptions } from '../options/segmentOptions.js';
import { UsageError } from '../util/errors.js';
import type { Matrix } from '../util/matrix.js';
import type { SegmentOptions } from './segmentation.js';

/**
 * With `minSize`/`maxSize`: the ks that can meet the limits (the sweep and the vote see only those), and the
 * sweep's fit per k — k-means, then size-limited k-means from its centres (`sizeConstrainedKMeans`), keeping
 * the unconstrained inertia in the fit for comparison. Undefined without limits. Refuses limits with another method, and
 * a k (or a range) no k can meet, naming the flags.
 */
export function sizeLimitPlan(options: ResolvedOptions<SegmentOptions>, method: string, rows: number, sweepX: Matrix, kMin: number, kMax: number) {
  const { minSize, maxSize } = options;
  if (minSize === undefined && maxSize === undefined) return undefined;
  if (method !== 'kmeans') throw new UsageError(`--min-size and --max-size work with --method kmeans (this run uses ${method})`);
  const bounds = (n: number): SizeBounds => sizeBounds(minSize, maxSize, n, rows);
  const full = bounds(rows);
  const limitsText = `--min-size ${minSize ?? 'none'} and --max-size ${maxSize ?? 'none'} (${full.min}–${full.max} customers of ${rows})`;
  if (full.min > full.max) throw new UsageError(`${limitsText}: the smallest size is above the largest`);
  const range = feasibleKRange(kMin, kMax, rows, full);
  if (options.k !== 'auto' && !sizesFeasible(options.k, rows, full))
    throw new UsageError(
      `k = ${options.k} segments cannot meet ${limitsText}; give a k from ${Math.max(2, Math.ceil(rows / Math.max(1, full.max)))} to ${full.min ? Math.floor(rows / full.min) : 'any'}, or looser limits`,
    );
  if (range.kMin > range.kMax) throw new UsageError(`no k from ${kMin} to ${kMax} can meet ${limitsText}; loosen the limits or widen --k-min/--k-max`);
  const fitK = (k: number): ClusterFit => {
    const free = kmeans(sweepX, { ...options, k });
    return { ...sizeConstrainedKMeans(sweepX, free.centers, bounds(sweepX.rows), options.maxIter, options.tol), unconstrainedInertia: free.inertia };
  };
  return { ...range, bounds, fitK };
}
