import { distinctions, formatValue, type Distinction } from './nameSegments.js';
import { formatNumber } from '../util/formatNumber.js';
import type { NumericContrast, SegmentStats } from './profileSegments.js';

/**
 * One or two sentences describing a segment: its size, its (up to three) clearest distinctions on the
 * clustering features with the figures behind them, worded by WORDING_THRESHOLDS (differences below
 * "slight" are left out); then, clearly apart, up to two columns that were not features and differ:
 * "45 customers (22.5%) with very high annual income (mean 86.5 k$ vs 60.6 k$ overall) and …. Not used to
 * form the segments: low age (mean 32.7 vs 38.9 overall; middle half 29–36)."
 */
export function describeSegment(stats: SegmentStats): string {
  const parts = distinctions(stats)
    .filter((d) => d.band !== 'none')
    .slice(0, 3)
    .map((d) => `${d.phrase} (${d.detail})`);
  const size = `${stats.size.toLocaleString('en-US')} customer${stats.size === 1 ? '' : 's'} (${formatNumber(stats.share * 100)}%)`;
  const first = parts.length === 0 ? `${size} close to the average on every feature.` : `${size} with ${listed(parts)}.`;
  const context = distinctions(stats.context)
    .filter((d) => d.band !== 'none')
    .slice(0, 2)
    .map((d) => `${d.phrase} (${contextDetail(d, stats.context.numeric)})`);
  return context.length ? `${first} Not used to form the segments: ${listed(context)}.` : first;
}

/** A context column's figures: the distinction's, and for numbers the middle half of the segment. */
function contextDetail(d: Distinction, numeric: readonly NumericContrast[]): string {
  const c = numeric.find((x) => x.feature === d.feature);
  return c && c.role === 'number' ? `${d.detail}; middle half ${formatValue(c.q1, c)}–${formatValue(c.q3, c)}` : d.detail;
}

function listed(parts: readonly string[]): string {
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
