import { zeros, type Matrix } from '../util/matrix.js';
import type { KMeansRun, KMeansRunArgs } from './kmeansRun.js';
import { convergence, finishRun, type Convergence } from './lloyd.js';
import { recomputeSums, updateCenters } from './updateCenters.js';

/**
 * Elkan's exact accelerated k-means (C. Elkan, "Using the triangle inequality to accelerate k-means",
 * ICML 2003): one upper bound per row and one lower bound per row and centre, with the centre-to-centre
 * distances, skip most distance computations; assignments (and so centres, up to rounding of the running
 * sums) are those of Lloyd's algorithm from the same start. Pays off for larger k; O(n · k) extra memory.
 */
export function elkan({ x, init, weights, maxIter, tolAbs }: KMeansRunArgs): KMeansRun {
  const n = x.rows,
    d = x.cols,
    k = init.rows,
    X = x.data;
  let centers: Matrix = { rows: k, cols: d, data: init.data.slice() };
  let next = zeros(k, d);
  const labels = new Int32Array(n);
  const labelsOld = new Int32Array(n).fill(-1);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n * k);
  const cc = new Float64Array(k * k);
  const half = new Float64Array(k);
  const moved = new Float64Array(k);
  const sums = new Float64Array(k * d),
    mass = new Float64Array(k);
  const dist = (i: number, C: Float64Array, j: number): number => {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const diff = X[i * d + t]! - C[j * d + t]!;
      s += diff * diff;
    }
    return Math.sqrt(s);
  };
  for (let i = 0; i < n; i++) {
    let best = 0,
      bestD = Infinity;
    for (let j = 0; j < k; j++) {
      const v = dist(i, centers.data, j);
      lower[i * k + j] = v;
      if (v < bestD) ((bestD = v), (best = j));
    }
    labels[i] = best;
    upper[i] = bestD;
  }
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
      for (let i = 0; i < n; i++) {
        const a0 = labels[i]!;
        if (upper[i]! <= half[a0]!) continue;
        let a = a0,
          stale = true;
        for (let j = 0; j < k; j++) {
          if (j === a || upper[i]! <= lower[i * k + j]! || upper[i]! <= cc[a * k + j]! / 2) continue;
          if (stale) {
            upper[i] = lower[i * k + a] = dist(i, C, a);
            stale = false;
            if (upper[i]! <= lower[i * k + j]! || upper[i]! <= cc[a * k + j]! / 2) continue;
          }
          const v = (lower[i * k + j] = dist(i, C, j));
          if (v < upper[i]! || (v === upper[i]! && j < a)) ((a = j), (upper[i] = v));
        }
        if (a !== a0) {
          labels[i] = a;
          const w = weights ? weights[i]! : 1;
          mass[a0]! -= w;
          mass[a]! += w;
          for (let t = 0; t < d; t++) ((sums[a0 * d + t]! -= w * X[i * d + t]!), (sums[a * d + t]! += w * X[i * d + t]!));
        }
      }
    }
    if (it === 0 || mass.some((m) => m <= 0)) {
      relocations += updateCenters(x, labels, weights, next, () => Float64Array.from({ length: n }, (_, i) => dist(i, centers.data, labels[i]!) ** 2));
      recomputeSums(x, labels, weights, sums, mass);
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
    [centers, next] = [next, centers];
    for (let i = 0; i < n; i++) {
      upper[i]! += moved[labels[i]!]!;
      for (let j = 0; j < k; j++) lower[i * k + j] = Math.max(0, lower[i * k + j]! - moved[j]!);
    }
    stop = convergence(labels, labelsOld, shift, tolAbs);
    if (stop) break;
  }
  return finishRun(x, centers, labels, weights, { stop, iterations, relocations });
}
