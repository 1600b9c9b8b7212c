import { OPTION_DEFAULTS } from '../../options/segmentOptions.js';
import { bisectingTree, cutBisecting, modelTree, type BisectingOptions, type BisectingTree } from '../bisectingKMeans.js';
import { PLAIN_PLAN, type ClusterMethod } from './clusterMethod.js';

/**
 * Bisecting k-means: one tree of splits grown as far as the sweep's largest k and cut at each k; the model
 * keeps the tree of the first k − 1 splits (new customers descend it).
 */
export const BISECTING_METHOD: ClusterMethod<'bisecting'> = {
  name: 'bisecting',
  plan(x, _pipeline, options) {
    const strategy = options.bisectingStrategy ?? OPTION_DEFAULTS.bisectingStrategy;
    const seed = options.seed ?? OPTION_DEFAULTS.seed;
    const bisecting: BisectingOptions = { strategy, seed, nInit: options.nInit, maxIter: options.maxIter, tol: options.tol };
    let tree: BisectingTree | undefined;
    // Split s is seeded by s alone, so a tree grown at once equals one grown k by k.
    const grow = (k: number): BisectingTree => {
      if (!tree || tree.splits.length < k - 1) tree = bisectingTree(x, k - 1, bisecting, tree);
      return tree;
    };
    return {
      ...PLAIN_PLAN,
      method: 'bisecting',
      fitK: (k) => cutBisecting(x, grow(k), k),
      resume: grow,
      // Leaf j of the tree is the fit's cluster j, now at the segment position order.indexOf(j).
      parameters: (fit, order) => ({
        bisecting: modelTree(
          tree!,
          fit.centers.rows,
          Array.from({ length: fit.centers.rows }, (_, j) => order.indexOf(j)),
        ),
      }),
      bisecting: () => tree!,
      info: () => ({ method: 'bisecting', strategy }),
    };
  },
};
