import { scratchInt32 } from './scratch.js';
import { zeros, type Matrix } from '../util/matrix.js';
import type { KMeansRun, KMeansRunArgs } from './kmeansRun.js';
import { finishRun, moveCenters, type Convergence } from './lloyd.js';
import { fitSurvivingHelpers, openPassRunner } from './passRunner.js';
import { Pass } from './rowPasses.js';
import { moveChangedRows, updateCenters } from './updateCenters.js';

/**
 * Hamerly's exact accelerated k-means (G. Hamerly, "Making k-means even faster", SDM 2010): one upper
 * bound to the assigned centre and one lower bound to the second-closest per row let most distance
 * computations be skipped, while the assignments (and so the centres) stay those of Lloyd's algorithm
 * with the same initial centres. Centres come from running per-cluster sums updated only for rows that
 * change cluster (equal to Lloyd's up to rounding). Convergence is judged exactly as in `lloyd`. With
 * `threads`, the bound checks and re-assignments are split by rows between threads and the sums updated here
 * in row order: the same bits on any number. Best for low d; O(n) extra memory.
 */
export function hamerly(args: KMeansRunArgs): KMeansRun {
  return fitSurvivingHelpers(hamerlyFit, args);
}

/** One Hamerly fit (see `hamerly`); throws `HelperFailure` when a helper thread failed in one of its passes. */
function hamerlyFit({ x, init, weights, maxIter, tolAbs, threads }: KMeansRunArgs): KMeansRun {
  const n = x.rows,
    d = x.cols,
    k = init.rows;
  const runner = openPassRunner(x, k, threads ?? 1, 'hamerly');
  try {
    const { labels, halfGap, moved, moves, from } = runner.state;
    const centers: Matrix = { rows: k, cols: d, data: runner.state.C };
    centers.data.set(init.data);
    const next = zeros(k, d);
    const labelsOld = scratchInt32('fit.labelsOld', n).fill(-1);
    runner.run(Pass.HamerlyInit);
    const sums = new Float64Array(k * d),
      mass = new Float64Array(k);
    let stop: Convergence | undefined,
      iterations = 0,
      relocations = 0;
    for (let it = 0; it < maxIter; it++) {
      iterations = it + 1;
      if (it > 0) {
        computeHalfGaps(centers, halfGap);
        // The bounds take the last moves and rows are re-checked on every thread; the running sums are
        // updated here, in row order, for the rows that changed cluster (the same bits as one thread).
        runner.run(Pass.HamerlyStep);
        moveChangedRows(x, labels, from, weights, sums, mass);
      }
      if (it === 0 || mass.some((m) => m <= 0)) {
        relocations += updateCenters(x, labels, weights, next, () => (runner.run(Pass.Distance), runner.state.dist), { sums, mass });
      } else {
        for (let j = 0; j < k; j++) for (let t = 0; t < d; t++) next.data[j * d + t] = sums[j * d + t]! / mass[j]!;
      }
      let max1 = 0,
        max2 = 0,
        arg1 = -1;
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let t = 0; t < d; t++) {
          const diff = centers.data[j * d + t]! - next.data[j * d + t]!;
          s += diff * diff;
        }
        const p = (moved[j] = Math.sqrt(s));
        if (p > max1) ((max2 = max1), (max1 = p), (arg1 = j));
        else if (p > max2) max2 = p;
      }
      moves.set([max1, max2, arg1]);
      stop = moveCenters(centers, next, labels, labelsOld, tolAbs);
      if (stop) break;
    }
    return finishRun(x, centers, labels, weights, { stop, iterations, relocations }, runner);
  } finally {
    runner.close();
  }
}

/** For each centre, half the distance to its nearest other centre. O(k² · d). */
function computeHalfGaps(centers: Matrix, out: Float64Array): void {
  const k = centers.rows,
    d = centers.cols,
    C = centers.data;
  out.fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = C[a * d + t]! - C[b * d + t]!;
        s += diff * diff;
      }
      const h = Math.sqrt(s) / 2;
      if (h < out[a]!) out[a] = h;
      if (h < out[b]!) out[b] = h;
    }
  }
}
