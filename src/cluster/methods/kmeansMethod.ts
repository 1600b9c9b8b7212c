import { PLAIN_PLAN, type ClusterMethod } from './clusterMethod.js';

/** k-means: nothing to prepare, the k sweep runs it itself (on a sample of large data). */
export const KMEANS_METHOD: ClusterMethod<'kmeans'> = {
  name: 'kmeans',
  plan: () => ({ ...PLAIN_PLAN, method: 'kmeans', info: () => ({ method: 'kmeans' }) }),
};
