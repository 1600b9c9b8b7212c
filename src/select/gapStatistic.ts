import { inputsPerBatch, kmeansMany } from '../cluster/fitPool.js';
import type { Matrix } from '../util/matrix.js';
import { createRandom } from '../util/random.js';

/** Gap statistic per k and the k chosen by Tibshirani's first-SE rule. */
export interface GapResult {
  readonly ks: readonly number[];
  /** Gap(k) = mean_b log W*_kb − log W_k. */
  readonly gap: readonly number[];
  /** s_k = sd_k · √(1 + 1/B). */
  readonly se: readonly number[];
  /** Smallest k with Gap(k) ≥ Gap(k+1) − s_(k+1); the largest k when none qualifies. */
  readonly chosen: number;
  readonly references: number;
}

/**
 * The gap statistic (Tibshirani, Walther & Hastie 2001): compares log within-cluster dispersion W_k of the
 * data with its mean over B reference sets drawn uniformly in the data's bounding box (their method "a").
 * `logW` are the data's log inertias for `ks` (from the main sweep); the references are clustered with
 * `nInit` restarts each (default 1, as R's cluster::clusGap with kmeans). Seeded. O(B · |ks| · k-means cost).
 */
export function gapStatistic(
  x: Matrix,
  ks: readonly number[],
  logW: readonly number[],
  options: { references?: number; seed?: number; nInit?: number; threads?: number | undefined } = {},
): GapResult {
  const { references = 10, seed = 0, nInit = 1, threads } = options;
  const n = x.rows,
    d = x.cols;
  const lo = new Float64Array(d).fill(Infinity),
    hi = new Float64Array(d).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) {
      const v = x.data[i * d + t]!;
      if (v < lo[t]!) lo[t] = v;
      if (v > hi[t]!) hi[t] = v;
    }
  }
  const rng = createRandom(seed);
  const refLogW = ks.map(() => [] as number[]);
  // The reference sets are drawn as before (the same draws, in the same order), a group at a time (at most
  // ~32 MB), and each group's fits run at once, shared by the helper threads (each the fit k-means gives alone).
  const group = inputsPerBatch(n, d);
  for (let first = 0; first < references; first += group) {
    const drawn = Array.from({ length: Math.min(group, references - first) }, () => {
      const ref: Matrix = { rows: n, cols: d, data: new Float64Array(n * d) };
      for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) ref.data[i * d + t] = lo[t]! + rng.next() * (hi[t]! - lo[t]!);
      return { ref, seed: Math.floor(rng.next() * 2 ** 31) };
    });
    const fits = kmeansMany(
      drawn.flatMap(({ ref, seed: refSeed }) => ks.map((k) => ({ x: ref, options: { k, nInit, seed: refSeed } }))),
      threads,
    );
    fits.forEach((fit, f) => refLogW[f % ks.length]!.push(Math.log(fit.inertia)));
  }
  const gap: number[] = [],
    se: number[] = [];
  ks.forEach((_, j) => {
    const vals = refLogW[j]!;
    const mean = vals.reduce((s, v) => s + v, 0) / vals.length;
    const sd = Math.sqrt(vals.reduce((s, v) => s + (v - mean) ** 2, 0) / vals.length);
    gap.push(mean - logW[j]!);
    se.push(sd * Math.sqrt(1 + 1 / references));
  });
  return { ks, gap, se, chosen: firstSeChoice(ks, gap, se), references };
}

/** Tibshirani's first-SE rule: the smallest k with Gap(k) ≥ Gap(k+1) − s_(k+1); the largest k when none qualifies. O(|ks|). */
export function firstSeChoice(ks: readonly number[], gap: readonly number[], se: readonly number[]): number {
  for (let j = 0; j + 1 < ks.length; j++) if (gap[j]! >= gap[j + 1]! - se[j + 1]!) return ks[j]!;
  return ks[ks.length - 1]!;
}
