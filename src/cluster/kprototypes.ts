import { UsageError } from '../util/errors.js';
import type { Matrix } from '../util/matrix.js';
import { createRandom, type Random } from '../util/random.js';

/** Mixed data for k-prototypes: scaled numeric columns and integer-coded categorical columns. */
export interface MixedData {
  /** n × p scaled numbers. */
  readonly numeric: Matrix;
  /** q columns of n category codes (0-based). */
  readonly categorical: readonly Int32Array[];
}

/** Options of k-prototypes. */
export interface KPrototypesOptions {
  readonly k: number;
  /** Weight of one categorical mismatch; default: Huang's heuristic, half the mean standard deviation of the numeric columns. */
  readonly gamma?: number;
  /** Restarts, best cost kept. Default 10. */
  readonly nInit?: number;
  /** Default 100. */
  readonly maxIter?: number;
  readonly seed?: number;
}

/** A fitted k-prototypes clustering. */
export interface KPrototypesFit {
  readonly k: number;
  readonly gamma: number;
  /** Numeric part of each prototype (k × p). */
  readonly numeric: number[][];
  /** Categorical part of each prototype: the mode code per categorical column (k × q). */
  readonly categorical: number[][];
  readonly labels: Int32Array;
  /** Σ squared numeric distance + γ · mismatches over all rows. */
  readonly cost: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Huang's gamma: half the mean (population) standard deviation of the numeric columns (0.5 when none). */
function defaultGamma(numeric: Matrix): number {
  const { rows: n, cols: p, data } = numeric;
  if (p === 0 || n === 0) return 0.5;
  let total = 0;
  for (let t = 0; t < p; t++) {
    let s = 0,
      s2 = 0;
    for (let i = 0; i < n; i++) ((s += data[i * p + t]!), (s2 += data[i * p + t]! ** 2));
    total += Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2));
  }
  return (0.5 * total) / p;
}

/**
 * k-prototypes (Huang 1997, "Clustering large data sets with mixed numeric and categorical values"):
 * distance = squared Euclidean distance on the numeric part + γ × the number of categorical mismatches;
 * prototypes are numeric means and categorical modes (ties: lowest code). Seeding by D² sampling under
 * the mixed distance, seeded restarts, batch updates until no row changes; an empty cluster takes the row
 * farthest from its prototype. O(nInit · iterations · n · k · (p + q)).
 */
export function kprototypes(data: MixedData, options: KPrototypesOptions): KPrototypesFit {
  const { k, nInit = 10, maxIter = 100, seed = 0 } = options;
  const n = data.numeric.rows;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new UsageError(`invalid k: ${k} (expected 1..${n})`);
  const gamma = options.gamma ?? defaultGamma(data.numeric);
  if (!(gamma >= 0)) throw new UsageError(`invalid --gamma: ${gamma} (expected a number ≥ 0)`);
  const rng = createRandom(seed);
  let best: KPrototypesFit | undefined;
  for (let r = 0; r < nInit; r++) {
    const fit = run(data, k, gamma, maxIter, rng);
    if (!best || fit.cost < best.cost) best = fit;
  }
  return best!;
}

/** The mixed distance of row i to a prototype. */
export function mixedDistance(data: MixedData, i: number, num: ArrayLike<number>, cat: ArrayLike<number>, gamma: number): number {
  const p = data.numeric.cols,
    X = data.numeric.data;
  let s = 0;
  for (let t = 0; t < p; t++) s += (X[i * p + t]! - num[t]!) ** 2;
  let m = 0;
  for (let c = 0; c < data.categorical.length; c++) if (data.categorical[c]![i] !== cat[c]) m++;
  return s + gamma * m;
}

function rowPrototype(data: MixedData, i: number): { num: number[]; cat: number[] } {
  const p = data.numeric.cols;
  return { num: Array.from(data.numeric.data.subarray(i * p, i * p + p)), cat: data.categorical.map((c) => c[i]!) };
}

function run(data: MixedData, k: number, gamma: number, maxIter: number, rng: Random): KPrototypesFit {
  const n = data.numeric.rows,
    p = data.numeric.cols,
    q = data.categorical.length;
  // D² seeding under the mixed distance.
  const protos = [rowPrototype(data, rng.int(n))];
  const closest = Float64Array.from({ length: n }, (_, i) => mixedDistance(data, i, protos[0]!.num, protos[0]!.cat, gamma));
  while (protos.length < k) {
    const total = closest.reduce((s, v) => s + v, 0);
    let target = rng.next() * total,
      pick = n - 1;
    for (let i = 0; i < n; i++) if ((target -= closest[i]!) < 0) ((pick = i), (i = n));
    const proto = rowPrototype(data, total > 0 ? pick : rng.int(n));
    protos.push(proto);
    for (let i = 0; i < n; i++) closest[i] = Math.min(closest[i]!, mixedDistance(data, i, proto.num, proto.cat, gamma));
  }
  const labels = new Int32Array(n).fill(-1);
  let iterations = 0,
    converged = false;
  for (let it = 0; it < maxIter; it++) {
    iterations = it + 1;
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let bestJ = 0,
        bestD = Infinity;
      for (let j = 0; j < k; j++) {
        const d = mixedDistance(data, i, protos[j]!.num, protos[j]!.cat, gamma);
        if (d < bestD) ((bestD = d), (bestJ = j));
      }
      if (labels[i] !== bestJ) ((labels[i] = bestJ), changed++);
    }
    if (changed === 0) {
      converged = true;
      break;
    }
    updatePrototypes(data, labels, protos, gamma, p, q);
  }
  let cost = 0;
  for (let i = 0; i < n; i++) cost += mixedDistance(data, i, protos[labels[i]!]!.num, protos[labels[i]!]!.cat, gamma);
  return { k, gamma, numeric: protos.map((x) => x.num), categorical: protos.map((x) => x.cat), labels, cost, iterations, converged };
}

function updatePrototypes(data: MixedData, labels: Int32Array, protos: Array<{ num: number[]; cat: number[] }>, gamma: number, p: number, q: number): void {
  const n = labels.length,
    k = protos.length,
    X = data.numeric.data;
  const sizes = new Float64Array(k);
  const sums = Array.from({ length: k }, () => new Float64Array(p));
  const counts = Array.from({ length: k }, () => Array.from({ length: q }, () => new Map<number, number>()));
  for (let i = 0; i < n; i++) {
    const j = labels[i]!;
    sizes[j]!++;
    for (let t = 0; t < p; t++) sums[j]![t]! += X[i * p + t]!;
    for (let c = 0; c < q; c++) {
      const code = data.categorical[c]![i]!;
      counts[j]![c]!.set(code, (counts[j]![c]!.get(code) ?? 0) + 1);
    }
  }
  for (let j = 0; j < k; j++) {
    if (sizes[j] === 0) {
      // Empty cluster: move its prototype to the row farthest from its own prototype.
      let far = 0,
        farD = -1;
      for (let i = 0; i < n; i++) {
        const d = mixedDistance(data, i, protos[labels[i]!]!.num, protos[labels[i]!]!.cat, gamma);
        if (d > farD) ((farD = d), (far = i));
      }
      protos[j] = rowPrototype(data, far);
      continue;
    }
    protos[j]!.num = Array.from(sums[j]!, (s) => s / sizes[j]!);
    protos[j]!.cat = counts[j]!.map((m) => [...m.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0]![0]);
  }
}
