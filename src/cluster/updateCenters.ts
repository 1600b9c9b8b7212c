import type { Matrix } from '../util/matrix.js';

/** Running per-cluster sums (k × d) and masses that the bounded variants update row by row (`moveChangedRows`). */
export interface RunningSums {
  readonly sums: Float64Array;
  readonly mass: Float64Array;
}

/**
 * The k-means M-step: each centre becomes the weighted mean of its rows. An empty cluster is relocated,
 * as scikit-learn does, to the row farthest from its current centre (farthest first, one row per empty
 * cluster), which is taken out of its old cluster's
 * sum (labels are left as they are, so convergence is judged as scikit-learn does). Writes into `next` and returns the number of empty
 * clusters that were relocated. `distToOld` are the rows' squared distances to their assigned old centres
 * (needed only when a cluster is empty). With `running` (Hamerly, Elkan), also sets the running sums from
 * scratch as `recomputeSums` does: the step's own sums when no cluster was empty (the same additions in the
 * same row order, so the same bits, without a second pass over the rows), re-summed by label otherwise (a
 * relocation moves a row's values, not its label). O(n · d).
 */
export function updateCenters(
  x: Matrix,
  labels: Int32Array,
  weights: Float64Array | undefined,
  next: Matrix,
  distToOld: () => Float64Array,
  running?: RunningSums,
): number {
  const n = x.rows,
    d = x.cols,
    k = next.rows,
    X = x.data,
    C = next.data;
  C.fill(0);
  const mass = new Float64Array(k);
  sumByCluster(x, labels, weights, C, mass);
  const empty: number[] = [];
  for (let j = 0; j < k; j++) if (mass[j] === 0) empty.push(j);
  if (empty.length > 0) {
    const dist = distToOld();
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => dist[b]! - dist[a]! || a - b);
    relocateEmpty(C, mass, d, empty, (e) => {
      const far = order[e]!;
      return { old: labels[far]!, weight: weights ? weights[far]! : 1, value: (t) => X[far * d + t]! };
    });
    if (running) recomputeSums(x, labels, weights, running.sums, running.mass);
  } else if (running) {
    running.sums.set(C);
    running.mass.set(mass);
  }
  divideByMass(C, mass, d);
  return empty.length;
}

/** One far row taken by an empty cluster: the cluster it leaves, its weight and its values. */
export interface FarRow {
  readonly old: number;
  readonly weight: number;
  readonly value: (t: number) => number;
}

/**
 * scikit-learn's relocation of empty clusters, on unnormalised sums (k × d) and masses: empty cluster
 * `empty[e]` takes the e-th farthest row (`far(e)`, farthest first), whose weighted values become its sum and
 * leave the sum of the cluster the row was in. Shared by the in-memory M-step and the Lloyd in SQL. O(|empty| · d).
 */
export function relocateEmpty(sums: Float64Array, mass: Float64Array, d: number, empty: readonly number[], far: (e: number) => FarRow): void {
  empty.forEach((j, e) => {
    const { old, weight, value } = far(e);
    for (let t = 0; t < d; t++) {
      sums[j * d + t] = weight * value(t);
      sums[old * d + t]! -= weight * value(t);
    }
    mass[j] = weight;
    mass[old]! -= weight;
  });
}

/** Sums (k × d) divided by their masses, in place: the centres (a cluster of mass 0 keeps its sum). O(k · d). */
export function divideByMass(sums: Float64Array, mass: Float64Array, d: number): void {
  for (let j = 0; j < mass.length; j++) {
    const m = mass[j]!;
    if (m > 0) for (let t = 0; t < d; t++) sums[j * d + t]! /= m;
  }
}

/** scikit-learn's scaling of tol: the absolute tolerance is tol × the mean feature variance. O(1). */
export function absoluteTolerance(tol: number, meanVariance: number): number {
  return tol * meanVariance;
}

/** The tolerance rule shared by every k-means (in memory and in SQL): the total squared centre shift is at most the absolute tolerance. O(1). */
export function shiftConverged(shift: number, tolAbs: number): boolean {
  return shift <= tolAbs;
}

/** Sum over centres of the squared distance each centre moved. O(k · d). */
export function totalShift(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) {
    const diff = a.data[i]! - b.data[i]!;
    s += diff * diff;
  }
  return s;
}

/**
 * Moves each row that changed cluster (`from[i]` ≥ 0: its old cluster; `labels[i]`: its new one) between
 * the clusters' running sums and weights, in row order — instead of re-summing every row. The bounded
 * k-means variants call it after their parallel passes, so the sums have the same bits on any number of
 * threads. O(n + moved · d).
 */
export function moveChangedRows(
  x: Matrix,
  labels: Int32Array,
  from: Int32Array,
  weights: Float64Array | undefined,
  sums: Float64Array,
  mass: Float64Array,
): void {
  const d = x.cols,
    X = x.data;
  for (let i = 0; i < x.rows; i++) {
    const a = from[i]!;
    if (a < 0) continue;
    const b = labels[i]!;
    const w = weights ? weights[i]! : 1;
    mass[a]! -= w;
    mass[b]! += w;
    for (let t = 0; t < d; t++) {
      sums[a * d + t]! -= w * X[i * d + t]!;
      sums[b * d + t]! += w * X[i * d + t]!;
    }
  }
}

/** Per-cluster weighted sums of rows and total weights, from scratch. O(n · d). */
function recomputeSums(x: Matrix, labels: Int32Array, weights: Float64Array | undefined, sums: Float64Array, mass: Float64Array): void {
  sums.fill(0);
  mass.fill(0);
  sumByCluster(x, labels, weights, sums, mass);
}

/** Adds each row, weighted, to its cluster's sum and its weight to the cluster's mass, in row order. O(n · d). */
function sumByCluster(x: Matrix, labels: Int32Array, weights: Float64Array | undefined, sums: Float64Array, mass: Float64Array): void {
  const d = x.cols,
    X = x.data;
  for (let i = 0; i < x.rows; i++) {
    const j = labels[i]!,
      w = weights ? weights[i]! : 1,
      off = i * d,
      co = j * d;
    mass[j]! += w;
    for (let t = 0; t < d; t++) sums[co + t]! += w * X[off + t]!;
  }
}
