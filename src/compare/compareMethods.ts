import { CLUSTER_METHODS, type ClusterMethodName } from '../cluster/methods/planMethod.js';
import type { Table } from '../data/table.js';
import { adjustedMutualInfo } from '../metrics/adjustedMutualInfo.js';
import { adjustedRandIndex } from '../metrics/adjustedRandIndex.js';
import { segment, type Segmentation, type SegmentOptions } from '../pipeline/segment.js';
import { UsageError } from '../util/errors.js';

/** One method's result in a comparison. */
export interface MethodRun {
  readonly method: ClusterMethodName;
  readonly segmentation: Segmentation;
  readonly k: number;
  readonly silhouette: number;
  readonly calinskiHarabasz: number;
  readonly daviesBouldin: number;
  readonly sizes: readonly number[];
}

/** Agreement between two methods' segments. */
export interface Agreement {
  readonly a: ClusterMethodName;
  readonly b: ClusterMethodName;
  readonly adjustedRand: number;
  readonly adjustedMutualInfo: number;
  /** Customers in segment i of a (rows) and j of b (columns). */
  readonly crossTable: number[][];
}

/** The comparison of several methods on the same preprocessing. */
export interface Comparison {
  readonly runs: readonly MethodRun[];
  readonly agreements: readonly Agreement[];
}

/**
 * Runs several clustering methods on the same data with the same preprocessing options (each choosing
 * its own k unless k is given), and measures how much they agree: adjusted Rand index and adjusted mutual
 * information for every pair, with the cross-table of their segments. O(Σ methods).
 */
export function compareMethods(table: Table, methods: readonly ClusterMethodName[], options: Omit<SegmentOptions, 'method'> = {}): Comparison {
  if (methods.length < 2) throw new UsageError('compare: give at least two methods (--methods kmeans,hierarchical,gmm)');
  for (const m of methods)
    if (!CLUSTER_METHODS.includes(m)) throw new UsageError(`invalid method "${m}" in --methods (expected ${CLUSTER_METHODS.join(', ')})`);
  const runs = methods.map((method): MethodRun => {
    const s = segment(table, { ...options, method, onProgress: (stage, d, t) => options.onProgress?.(`${method}: ${stage}`, d, t) });
    const f = s.sweep.find((x) => x.k === s.k)!;
    return {
      method,
      segmentation: s,
      k: s.k,
      silhouette: f.silhouette,
      calinskiHarabasz: f.calinskiHarabasz,
      daviesBouldin: f.daviesBouldin,
      sizes: s.segments.map((g) => g.size),
    };
  });
  const agreements: Agreement[] = [];
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      const a = runs[i]!,
        b = runs[j]!;
      const crossTable = Array.from({ length: a.k }, () => new Array<number>(b.k).fill(0));
      a.segmentation.labels.forEach((la, r) => crossTable[la]![b.segmentation.labels[r]!]!++);
      agreements.push({
        a: a.method,
        b: b.method,
        adjustedRand: adjustedRandIndex(a.segmentation.labels, b.segmentation.labels),
        adjustedMutualInfo: adjustedMutualInfo(a.segmentation.labels, b.segmentation.labels),
        crossTable,
      });
    }
  }
  return { runs, agreements };
}

/** One compared method's figures as the CLI's compare.json and the studio's Compare view show them. O(1). */
export function methodFigures(r: MethodRun) {
  return {
    method: r.method,
    k: r.k,
    silhouette: r.silhouette,
    calinskiHarabasz: r.calinskiHarabasz,
    daviesBouldin: r.daviesBouldin,
    sizes: r.sizes,
    reason: r.segmentation.choice.reason,
  };
}
