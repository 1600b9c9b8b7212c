import { nearestKernel, type NearestKernel } from './nearestKernel.js';
/**
 * The per-row passes of one k-means fit that may run on several threads at once: each pass reads the data
 * and the current centres and writes only its own rows' entries (labels, distances, bounds), so splitting
 * the rows between threads gives the same bits as one thread. Everything that sums over rows (centres,
 * inertia) stays on the calling thread, in row order.
 */

/** Which pass to run over a range of rows. */
export const Pass = Object.freeze({
  /** Lloyd: nearest centre and its squared distance → labels, dist. */
  Assign: 1,
  /** Squared distance to the labelled centre → dist. */
  Distance: 2,
  /** Hamerly, first pass: nearest and second-nearest centre → labels, upper, lower. */
  HamerlyInit: 3,
  /** Hamerly, later passes: shift the bounds by the last centre moves, then re-check rows whose bounds overlap → labels, upper, lower, from. */
  HamerlyStep: 4,
  /** Elkan, first pass: the distance to every centre → lower (n × k), labels, upper. */
  ElkanInit: 5,
  /** Elkan's assignment step with the centre-to-centre distances `cc` and half-gaps → labels, upper, lower, from. */
  ElkanStep: 6,
  /** Elkan, after the centres moved: upper + own centre's move, every lower bound − its centre's move (≥ 0). */
  ElkanBounds: 7,
});

/** What a fit keeps per row besides its label: nothing (Lloyd), Hamerly's two bounds, or Elkan's upper and k lower bounds. */
export type BoundsKind = 'none' | 'hamerly' | 'elkan';

/** A pass's number (see `Pass`). */
export type PassKind = (typeof Pass)[keyof typeof Pass];

/** The arrays a fit's passes work on (shared memory when helper threads take part). */
export interface PassState {
  readonly X: Float64Array;
  readonly n: number;
  readonly d: number;
  readonly k: number;
  /** The current centres, k × d. */
  readonly C: Float64Array;
  readonly labels: Int32Array;
  readonly dist: Float64Array;
  readonly upper: Float64Array;
  /** Hamerly: one lower bound per row; Elkan: k per row (row-major). */
  readonly lower: Float64Array;
  /** Elkan: distances between centres, k × k. */
  readonly cc: Float64Array;
  /** Hamerly and Elkan: half the distance from each centre to its nearest other centre. */
  readonly halfGap: Float64Array;
  /** Hamerly: how far each centre moved last time, then [largest move, second largest, its centre] in `moves`. */
  readonly moved: Float64Array;
  readonly moves: Float64Array;
  /** Hamerly: a row's label before the pass when it changed, else −1. */
  readonly from: Int32Array;
}

/** The buffers behind a PassState's arrays (shared memory when helper threads take part). */
export type PassBuffers = Readonly<Record<'C' | 'labels' | 'dist' | 'upper' | 'lower' | 'cc' | 'halfGap' | 'moved' | 'moves' | 'from', ArrayBufferLike>>;

/** A PassState over the data and the buffers: the same views on the calling thread and in every helper. O(1). */
export function passState(X: Float64Array, n: number, d: number, k: number, b: PassBuffers, bounds: BoundsKind): PassState {
  const rows = bounds === 'none' ? 0 : n;
  return {
    X,
    n,
    d,
    k,
    C: new Float64Array(b.C, 0, k * d),
    labels: new Int32Array(b.labels, 0, n),
    dist: new Float64Array(b.dist, 0, n),
    upper: new Float64Array(b.upper, 0, rows),
    lower: new Float64Array(b.lower, 0, bounds === 'elkan' ? n * k : rows),
    cc: new Float64Array(b.cc, 0, bounds === 'elkan' ? k * k : 0),
    halfGap: new Float64Array(b.halfGap, 0, k),
    moved: new Float64Array(b.moved, 0, k),
    moves: new Float64Array(b.moves, 0, 3),
    from: new Int32Array(b.from, 0, rows),
  };
}

/** Runs one pass over rows [start, end). O((end − start) · k · d) at most. */
export function runPass(pass: PassKind, s: PassState, start: number, end: number): void {
  switch (pass) {
    case Pass.Assign: {
      const kernel = nearestKernel(s.C, s.k, s.d);
      if (!kernel) for (let i = start; i < end; i++) nearest(s.X, s.C, s.d, s.k, i, s.labels, s.dist);
      else for (let i = start; i < end; i++) ((s.labels[i] = kernel.nearestTwo(s.X, i)), (s.dist[i] = kernel.first()));
      return;
    }
    case Pass.Distance: {
      const { X, C, d, labels, dist } = s;
      for (let i = start; i < end; i++) dist[i] = squaredTo(X, C, d, i, labels[i]!);
      return;
    }
    case Pass.HamerlyInit: {
      const kernel = nearestKernel(s.C, s.k, s.d);
      for (let i = start; i < end; i++) nearestTwo(s.X, s.C, s.d, s.k, i, s.labels, s.upper, s.lower, kernel);
      return;
    }
    case Pass.HamerlyStep:
      hamerlyStep(s, start, end);
      return;
    case Pass.ElkanInit:
      for (let i = start; i < end; i++) elkanInit(s, i);
      return;
    case Pass.ElkanStep:
      for (let i = start; i < end; i++) elkanStep(s, i);
      return;
    case Pass.ElkanBounds: {
      const { k, labels, upper, lower, moved } = s;
      for (let i = start; i < end; i++) {
        upper[i]! += moved[labels[i]!]!;
        for (let j = 0; j < k; j++) lower[i * k + j] = Math.max(0, lower[i * k + j]! - moved[j]!);
      }
      return;
    }
  }
}

/** Elkan's first assignment of row i: every distance becomes a lower bound; the nearest is the label and upper bound. */
function elkanInit(s: PassState, i: number): void {
  const { X, C, d, k, labels, upper, lower } = s;
  let best = 0,
    bestD = Infinity;
  for (let j = 0; j < k; j++) {
    const v = Math.sqrt(squaredTo(X, C, d, i, j));
    lower[i * k + j] = v;
    if (v < bestD) ((bestD = v), (best = j));
  }
  labels[i] = best;
  upper[i] = bestD;
}

/**
 * Elkan's assignment of row i: skipped when the upper bound is within half the gap to the nearest other
 * centre; else each centre that the bounds cannot rule out is checked (the own distance made exact once).
 * `from[i]` records the old label of a row that moved.
 */
function elkanStep(s: PassState, i: number): void {
  const { X, C, d, k, labels, upper, lower, cc, halfGap, from } = s;
  from[i] = -1;
  const a0 = labels[i]!;
  if (upper[i]! <= halfGap[a0]!) return;
  let a = a0,
    stale = true;
  for (let j = 0; j < k; j++) {
    if (j === a || upper[i]! <= lower[i * k + j]! || upper[i]! <= cc[a * k + j]! / 2) continue;
    if (stale) {
      upper[i] = lower[i * k + a] = Math.sqrt(squaredTo(X, C, d, i, a));
      stale = false;
      if (upper[i]! <= lower[i * k + j]! || upper[i]! <= cc[a * k + j]! / 2) continue;
    }
    const v = (lower[i * k + j] = Math.sqrt(squaredTo(X, C, d, i, j)));
    if (v < upper[i]! || (v === upper[i]! && j < a)) ((a = j), (upper[i] = v));
  }
  if (a !== a0) ((labels[i] = a), (from[i] = a0));
}

/** Squared distance of row i to centre j (data and centres row-major with d columns). O(d). */
export function squaredTo(X: Float64Array, C: Float64Array, d: number, i: number, j: number): number {
  const off = i * d,
    co = j * d;
  let sum = 0;
  for (let t = 0; t < d; t++) {
    const diff = X[off + t]! - C[co + t]!;
    sum += diff * diff;
  }
  return sum;
}

/** Nearest centre of row i (ties to the lowest index) and its squared distance, into labels and dist. O(k · d). */
export function nearest(X: Float64Array, C: Float64Array, d: number, k: number, i: number, labels: Int32Array, dist: Float64Array): void {
  let best = 0,
    bestD = Infinity;
  for (let j = 0; j < k; j++) {
    const v = squaredTo(X, C, d, i, j);
    if (v < bestD) ((bestD = v), (best = j));
  }
  labels[i] = best;
  dist[i] = bestD;
}

/** Nearest and second-nearest centre: the label and Hamerly's two bounds (through `kernel` when given: the same bits). */
function nearestTwo(
  X: Float64Array,
  C: Float64Array,
  d: number,
  k: number,
  i: number,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  kernel?: NearestKernel,
): void {
  if (kernel) {
    labels[i] = kernel.nearestTwo(X, i);
    upper[i] = Math.sqrt(kernel.first());
    lower[i] = Math.sqrt(kernel.second());
    return;
  }
  let b1 = 0,
    d1 = Infinity,
    d2 = Infinity;
  for (let j = 0; j < k; j++) {
    const v = squaredTo(X, C, d, i, j);
    if (v < d1) ((d2 = d1), (d1 = v), (b1 = j));
    else if (v < d2) d2 = v;
  }
  labels[i] = b1;
  upper[i] = Math.sqrt(d1);
  lower[i] = Math.sqrt(d2);
}

/**
 * Hamerly's assignment step for rows [start, end): the bounds first take the last centre moves (upper +
 * own centre's move, lower − the largest move of another centre), then a row is re-checked only when its
 * upper bound exceeds max(half gap, lower bound); `from[i]` records the old label of a row that moved.
 */
function hamerlyStep(s: PassState, start: number, end: number): void {
  const { X, C, d, k, labels, upper, lower, halfGap, moved, from } = s;
  const kernel = nearestKernel(C, k, d);
  const max1 = s.moves[0]!,
    max2 = s.moves[1]!,
    arg1 = s.moves[2]!;
  for (let i = start; i < end; i++) {
    const a = labels[i]!;
    const u = upper[i]! + moved[a]!;
    const l = lower[i]! - (a === arg1 ? max2 : max1);
    upper[i] = u;
    lower[i] = l;
    from[i] = -1;
    const m = Math.max(halfGap[a]!, l);
    if (u <= m) continue;
    const exact = Math.sqrt(squaredTo(X, C, d, i, a));
    upper[i] = exact;
    if (exact <= m) continue;
    nearestTwo(X, C, d, k, i, labels, upper, lower, kernel);
    if (labels[i] !== a) from[i] = a;
  }
}

/** Rows [start, end) of chunk `c` of `chunks` equal parts of n rows. */
export function chunkOf(n: number, c: number, chunks: number): [number, number] {
  return [Math.floor((c * n) / chunks), Math.floor(((c + 1) * n) / chunks)];
}
