import { BISECTING_STRATEGIES, OPTION_DEFAULTS } from '../options/segmentOptions.js';
import { takeRows, type Matrix } from '../util/matrix.js';
import { inertiaOf } from './assignNearest.js';
import type { ClusterFit } from './clusterFit.js';
import { kmeans, meanVariance } from './kmeans.js';
import { clusterMeans } from '../metrics/clusterMeans.js';
import { squaredTo } from './rowPasses.js';
import { allRows } from '../util/gather.js';

/** Which segment bisecting k-means splits next (scikit-learn's `bisecting_strategy`). */
export type BisectingStrategy = (typeof BISECTING_STRATEGIES)[number];

/** One node of the tree of splits: its customers (row indices), centre, score, and children once split. */
export interface BisectingNode {
  readonly id: number;
  readonly parent: number;
  readonly rows: Int32Array;
  readonly center: Float64Array;
  /** Its within-segment sum of squares (biggest_inertia) or its size (largest_cluster); the root's is 0. */
  readonly score: number;
  left?: number;
  right?: number;
}

/** The tree of splits: nodes by id (0 is everyone) and the ids split, in order. */
export interface BisectingTree {
  readonly nodes: BisectingNode[];
  readonly splits: readonly number[];
}

export interface BisectingOptions {
  readonly strategy?: BisectingStrategy;
  readonly seed?: number;
  readonly nInit?: number | 'auto';
  readonly maxIter?: number;
  readonly tol?: number;
  /** The two rows (of x) each split starts from, split by split (tests replay scikit-learn's starts); default: k-means++ with restarts. */
  readonly starts?: (split: number) => readonly [number, number];
}

/**
 * Bisecting k-means as scikit-learn's BisectingKMeans: start with everyone in one segment; `splits` times,
 * take the leaf with the highest score (in leaf order, left first; the first of equals) and split it in two
 * by k-means (k = 2, Lloyd-exact, tolerance relative to the whole data's variance); the children's scores
 * are their inertias (`biggest_inertia`) or sizes (`largest_cluster`). The first k − 1 splits give the k
 * segments, so one tree serves every k (`grown`: a tree to continue). Each split starts from `starts` when
 * given, else k-means++ with restarts (scikit-learn: one random start per split). O(splits · k-means on the
 * split segment).
 */
export function bisectingTree(x: Matrix, splits: number, options: BisectingOptions = {}, grown?: BisectingTree): BisectingTree {
  const strategy = options.strategy ?? 'biggest_inertia';
  const seed = options.seed ?? OPTION_DEFAULTS.seed;
  const tol = options.tol ?? OPTION_DEFAULTS.tol;
  const whole = meanVariance(x);
  const all = allRows(x.rows);
  // A tree grown before with the same options continues where it stopped (its splits are the first ones).
  const nodes: BisectingNode[] = grown ? grown.nodes : [{ id: 0, parent: -1, rows: all, center: clusterMeans(x, new Int32Array(x.rows), 1).means, score: 0 }];
  const order: number[] = grown ? [...grown.splits] : [];
  for (let s = order.length; s < splits; s++) {
    const target = leavesAt({ nodes, splits: order }, order.length + 1).reduce<BisectingNode | undefined>(
      (best, n) => (n.rows.length >= 2 && (!best || n.score > best.score) ? n : best),
      undefined,
    );
    if (!target) break;
    const sub = takeRows(x, target.rows);
    const spread = meanVariance(sub);
    const start = options.starts?.(s);
    const fit = kmeans(sub, {
      k: 2,
      seed: seed + s,
      maxIter: options.maxIter ?? OPTION_DEFAULTS.maxIter,
      // scikit-learn's tolerance is relative to the whole data, not the segment being split.
      tol: spread > 0 ? (tol * whole) / spread : tol,
      ...(start ? { init: takeRows(x, start), nInit: 1 } : { nInit: options.nInit ?? OPTION_DEFAULTS.nInit }),
    });
    const children = [0, 1].map((side) => {
      const rows = target.rows.filter((_, r) => fit.labels[r] === side);
      const center = fit.centers.data.slice(side * x.cols, (side + 1) * x.cols);
      let score = rows.length;
      if (strategy === 'biggest_inertia') {
        score = 0;
        for (const i of rows) score += squaredTo(x.data, center, x.cols, i, 0);
      }
      const node: BisectingNode = { id: nodes.length, parent: target.id, rows, center, score };
      nodes.push(node);
      return node.id;
    });
    target.left = children[0];
    target.right = children[1];
    order.push(target.id);
  }
  return { nodes, splits: order };
}

/** The leaves after the first `k − 1` splits, left first (scikit-learn's label order). O(nodes). */
export function leavesAt(tree: BisectingTree, k: number): BisectingNode[] {
  const done = new Set(tree.splits.slice(0, k - 1));
  const out: BisectingNode[] = [];
  const walk = (n: BisectingNode): void => {
    if (done.has(n.id)) {
      walk(tree.nodes[n.left!]!);
      walk(tree.nodes[n.right!]!);
    } else out.push(n);
  };
  walk(tree.nodes[0]!);
  return out;
}

/** The k segments of the tree (labels in leaf order, centres the leaves' centres) as a fit. O(n · d). */
export function cutBisecting(x: Matrix, tree: BisectingTree, k: number): ClusterFit {
  const leafNodes = leavesAt(tree, k);
  const labels = new Int32Array(x.rows);
  leafNodes.forEach((n, j) => n.rows.forEach((i) => (labels[i] = j)));
  const data = new Float64Array(leafNodes.length * x.cols);
  leafNodes.forEach((n, j) => data.set(n.center, j * x.cols));
  const centers: Matrix = { rows: leafNodes.length, cols: x.cols, data };
  const warnings = leafNodes.length < k ? [`bisecting k-means could split only into ${leafNodes.length} segments`] : [];
  return { labels, centers, inertia: inertiaOf(x, centers, labels), iterations: k - 1, converged: true, warnings };
}

/**
 * Bisecting k-means in model.json: the tree of splits in depth-first order (node 0 is everyone); a split node
 * names its two children, a final segment its position in `segments`; centres in the scaled space. `predict`
 * descends it, going to the nearer child centre at each split, as scikit-learn does.
 */
export interface BisectingModel {
  readonly nodes: ReadonlyArray<{ readonly center: readonly number[]; readonly left?: number; readonly right?: number; readonly segment?: number }>;
}

/** The tree of the first k − 1 splits for model.json: depth-first, children after their parent; leaf j (leaf order) is segment position `positionOfLeaf[j]`. O(nodes · d). */
export function modelTree(tree: BisectingTree, k: number, positionOfLeaf: readonly number[]): BisectingModel {
  const leafNodes = leavesAt(tree, k);
  const split = new Set(tree.splits.slice(0, k - 1));
  const nodes: Array<{ center: number[]; left?: number; right?: number; segment?: number }> = [];
  const add = (id: number): number => {
    const n = tree.nodes[id]!;
    const at = nodes.length;
    nodes.push({ center: Array.from(n.center) });
    if (split.has(id)) {
      const left = add(n.left!),
        right = add(n.right!);
      nodes[at] = { ...nodes[at]!, left, right };
    } else nodes[at] = { ...nodes[at]!, segment: positionOfLeaf[leafNodes.indexOf(n)]! };
    return at;
  };
  add(0);
  return { nodes };
}

/** Each row's segment position by descending a model's tree: at every split the nearer child centre (ties left). O(n · depth · d). */
export function descendTree(x: Matrix, tree: BisectingModel): Int32Array {
  const d = x.cols;
  const dist = (i: number, c: readonly number[]): number => {
    let s = 0;
    for (let t = 0; t < d; t++) s += (x.data[i * d + t]! - c[t]!) ** 2;
    return s;
  };
  return Int32Array.from({ length: x.rows }, (_, i) => {
    let node = tree.nodes[0]!;
    while (node.segment === undefined) {
      const left = tree.nodes[node.left!]!,
        right = tree.nodes[node.right!]!;
      node = dist(i, left.center) <= dist(i, right.center) ? left : right;
    }
    return node.segment;
  });
}
