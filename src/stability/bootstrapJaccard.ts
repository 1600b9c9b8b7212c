import { SegmentaError, UsageError } from '../util/errors.js';
import { takeRows, type Matrix } from '../util/matrix.js';
import { createRandom } from '../util/random.js';
import { inputsPerBatch } from '../cluster/fitPool.js';

/** How stable one segment is under resampling (Hennig's clusterwise Jaccard bootstrap). */
export interface SegmentStability {
  /** Mean over bootstraps of the best Jaccard similarity to a bootstrap segment (0..1). */
  readonly jaccard: number;
  /** Bootstraps in which the segment dissolved: best Jaccard ≤ 0.5. */
  readonly dissolved: number;
  /** Bootstraps in which it was recovered: best Jaccard > 0.75. */
  readonly recovered: number;
  readonly bootstraps: number;
  /** In words, by fpc's thresholds: < 0.6, 0.6–0.75, 0.75–0.85, ≥ 0.85. */
  readonly verdict: StabilityVerdict;
}

/** The words for a mean Jaccard similarity. */
export type StabilityVerdict = 'not stable' | 'doubtful' | 'stable' | 'highly stable';

/** Options of `bootstrapJaccard`. */
export interface BootstrapJaccardOptions {
  /** Bootstrap resamples. Default 20. */
  readonly bootstraps?: number;
  /** Seed of the resampling (and of each re-clustering, derived from it). Default 0. */
  readonly seed?: number;
}

/**
 * Clusters a resample: given its rows (a matrix) and a seed, returns a 0-based label per row. The caller
 * passes the same method and k that made the segments.
 */
export type Recluster = ((rows: Matrix, seed: number) => Int32Array) & {
  /** Several resamples at once (each as the function alone would cluster it), e.g. shared between threads. */
  readonly many?: (resamples: ReadonlyArray<{ readonly rows: Matrix; readonly seed: number }>) => Int32Array[];
};

/**
 * The stability of each segment as R's `fpc::clusterboot` measures it with its default "boot" scheme
 * (Hennig 2007, "Cluster-wise assessment of cluster stability", CSDA 52): draw n rows with replacement, keep
 * each drawn row once, re-cluster those rows with the same method and k, and for every original segment take
 * the highest Jaccard similarity |A ∩ B| / |A ∪ B| between its members among the drawn rows (A) and a
 * bootstrap segment (B); 0 when it has no member there. Reported: the mean over bootstraps, the count ≤ 0.5
 * (dissolved) and > 0.75 (recovered), and fpc's words. Deterministic for a seed. O(B · cost of one clustering).
 */
export function bootstrapJaccard(x: Matrix, labels: Int32Array, k: number, recluster: Recluster, options: BootstrapJaccardOptions = {}): SegmentStability[] {
  const B = options.bootstraps ?? 20;
  if (!Number.isInteger(B) || B < 1 || B > 10_000) throw new UsageError(`invalid number of bootstraps: ${B} (expected an integer from 1 to 10,000)`);
  if (labels.length !== x.rows) throw new UsageError(`bootstrapJaccard: ${labels.length} labels for ${x.rows} rows`);
  const n = x.rows;
  const rng = createRandom(options.seed ?? 0);
  const sums = new Float64Array(k),
    dissolved = new Int32Array(k),
    recovered = new Int32Array(k);
  const seen = new Uint8Array(n);
  const group = recluster.many ? inputsPerBatch(n, x.cols) : 1;
  for (let first = 0; first < B; first += group) {
    // The drawn rows, each once, in the order first drawn (as R's unique(sample(n, n, replace = TRUE))), and the
    // re-clustering's seed: the same draws in the same order, a group of resamples at a time.
    const resamples = Array.from({ length: Math.min(group, B - first) }, () => {
      seen.fill(0);
      const drawn: number[] = [];
      for (let i = 0; i < n; i++) {
        const r = rng.int(n);
        if (!seen[r]) ((seen[r] = 1), drawn.push(r));
      }
      return { drawn, rows: takeRows(x, drawn), seed: rng.int(2 ** 31) };
    });
    reclusterAll(recluster, resamples).forEach((boot, i) => addJaccards(labels, k, resamples[i]!.drawn, boot, { sums, dissolved, recovered }));
  }
  return Array.from(sums, (s, a) => {
    const jaccard = s / B;
    return { jaccard, dissolved: dissolved[a]!, recovered: recovered[a]!, bootstraps: B, verdict: stabilityVerdict(jaccard) };
  });
}

/** Each resample's labels (`reclusterOrNone`), together when the re-clustering takes several at once. */
function reclusterAll(recluster: Recluster, resamples: ReadonlyArray<{ readonly rows: Matrix; readonly seed: number }>): Int32Array[] {
  if (recluster.many && resamples.length > 1) {
    try {
      return recluster.many(resamples);
    } catch (e) {
      if (!(e instanceof SegmentaError)) throw e; // one resample cannot be clustered: each on its own below
    }
  }
  return resamples.map((r) => reclusterOrNone(recluster, r.rows, r.seed));
}

/** For every original segment, its best Jaccard similarity to a segment of the resample, added to the tallies. O(n + k · kb). */
function addJaccards(
  labels: Int32Array,
  k: number,
  drawn: readonly number[],
  boot: Int32Array,
  tally: { readonly sums: Float64Array; readonly dissolved: Int32Array; readonly recovered: Int32Array },
): void {
  const kb = boot.reduce((m, l) => Math.max(m, l + 1), 0);
  const both = new Int32Array(k * kb),
    inA = new Int32Array(k),
    inB = new Int32Array(kb);
  drawn.forEach((row, i) => {
    const a = labels[row]!,
      c = boot[i]!;
    inA[a]!++;
    if (c < 0) return;
    inB[c]!++;
    both[a * kb + c]!++;
  });
  for (let a = 0; a < k; a++) {
    let best = 0;
    for (let c = 0; c < kb; c++) {
      const union = inA[a]! + inB[c]! - both[a * kb + c]!;
      if (union > 0) best = Math.max(best, both[a * kb + c]! / union);
    }
    tally.sums[a]! += best;
    if (best <= 0.5) tally.dissolved[a]!++;
    if (best > 0.75) tally.recovered[a]!++;
  }
}

/**
 * The resample's labels, or none (every row −1… counted as no segment) when it cannot be clustered into k
 * segments (fewer distinct rows than k): the original segments then count as dissolved in this resample.
 */
function reclusterOrNone(recluster: Recluster, rows: Matrix, seed: number): Int32Array {
  try {
    return recluster(rows, seed);
  } catch (e) {
    if (e instanceof SegmentaError) return new Int32Array(rows.rows).fill(-1);
    throw e;
  }
}

/** fpc's reading of a mean Jaccard similarity: < 0.6 not stable, 0.6–0.75 doubtful, 0.75–0.85 stable, ≥ 0.85 highly stable. */
export function stabilityVerdict(jaccard: number): StabilityVerdict {
  return jaccard < 0.6 ? 'not stable' : jaccard < 0.75 ? 'doubtful' : jaccard < 0.85 ? 'stable' : 'highly stable';
}
