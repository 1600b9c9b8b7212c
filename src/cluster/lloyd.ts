import { scratchInt32 } from './scratch.js';
import { zeros, type Matrix } from '../util/matrix.js';
import { assignNearest, inertiaOf } from './assignNearest.js';
import type { KMeansRun, KMeansRunArgs } from './kmeansRun.js';
import { shiftConverged, totalShift, updateCenters } from './updateCenters.js';
import { fitSurvivingHelpers, openPassRunner, type PassRunner } from './passRunner.js';
import { Pass } from './rowPasses.js';

/**
 * Lloyd's algorithm, iterated as scikit-learn's `lloyd` does: assign, update, stop when labels no longer
 * change (strict convergence) or the total squared centre shift is ≤ tolAbs; when not strictly converged a
 * final assignment makes the labels match the centres. With `threads`, the assignment of each iteration is
 * split by rows between threads (the centres are summed here, in row order): the same bits on any number.
 * O(iterations · n · k · d).
 */
export function lloyd(args: KMeansRunArgs): KMeansRun {
  return fitSurvivingHelpers(lloydFit, args);
}

/** One Lloyd fit (see `lloyd`); throws `HelperFailure` when a helper thread failed in one of its passes. */
function lloydFit({ x, init, weights, maxIter, tolAbs, threads }: KMeansRunArgs): KMeansRun {
  const runner = openPassRunner(x, init.rows, threads ?? 1, 'none');
  try {
    const { labels, dist } = runner.state;
    const centers: Matrix = { rows: init.rows, cols: init.cols, data: runner.state.C };
    centers.data.set(init.data);
    const next = zeros(init.rows, init.cols);
    const labelsOld = scratchInt32('fit.labelsOld', x.rows).fill(-1);
    let stop: Convergence | undefined,
      iterations = 0,
      relocations = 0;
    for (let it = 0; it < maxIter; it++) {
      iterations = it + 1;
      runner.run(Pass.Assign);
      relocations += updateCenters(x, labels, weights, next, () => dist);
      stop = moveCenters(centers, next, labels, labelsOld, tolAbs);
      if (stop) break;
    }
    return finishRun(x, centers, labels, weights, { stop, iterations, relocations }, runner);
  } finally {
    runner.close();
  }
}

/**
 * The end of an iteration: the centres take their new values (`next`, copied into the fit's buffer) and
 * the stopping rule is applied to the labels and the total squared shift. O(n + k · d).
 */
export function moveCenters(centers: Matrix, next: Matrix, labels: Int32Array, labelsOld: Int32Array, tolAbs: number): Convergence | undefined {
  const shift = totalShift(centers, next);
  centers.data.set(next.data);
  return convergence(labels, labelsOld, shift, tolAbs);
}

/** How a k-means run stopped early: no label changed ("strict"), or the centres moved less than tol. */
export type Convergence = 'strict' | 'tolerance';

/**
 * The end of every k-means run: unless labels were already stable, a last assignment so that labels match
 * the final centres (as scikit-learn does), then the inertia. O(n · k · d).
 */
export function finishRun(
  x: Matrix,
  centers: Matrix,
  labels: Int32Array,
  weights: Float64Array | undefined,
  state: { stop: Convergence | undefined; iterations: number; relocations: number },
  runner?: PassRunner,
): KMeansRun {
  let inertia: number;
  if (runner && runner.state.C === centers.data && runner.state.labels === labels) {
    // The last assignment (which writes each row's distance too) or else the distances, row by row on every
    // thread; the sum on this one, in row order.
    runner.run(state.stop !== 'strict' ? Pass.Assign : Pass.Distance);
    const dist = runner.state.dist;
    inertia = 0;
    for (let i = 0; i < x.rows; i++) inertia += weights ? weights[i]! * dist[i]! : dist[i]!;
  } else {
    if (state.stop !== 'strict') assignNearest(x, centers, labels);
    inertia = inertiaOf(x, centers, labels, weights);
  }
  return {
    // Copies out of the fit's (possibly shared) buffers.
    centers: { rows: centers.rows, cols: centers.cols, data: centers.data.slice() },
    labels: labels.slice(),
    inertia,
    iterations: state.iterations,
    converged: state.stop !== undefined,
    relocations: state.relocations,
  };
}

/**
 * scikit-learn's stopping rule after an iteration: "strict" when no label changed, "tolerance" when the
 * total squared centre shift is ≤ tolAbs, else undefined (and labelsOld takes the new labels). O(n).
 */
export function convergence(labels: Int32Array, labelsOld: Int32Array, shift: number, tolAbs: number): Convergence | undefined {
  if (sameLabels(labels, labelsOld)) return 'strict';
  if (shiftConverged(shift, tolAbs)) return 'tolerance';
  labelsOld.set(labels);
  return undefined;
}

/** True when two label arrays are equal element by element. O(n). */
function sameLabels(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
