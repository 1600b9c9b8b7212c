import { kmeans, type KMeansOptions } from '../cluster/kmeans.js';
import type { Recluster } from './bootstrapJaccard.js';

/** Re-clustering by k-means with k clusters and the given options (seeded per resample), for `bootstrapJaccard`. */
export function kmeansRecluster(k: number, options: Omit<KMeansOptions, 'k' | 'seed' | 'init' | 'weights'> = {}): Recluster {
  return (rows, seed) => kmeans(rows, { ...options, k, seed }).labels;
}
