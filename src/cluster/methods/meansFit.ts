import { clusterMeans } from '../../metrics/clusterMeans.js';
import type { Matrix } from '../../util/matrix.js';
import { inertiaOf } from '../assignNearest.js';
import type { ClusterFit, MethodFit } from '../clusterFit.js';

/** A fit from labels alone: centres are the segment means, inertia the squared distances to them. O(n · d). */
export function meansFit(x: Matrix, labels: Int32Array, k: number, details?: MethodFit, extra: Partial<ClusterFit> = {}): ClusterFit {
  const { means } = clusterMeans(x, labels, k);
  const centers: Matrix = { rows: k, cols: x.cols, data: means };
  return { labels, centers, inertia: inertiaOf(x, centers, labels), iterations: 0, converged: true, warnings: [], details, ...extra };
}
