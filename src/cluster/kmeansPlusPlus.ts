import { candidatePotentials } from './candidatePass.js';
import { scratchFloat64 } from './scratch.js';
import type { Matrix } from '../util/matrix.js';
import type { Random } from '../util/random.js';

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with the greedy variant scikit-learn uses:
 * 2 + ⌊ln k⌋ candidates per step, keeping the one that lowers the potential most). The first centre is
 * drawn with probability proportional to the sample weight, each next candidate proportional to
 * weight × squared distance to the nearest chosen centre. Returns k × d centres (copies of data rows).
 * Prior validation is assumed (1 ≤ k ≤ rows). O(k · trials · n · d) time, O(n · trials) memory.
 */
export function kmeansPlusPlus(x: Matrix, k: number, rng: Random, weights?: Float64Array, helper?: CandidateHelper): Matrix {
  const n = x.rows,
    d = x.cols,
    X = x.data;
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  // The nearest distances so far and each candidate's: trials + 1 arrays of n, where the helpers (if any)
  // write theirs too. The chosen candidate's array becomes the nearest one: nothing is copied.
  const slots = helper ? helper.distances(trials + 1) : Array.from({ length: trials + 1 }, (_, t) => scratchFloat64(`kpp.distances${t}`, n));
  const cumulative = scratchFloat64('kpp.cumulative', n);
  const first = weights ? searchCumulative(cumsum(weights, cumulative), rng.next() * cumulative[n - 1]!) : uniformRow(n, rng.next());
  centers.set(X.subarray(first * d, first * d + d), 0);
  // The first centre's distances: the candidate pass from "infinitely far" (same sums, same order).
  let near = 0;
  let pot = candidatePotentials(X, d, n, [first * d], slots[near]!.fill(Infinity), weights, [slots[near]!])[0]!;
  const candidates = new Int32Array(trials);
  // With helper threads, the main thread evaluates the first share of each step's candidates and the helpers
  // the rest; the choice is the same as on one thread.
  const half = helper ? Math.ceil(trials / helper.threads) : trials;
  for (let c = 1; c < k; c++) {
    const closest = slots[near]!;
    // Cumulative weight × distance, in one pass (the same products and sums, in the same order, as two).
    if (weights) for (let i = 0, sum = 0; i < n; i++) cumulative[i] = sum += weights[i]! * closest[i]!;
    else for (let i = 0, sum = 0; i < n; i++) cumulative[i] = sum += closest[i]!;
    for (let t = 0; t < trials; t++) candidates[t] = searchCumulative(cumulative, rng.next() * pot);
    // Candidate t writes its distances into slot outs[t]: every slot but the nearest one.
    const outs = Array.from({ length: trials }, (_, t) => (t < near ? t : t + 1));
    let best = 0,
      bestPot = Infinity;
    const keep = (pots: Float64Array, from: number): void => pots.forEach((p, j) => p < bestPot && ((bestPot = p), (best = from + j)));
    // This thread's candidates share one read of the rows; the best is taken in candidate order, as before.
    const evaluateHere = (from: number, to: number): void => {
      const offsets = Array.from(candidates.subarray(from, to), (c) => c * d);
      const into = outs.slice(from, to).map((s) => slots[s]!);
      keep(candidatePotentials(X, d, n, offsets, closest, weights, into), from);
    };
    const helped = helper?.start(candidates.subarray(half), near, outs.slice(half));
    evaluateHere(0, helped ? half : trials);
    const theirs = helped?.finish();
    if (theirs) keep(theirs, half);
    else if (helped) evaluateHere(half, trials); // the helper failed: its half is evaluated here, with the same result
    pot = bestPot;
    near = outs[best]!;
    const id = candidates[best]!;
    centers.set(X.subarray(id * d, id * d + d), c * d);
  }
  return { rows: k, cols: d, data: centers };
}

/** Evaluates some of a step's candidates on other threads, writing their distances where the seeding reads them. */
export interface CandidateHelper {
  /** Threads in all, the main thread included: the main thread takes ⌈candidates / threads⌉ of each step. */
  readonly threads: number;
  /** The seeding's `count` per-row distance arrays (n each), in memory the helpers read and write. */
  distances(count: number): Float64Array[];
  /**
   * Starts the evaluation of `candidates` against the nearest distances in slot `near`, candidate j writing
   * its distances into slot `outs[j]`; `finish` waits and answers their potentials, or undefined when the
   * helper failed.
   */
  start(candidates: Int32Array, near: number, outs: readonly number[]): { finish(): Float64Array | undefined } | undefined;
}

/**
 * The row a uniform draw u ∈ [0, 1) picks among n rows of weight 1: the first i whose cumulative weight
 * i + 1 reaches u · n (what `searchCumulative` finds over 1, 2, …, n, without the array). O(1).
 */
export function uniformRow(n: number, u: number): number {
  return Math.min(n - 1, Math.max(0, Math.ceil(u * n) - 1));
}

function cumsum(values: Float64Array, out: Float64Array): Float64Array {
  let s = 0;
  for (let i = 0; i < values.length; i++) out[i] = s += values[i]!;
  return out;
}

/** First index whose cumulative value is ≥ target (numpy searchsorted, side "left"), clipped to n − 1. */
export function searchCumulative(cumulative: Float64Array, target: number): number {
  let lo = 0,
    hi = cumulative.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, cumulative.length - 1);
}
