import { assignNearest } from '../cluster/assignNearest.js';
import { fitsWorthThreads, inputsPerBatch, kmeansMany } from '../cluster/fitPool.js';
import { UsageError } from '../util/errors.js';
import { takeRows, type Matrix } from '../util/matrix.js';
import { createRandom } from '../util/random.js';
import { allRows } from '../util/gather.js';

/** Prediction strength per k and the largest k that passes the cut-off. */
export interface PredictionStrengthResult {
  readonly ks: readonly number[];
  /** Mean over splits of the prediction strength at each k (0..1; 1 is perfectly reproducible). */
  readonly strength: readonly number[];
  /** The largest k in `ks` whose strength is above the cut-off; null when none is (no k ≥ 2 reproduces). */
  readonly chosen: number | null;
  readonly cutoff: number;
  /** Random half-splits averaged over. */
  readonly splits: number;
  /** Rows the figure was computed on (a seeded sample above `sampleSize`). */
  readonly rows: number;
}

/** Options of `predictionStrength`. */
export interface PredictionStrengthOptions {
  /** Random half-splits (fpc's M). Default 10. */
  readonly splits?: number;
  /** fpc's cut-off: a k passes when its mean strength is above it. Default 0.8. */
  readonly cutoff?: number;
  /** k-means restarts per half. Default 3. */
  readonly nInit?: number;
  readonly seed?: number;
  /** Threads the fits are shared between (default: every core); the result does not depend on it. */
  readonly threads?: number | undefined;
}

/**
 * Tibshirani & Walther's prediction strength (2005, "Cluster validation by prediction strength", JCGS 14),
 * computed as R's `fpc::prediction.strength` with k-means: split the rows at random into two halves, cluster
 * each half into k, classify each half's rows by the other half's nearest centre, and for every cluster of a
 * half take the share of its pairs of rows that the other half's centres also put together (1 for a cluster
 * of one row); a split scores the smallest share (the worst-reproduced cluster), averaged over both halves.
 * Reported: the mean over splits per k, and the largest k above the cut-off (fpc's optimal k). Seeded.
 * O(splits · |ks| · 2 k-means on n/2 rows).
 */
export function predictionStrength(x: Matrix, ks: readonly number[], options: PredictionStrengthOptions = {}): PredictionStrengthResult {
  const { splits = 10, cutoff = 0.8, nInit = 3, seed = 0, threads } = options;
  if (!Number.isInteger(splits) || splits < 1) throw new UsageError(`invalid number of splits: ${splits} (expected an integer ≥ 1)`);
  const n = x.rows;
  const rng = createRandom(seed);
  // The splits' halves and seeds are drawn as before (the same draws, in the same order), a group of splits at
  // a time (at most ~32 MB of halves), and each group's fits are run at once: they are independent, so the
  // helper threads share them (each is the fit k-means gives alone).
  const fitted = ks.flatMap((k, j) => (k <= n >> 1 ? [j] : []));
  // One split at a time when the fits stay on this thread anyway: its halves and fits are then let go sooner
  // (all of Mall's splits at once took 10% longer, in garbage collection).
  const perSplit = n * nInit * fitted.reduce((s, j) => s + ks[j]!, 0);
  const byBytes = inputsPerBatch(n, x.cols);
  const group = fitsWorthThreads(perSplit * Math.min(byBytes, splits), threads) ? byBytes : 1;
  const sums = new Float64Array(ks.length);
  for (let first = 0; first < splits; first += group) {
    const drawn = Array.from({ length: Math.min(group, splits - first) }, () => {
      const perm = shuffled(n, rng);
      return { halves: [perm.subarray(0, n >> 1), perm.subarray(n >> 1)].map((idx) => takeRows(x, idx)), seed: rng.int(2 ** 31) };
    });
    const all = kmeansMany(
      drawn.flatMap((s) => fitted.flatMap((j) => s.halves.map((h) => ({ x: h, options: { k: ks[j]!, nInit, seed: s.seed } })))),
      threads,
    );
    drawn.forEach(({ halves }, m) =>
      fitted.forEach((j, f) => {
        const at = (m * fitted.length + f) * 2;
        let sum = 0;
        for (let i = 0; i < 2; i++) {
          const predicted = assignNearest(halves[i]!, all[at + 1 - i]!.centers).labels;
          sum += worstReproduction(all[at + i]!.labels, predicted, ks[j]!);
        }
        sums[j]! += sum / 2;
      }),
    );
  }
  const strength = Array.from(sums, (s) => s / splits);
  const passing = ks.filter((_, j) => strength[j]! > cutoff);
  return { ks, strength, chosen: passing.length ? Math.max(...passing) : null, cutoff, splits, rows: n };
}

/** The smallest, over clusters, share of a cluster's pairs that `predicted` also puts together. O(n + k²). */
function worstReproduction(labels: Int32Array, predicted: Int32Array, k: number): number {
  const table = new Float64Array(k * k),
    size = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) {
    table[labels[i]! * k + predicted[i]!]!++;
    size[labels[i]!]!++;
  }
  let worst = 1;
  for (let a = 0; a < k; a++) {
    const s = size[a]!;
    if (s < 2) continue;
    let pairs = 0;
    for (let c = 0; c < k; c++) pairs += table[a * k + c]! * (table[a * k + c]! - 1);
    worst = Math.min(worst, pairs / (s * (s - 1)));
  }
  return worst;
}

/** 0..n−1 in a seeded random order (Fisher–Yates). O(n). */
function shuffled(n: number, rng: ReturnType<typeof createRandom>): Int32Array {
  const p = allRows(n);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}
