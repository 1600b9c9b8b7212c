import { kmeans, type KMeansOptions } from '../cluster/kmeans.js';
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
  return (rows, seed) => {
    const fit = kmeans(rows, { ...km, k, seed });
    return sizeBounds ? sizeConstrainedKMeans(rows, fit.centers, sizeBounds(rows.rows), km.maxIter, km.tol).labels : fit.labels;
  };
}
