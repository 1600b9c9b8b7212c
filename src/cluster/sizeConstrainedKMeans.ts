import { clusterMeans } from '../metrics/clusterMeans.js';
import { UsageError } from '../util/errors.js';
import type { Matrix } from '../util/matrix.js';
import { MinHeap } from '../util/minHeap.js';
import { inertiaOf } from './assignNearest.js';
import { squaredTo } from './rowPasses.js';
import { meanVariance } from './kmeans.js';
import { absoluteTolerance, shiftConverged } from './updateCenters.js';
import { OPTION_DEFAULTS } from '../options/segmentOptions.js';
import type { ClusterFit } from './clusterFit.js';
import { sizesFeasible, type SizeBounds } from './sizeLimits.js';

/**
 * The assignment of customers to fixed centres with the least total squared distance such that every segment
 * holds between `bounds.min` and `bounds.max` customers: the minimum-cost flow of Bradley, Bennett & Demiriz
 * (2000), solved exactly by successive shortest paths. Customers join one at a time (in row order); each
 * joins along the cheapest path in the residual network, which on the k segment nodes is: the customer to
 * segment a, then a chain of moves "a member of a to b" costing c(p, b) − c(p, a) (the cheapest member per
 * pair kept in a heap), ending at a segment with room — first one still below `min`, then the cheapest.
 * After each customer the assignment is the cheapest for the customers so far (the Hungarian method's
 * invariant), so the last one is optimal; ties go to the lower segment and the lower row. Paths are found by
 * Dijkstra on the k nodes with potentials. O(n · k² log n) time, O(n · k²) memory for the heaps.
 */
export function assignWithSizeLimits(x: Matrix, centers: Matrix, bounds: SizeBounds): Int32Array {
  const n = x.rows,
    k = centers.rows,
    d = x.cols;
  if (!sizesFeasible(k, n, bounds)) throw new UsageError(`${k} segments cannot hold ${n} customers with at least ${bounds.min} and at most ${bounds.max} each`);
  const cost = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) cost[i * k + j] = squaredTo(x.data, centers.data, d, i, j);
  const label = new Int32Array(n).fill(-1);
  const size = new Int32Array(k);
  // heaps[a · k + b]: members p of segment a keyed by c(p, b) − c(p, a); entries of customers that left a are skipped lazily.
  const heaps = Array.from({ length: k * k }, () => new MinHeap());
  const join = (p: number, a: number): void => {
    label[p] = a;
    for (let b = 0; b < k; b++) if (b !== a) heaps[a * k + b]!.push(cost[p * k + b]! - cost[p * k + a]!, p);
  };
  const cheapestMove = (a: number, b: number): number => {
    const heap = heaps[a * k + b]!;
    while (heap.size && label[heap.topId()!] !== a) heap.pop();
    return heap.size ? heap.topId()! : -1;
  };
  // Dijkstra on the k segment nodes with potentials (Edmonds–Karp): after each customer the potential is
  // its distances, which keeps every move's reduced cost c(p, b) − c(p, a) + π(a) − π(b) ≥ 0 (the moved
  // customers' reverse moves are tight, new members' moves are ≥ 0), so each search is O(k²), not Bellman–Ford's O(k³).
  const potential = new Float64Array(k),
    reduced = new Float64Array(k),
    dist = new Float64Array(k),
    prev = new Int32Array(k),
    mover = new Int32Array(k),
    done = new Uint8Array(k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      reduced[a] = cost[i * k + a]! - potential[a]!;
      prev[a] = -1;
      done[a] = 0;
    }
    for (let step = 0; step < k; step++) {
      let a = -1;
      for (let c = 0; c < k; c++) if (!done[c] && (a < 0 || reduced[c]! < reduced[a]!)) a = c;
      done[a] = 1;
      if (size[a] === 0) continue;
      for (let b = 0; b < k; b++) {
        if (done[b]) continue;
        const p = cheapestMove(a, b);
        if (p < 0) continue;
        // Rounding can leave a reduced cost a hair below 0: never let it pull a label under its origin.
        const edge = Math.max(0, cost[p * k + b]! - cost[p * k + a]! + potential[a]! - potential[b]!);
        if (reduced[a]! + edge < reduced[b]!) {
          reduced[b] = reduced[a]! + edge;
          prev[b] = a;
          mover[b] = p;
        }
      }
    }
    for (let a = 0; a < k; a++) {
      dist[a] = reduced[a]! + potential[a]!;
      potential[a] = dist[a]!;
    }
    let end = -1;
    for (let b = 0; b < k; b++) {
      if (size[b] >= bounds.max) continue;
      if (end < 0) end = b;
      else {
        const below = size[b]! < bounds.min,
          endBelow = size[end]! < bounds.min;
        if ((below && !endBelow) || (below === endBelow && dist[b]! < dist[end]!)) end = b;
      }
    }
    size[end]!++;
    let b = end;
    for (let steps = 0; prev[b] !== -1 && steps < k; steps++) {
      const a = prev[b]!;
      join(mover[b]!, b);
      b = a;
    }
    join(i, b);
  }
  return label;
}

/**
 * k-means with segment sizes between `bounds.min` and `bounds.max` (Bradley, Bennett & Demiriz 2000): from
 * the centres `start` (the unconstrained k-means solution), alternate the exact size-limited assignment
 * (`assignWithSizeLimits`) and the means, until the assignment stops changing, the centres move less than
 * k-means' tolerance (total squared shift ≤ tol × mean feature variance, as scikit-learn), or `maxIter`
 * steps; the labels are always the exact assignment to the final centres. Inertia never rises from step to
 * step. Deterministic. O(iterations · n · (k² log n + k · d)).
 */
export function sizeConstrainedKMeans(x: Matrix, start: Matrix, bounds: SizeBounds, maxIter = 300, tol = OPTION_DEFAULTS.tol): ClusterFit {
  const tolAbs = absoluteTolerance(tol, meanVariance(x));
  const k = start.rows;
  let centers: Matrix = { rows: k, cols: x.cols, data: Float64Array.from(start.data) };
  let labels = assignWithSizeLimits(x, centers, bounds);
  let iterations = 0,
    converged = false;
  while (iterations < maxIter) {
    iterations++;
    const { means, sizes } = clusterMeans(x, labels, k);
    // A segment left empty (no lower limit) keeps its centre.
    for (let j = 0; j < k; j++) if (sizes[j] === 0) means.set(centers.data.subarray(j * x.cols, (j + 1) * x.cols), j * x.cols);
    let shift = 0;
    for (let t = 0; t < means.length; t++) shift += (means[t]! - centers.data[t]!) ** 2;
    centers = { rows: k, cols: x.cols, data: means };
    const next = assignWithSizeLimits(x, centers, bounds);
    const same = next.every((l, i) => l === labels[i]);
    labels = next;
    if (same || shiftConverged(shift, tolAbs)) {
      converged = true;
      break;
    }
  }
  const warnings = converged ? [] : [`k-means with size limits (k = ${k}) did not settle in ${maxIter} steps`];
  return { labels, centers, inertia: inertiaOf(x, centers, labels), iterations, converged, warnings };
}
