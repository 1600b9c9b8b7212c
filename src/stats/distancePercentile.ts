import { quantileSorted, quantilesInPlace } from './quantile.js';
import { rowsBySegment } from '../util/rowsBySegment.js';
import { gather } from '../util/gather.js';

/**
 * Models without an `unusual` rule (before 0.22): a customer further from its segment's centre than this
 * percentile of the segment's training customers is unusual.
 */
export const UNUSUAL_PERCENTILE = 99;

/** How a model flags unusual customers: relative distance (`unusualScore`) above `threshold`, set so that `contamination` of the training customers are above it. */
export interface UnusualRule {
  readonly contamination: number;
  readonly threshold: number;
}

/**
 * Per segment, the 0th, 1st, …, 100th percentiles of the training customers' distances to the segment's
 * centre (scaled units, 6 significant digits), for model.json: predict places new customers against them.
 * O(n log n).
 */
export function distancePercentiles(distances: Float64Array, labels: Int32Array, k: number): number[][] {
  const members = rowsBySegment(labels, k);
  // Every segment's distances are sorted in one array as long as the largest segment.
  const scratch = new Float64Array(Math.max(0, ...members.map((rows) => rows.length)));
  return members.map((rows) => {
    const sorted = gather(distances, rows, scratch).sort();
    return Array.from({ length: 101 }, (_, p) => (sorted.length ? Number(quantileSorted(sorted, p / 100).toPrecision(6)) : 0));
  });
}

/**
 * Where a distance falls among a segment's training distances, 0–100 (linear between the stored
 * percentiles; 100 beyond the farthest training customer). O(log 101).
 */
export function distancePercentile(distance: number, percentiles: readonly number[]): number {
  const last = percentiles.length - 1;
  if (distance >= percentiles[last]!) return 100;
  if (distance <= percentiles[0]!) return 0;
  let lo = 0,
    hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (percentiles[mid]! <= distance) lo = mid;
    else hi = mid;
  }
  const span = percentiles[hi]! - percentiles[lo]!;
  const at = span > 0 ? lo + (distance - percentiles[lo]!) / span : lo;
  return (at / last) * 100;
}

/**
 * How unusual a customer is: its distance to its segment's centre over the segment's median training
 * distance (the 50th stored percentile; a segment whose median is 0 uses `fallback`, or 1). 1 is a typical member, 3 three times as far as a typical member. O(1).
 */
function unusualScore(distance: number, percentiles: readonly number[], fallback: number): number {
  const median = percentiles[50]! > 0 ? percentiles[50]! : fallback > 0 ? fallback : 1;
  return distance / median;
}

/**
 * Every customer's `unusualScore` against its segment's stored percentiles (a segment whose median is 0
 * falls back on the median of the segments' medians). O(n + k log k).
 */
function unusualScores(labels: Int32Array, distances: Float64Array, percentiles: readonly (readonly number[])[]): Float64Array {
  const fallback = quantileSorted(
    percentiles.map((p) => p[50]!).sort((a, b) => a - b),
    0.5,
  );
  const scores = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) scores[i] = unusualScore(distances[i]!, percentiles[labels[i]!]!, fallback);
  return scores;
}

/**
 * The unusual rule of a training run: the (1 − contamination) quantile of the training customers'
 * `unusualScores`, so about `contamination` of them (the farthest, relative to their segment) are flagged.
 * O(n) expected (a selection, not a sort).
 */
export function unusualRule(labels: Int32Array, distances: Float64Array, percentiles: readonly (readonly number[])[], contamination: number): UnusualRule {
  return { contamination, threshold: quantilesInPlace(unusualScores(labels, distances, percentiles), [1 - contamination])[0]! };
}

/**
 * Each customer's distance percentile (0–100) against its segment's training distances, relative distance
 * (`unusualScores`) and unusual flag (0/1): above the model's `unusual` threshold, or for older models beyond
 * the segment's UNUSUAL_PERCENTILE. O(n log 101).
 */
export function placeAgainstTraining(
  labels: Int32Array,
  distances: Float64Array,
  percentiles: readonly (readonly number[])[],
  rule?: UnusualRule,
): { percentile: Float64Array; score: Float64Array; unusual: Uint8Array } {
  const percentile = new Float64Array(labels.length),
    unusual = new Uint8Array(labels.length);
  const score = unusualScores(labels, distances, percentiles);
  for (let i = 0; i < labels.length; i++) {
    const table = percentiles[labels[i]!]!;
    percentile[i] = distancePercentile(distances[i]!, table);
    unusual[i] = (rule ? score[i]! > rule.threshold : distances[i]! > table[Math.round((UNUSUAL_PERCENTILE / 100) * (table.length - 1))]!) ? 1 : 0;
  }
  return { percentile, score, unusual };
}

/** `placeAgainstTraining` with a model's stored percentiles and rule; undefined for a model without percentiles. */
export function placeWithModel(
  model: { readonly distancePercentiles?: readonly (readonly number[])[] | undefined; readonly unusual?: UnusualRule | undefined },
  labels: Int32Array,
  distances: Float64Array,
): ReturnType<typeof placeAgainstTraining> | undefined {
  return model.distancePercentiles ? placeAgainstTraining(labels, distances, model.distancePercentiles, model.unusual) : undefined;
}
