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
  // Per-row arrays are the thread's scratch memory (see scratch.ts), each written before it is read.
  const w = weights ?? scratchFloat64('kpp.ones', n).fill(1);
  const cumulative = scratchFloat64('kpp.cumulative', n);
  const first = searchCumulative(cumsum(w, cumulative), rng.next() * cumulative[n - 1]!);
  centers.set(X.subarray(first * d, first * d + d), 0);
  // The first centre's distances: the candidate pass from "infinitely far" (same sums, same order).
  let closest = scratchFloat64('kpp.closest', n).fill(Infinity);
  let pot = candidatePotential(X, d, n, first * d, closest, w, closest);
  const candDist = Array.from({ length: trials }, (_, t) => scratchFloat64(`kpp.candidate${t}`, n));
  const candidates = new Int32Array(trials);
  // With helper threads, the main thread evaluates the first share of each step's candidates and the helpers
  // the rest; the choice is the same as on one thread.
  const half = helper ? Math.ceil(trials / helper.threads) : trials;
  for (let c = 1; c < k; c++) {
    // Cumulative weight × distance, in one pass (the same products and sums, in the same order, as two).
    for (let i = 0, sum = 0; i < n; i++) cumulative[i] = sum += w[i]! * closest[i]!;
    for (let t = 0; t < trials; t++) candidates[t] = searchCumulative(cumulative, rng.next() * pot);
    let best = 0,
      bestPot = Infinity;
    // This thread's candidates share one read of the rows; the best is taken in candidate order, as before.
    const evaluateHere = (from: number, to: number): void => {
      const offsets = Array.from(candidates.subarray(from, to), (c) => c * d);
      const pots = candidatePotentials(X, d, n, offsets, closest, w, candDist.slice(from, to));
      pots.forEach((p, j) => p < bestPot && ((bestPot = p), (best = from + j)));
    };
    const helped = helper?.start(candidates.subarray(half), closest);
    evaluateHere(0, helped ? half : trials);
    const theirs = helped?.finish();
    if (theirs) {
      theirs.pots.forEach((p, j) => p < bestPot && ((bestPot = p), (best = half + j)));
      if (best >= half) candDist[best]!.set(theirs.distances(best - half));
    } else if (helped) evaluateHere(half, trials); // the helper failed: its half is evaluated here, with the same result
    pot = bestPot;
    const chosen = candDist[best]!;
    candDist[best] = closest;
    closest = chosen;
    const id = candidates[best]!;
    centers.set(X.subarray(id * d, id * d + d), c * d);
  }
  return { rows: k, cols: d, data: centers };
}

/** Evaluates some of a step's candidates on other threads: their potentials and distance arrays. */
export interface CandidateHelper {
  /** Threads in all, the main thread included: the main thread takes ⌈candidates / threads⌉ of each step. */
  readonly threads: number;
  /** Starts the evaluation; `finish` waits for it, and answers undefined when the helper failed. */
  start(candidates: Int32Array, closest: Float64Array): { finish(): { pots: Float64Array; distances(j: number): Float64Array } | undefined } | undefined;
}

/**
 * The potential (Σ weight × squared distance to the nearest centre) if row `off / d` became a centre,
 * writing the new nearest distances into `out` (which may be `closest` itself). O(n · d).
 */
function candidatePotential(X: Float64Array, d: number, n: number, off: number, closest: Float64Array, w: Float64Array, out: Float64Array): number {
  return candidatePotentials(X, d, n, [off], closest, w, [out])[0]!;
}

function cumsum(values: Float64Array, out: Float64Array): Float64Array {
  let s = 0;
  for (let i = 0; i < values.length; i++) out[i] = s += values[i]!;
  return out;
}

/** First index whose cumulative value is ≥ target (numpy searchsorted, side "left"), clipped to n − 1. */
function searchCumulative(cumulative: Float64Array, target: number): number {
  let lo = 0,
    hi = cumulative.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, cumulative.length - 1);
}
