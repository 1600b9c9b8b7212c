import { zeros, type Matrix } from '../util/matrix.js';
import type { KMeansRun, KMeansRunArgs } from './kmeansRun.js';
import { convergence, finishRun, type Convergence } from './lloyd.js';
import { fitSurvivingHelpers, openPassRunner } from './passRunner.js';
import { Pass, squaredTo } from './rowPasses.js';
import { scratchInt32 } from './scratch.js';
import { moveChangedRows, updateCenters } from './updateCenters.js';

/**
 * Elkan's exact accelerated k-means (C. Elkan, "Using the triangle inequality to accelerate k-means",
 * ICML 2003): one upper bound per row and one lower bound per row and centre, with the centre-to-centre
 * distances, skip most distance computations; assignments (and so centres, up to rounding of the running
 * sums) are those of Lloyd's algorithm from the same start. Pays off for larger k; O(n · k) extra memory.
 * With `threads`, the per-row passes (first assignment, bound checks, bound shifts) are split by rows
 * between threads and the sums updated here in row order: the same bits on any number.
 */
export function elkan(args: KMeansRunArgs): KMeansRun {
  return fitSurvivingHelpers(elkanFit, args);
}

/** One Elkan fit (see `elkan`); throws `HelperFailure` when a helper thread failed in one of its passes. */
function elkanFit({ x, init, weights, maxIter, tolAbs, threads }: KMeansRunArgs): KMeansRun {
  const n = x.rows,
    d = x.cols,
    k = init.rows,
    X = x.data;
  const runner = openPassRunner(x, k, threads ?? 1, 'elkan');
  try {
    const { labels, cc, halfGap: half, moved, from } = runner.state;
    const centers: Matrix = { rows: k, cols: d, data: runner.state.C };
    centers.data.set(init.data);
    const next = zeros(k, d);
    const labelsOld = scratchInt32('fit.labelsOld', n).fill(-1);
    const sums = new Float64Array(k * d),
      mass = new Float64Array(k);
    runner.run(Pass.ElkanInit);
    let stop: Convergence | undefined,
      iterations = 0,
      relocations = 0;
    for (let it = 0; it < maxIter; it++) {
      iterations = it + 1;
      if (it > 0) {
        const C = centers.data;
        for (let a = 0; a < k; a++) {
          let m = Infinity;
          for (let b = 0; b < k; b++) {
            if (a === b) continue;
            let s = 0;
            for (let t = 0; t < d; t++) s += (C[a * d + t]! - C[b * d + t]!) ** 2;
            cc[a * k + b] = Math.sqrt(s);
            if (cc[a * k + b]! < m) m = cc[a * k + b]!;
          }
          half[a] = m / 2;
        }
        // Rows are checked on every thread; the running sums are updated here, in row order, for the rows
        // that changed cluster (the same bits as one thread).
        runner.run(Pass.ElkanStep);
        moveChangedRows(x, labels, from, weights, sums, mass);
      }
      if (it === 0 || mass.some((m) => m <= 0)) {
        // √ then squared, as Elkan always measured them: the same bits, so an empty cluster takes the same row.
        relocations += updateCenters(
          x,
          labels,
          weights,
          next,
          () => Float64Array.from({ length: n }, (_, i) => Math.sqrt(squaredTo(X, centers.data, d, i, labels[i]!)) ** 2),
          { sums, mass },
        );
      } else {
        for (let j = 0; j < k; j++) for (let t = 0; t < d; t++) next.data[j * d + t] = sums[j * d + t]! / mass[j]!;
      }
      let shift = 0;
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += (centers.data[j * d + t]! - next.data[j * d + t]!) ** 2;
        shift += s;
        moved[j] = Math.sqrt(s);
      }
      centers.data.set(next.data);
      runner.run(Pass.ElkanBounds);
      stop = convergence(labels, labelsOld, shift, tolAbs);
      if (stop) break;
    }
    return finishRun(x, centers, labels, weights, { stop, iterations, relocations }, runner);
  } finally {
    runner.close();
  }
}
