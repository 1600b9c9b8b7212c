import { kmeans, type KMeansOptions } from '../cluster/kmeans.js';
import { kmeansMany } from '../cluster/fitPool.js';
import { batchFitOptions } from '../cluster/fitsJob.js';
import type { Matrix } from '../util/matrix.js';
import { sizeConstrainedKMeans } from '../cluster/sizeConstrainedKMeans.js';
import type { SizeBounds } from '../cluster/sizeLimits.js';
import type { Recluster } from './bootstrapJaccard.js';

/**
 * Re-clustering by k-means with k clusters and the given options (seeded per resample), for
 * `bootstrapJaccard`; with `sizeBounds`, size-limited k-means from those centres, as the run itself.
 */
export function kmeansRecluster(
  k: number,
  options: Omit<KMeansOptions, 'k' | 'seed' | 'init' | 'weights'> & { readonly sizeBounds?: (rows: number) => SizeBounds } = {},
): Recluster {
  const { sizeBounds, ...km } = options;
  const one = (rows: Matrix, seed: number): Int32Array => {
    const fit = kmeans(rows, { ...km, k, seed });
    return sizeBounds ? sizeConstrainedKMeans(rows, fit.centers, sizeBounds(rows.rows), km.maxIter, km.tol).labels : fit.labels;
  };
  if (sizeBounds) return one;
  // Plain k-means: several resamples are fitted side by side on the helper threads, each as `one` fits it.
  const fitOptions = batchFitOptions(km);
  const many = (resamples: ReadonlyArray<{ readonly rows: Matrix; readonly seed: number }>): Int32Array[] =>
    kmeansMany(
      resamples.map((r) => ({ x: r.rows, options: { ...fitOptions, k, seed: r.seed } })),
      km.threads,
    ).map((fit) => fit.labels);
  return Object.assign(one, { many });
}
