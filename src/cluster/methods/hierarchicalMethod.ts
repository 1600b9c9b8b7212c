import { checkOption, OPTION_DEFAULTS } from '../../options/segmentOptions.js';
import { cutTree } from '../hierarchical/cutTree.js';
import { linkage } from '../hierarchical/linkage.js';
import type { Merge } from '../hierarchical/linkageTypes.js';
import { PLAIN_PLAN, type ClusterMethod, type DendrogramMerge } from './clusterMethod.js';
import { meansFit } from './meansFit.js';

/** Merges shown in the dendrogram of summary.json and the report. */
const DENDROGRAM_MERGES = 49;

/**
 * Hierarchical clustering: the linkage is built once (O(n²) memory) and cut at each k (centres = segment
 * means); it votes for the k whose cut leaves the largest gap in merge height.
 */
export const HIERARCHICAL_METHOD: ClusterMethod<'hierarchical'> = {
  name: 'hierarchical',
  plan(x, _pipeline, options) {
    const how = options.linkage ?? OPTION_DEFAULTS.linkage;
    checkOption('linkage', how);
    const merges = linkage(x, how);
    return {
      ...PLAIN_PLAN,
      method: 'hierarchical',
      fitK: (k) => meansFit(x, cutTree(merges, k), k),
      votes: (ks) => [{ criterion: 'merge-heights', k: largestHeightGap(merges, ks) }],
      info: (labels) => ({ method: 'hierarchical', linkage: how, dendrogram: lastMerges(merges, DENDROGRAM_MERGES, labels) }),
    };
  },
};

/** Hierarchical: the k whose cut leaves the largest gap in merge height before the next merge. O(|ks|). */
function largestHeightGap(merges: readonly Merge[], ks: readonly number[]): number {
  const n = merges.length + 1;
  const gap = (k: number): number => merges[n - k]!.height - (n - k - 1 >= 0 ? merges[n - k - 1]!.height : 0);
  return ks.reduce((best, k) => (gap(k) > gap(best) ? k : best), ks[0]!);
}

/**
 * The last `count` merges of a linkage (the top of the tree) with their children's sizes and the segment
 * (0-based label) of a customer in each child, for a readable dendrogram coloured by segment below the cut.
 */
function lastMerges(merges: readonly Merge[], count: number, labels: Int32Array): DendrogramMerge[] {
  const n = merges.length + 1;
  const sizeOf = (id: number): number => (id < n ? 1 : merges[id - n]!.size);
  const labelOf = (id: number): number => {
    while (id >= n) id = merges[id - n]!.a;
    return labels[id]!;
  };
  return merges
    .slice(Math.max(0, merges.length - count))
    .map((m) => ({ ...m, sizeA: sizeOf(m.a), sizeB: sizeOf(m.b), labelA: labelOf(m.a), labelB: labelOf(m.b) }));
}
