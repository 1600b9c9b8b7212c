import { quantileSorted } from '../stats/quantile.js';
import { rowsBySegment } from '../util/rowsBySegment.js';

/** A customer further from its segment's centre than this percentile of the segment's training customers is unusual. */
export const UNUSUAL_PERCENTILE = 99;

/**
 * Per segment, the 0th, 1st, …, 100th percentiles of the training customers' distances to the segment's
 * centre (scaled units, 6 significant digits), for model.json: predict places new customers against them.
 * O(n log n).
 */
export function distancePercentiles(distances: Float64Array, labels: Int32Array, k: number): number[][] {
  return rowsBySegment(labels, k).map((rows) => {
    const sorted = Float64Array.from(rows, (i) => distances[i]!).sort();
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

/** Whether a distance is beyond the UNUSUAL_PERCENTILE of the segment's training distances. */
export function isUnusual(distance: number, percentiles: readonly number[]): boolean {
  return distance > percentiles[Math.round((UNUSUAL_PERCENTILE / 100) * (percentiles.length - 1))]!;
}

/** Each customer's distance percentile (0–100) and unusual flag (0/1) against its segment's training distances. */
export function placeAgainstTraining(
  labels: Int32Array,
  distances: Float64Array,
  percentiles: readonly (readonly number[])[],
): { percentile: Float64Array; unusual: Uint8Array } {
  const percentile = new Float64Array(labels.length),
    unusual = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const table = percentiles[labels[i]!]!;
    percentile[i] = distancePercentile(distances[i]!, table);
    unusual[i] = isUnusual(distances[i]!, table) ? 1 : 0;
  }
  return { percentile, unusual };
}
