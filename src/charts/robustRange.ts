/**
 * An axis range that leaves out a few extreme values: the 0.5th to 99.5th percentile, padded by 5%, when the
 * full range is more than twice as wide (outliers would squash everything else into a corner); otherwise
 * null (the full range is fine). O(n log n).
 */
export function robustRange(values: readonly number[]): [number, number] | null {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length < 20) return null;
  const at = (q: number): number => v[Math.min(v.length - 1, Math.max(0, Math.round(q * (v.length - 1))))]!;
  const lo = at(0.005),
    hi = at(0.995);
  const core = hi - lo;
  if (!(core > 0) || v[v.length - 1]! - v[0]! <= 2 * core) return null;
  return [lo - 0.05 * core, hi + 0.05 * core];
}
