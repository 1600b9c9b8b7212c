import { distinctions, formatValue, largestOf, onePerFamily, type Distinction } from './nameSegments.js';
import type { FeatureFamilies } from './featureFamilies.js';
import { countText, formatPercent } from '../util/formatNumber.js';
import type { NumericContrast, SegmentStats } from './profileSegments.js';

/**
 * One or two sentences describing a segment: its size, its (up to three) clearest distinctions on the
 * clustering features — one per family of correlated features, always including the feature with the
 * largest standardized difference — with the figures behind them, worded by WORDING_THRESHOLDS (differences
 * below "slight" are left out); then, clearly apart, up to two columns that were not features and differ,
 * said to differ more than any feature when they do: "45 customers (22.5%) with very high annual income
 * (mean 86.5 k$ vs 60.6 k$ overall) and …. Not used to form the segments: low age (mean 32.7 vs 38.9
 * overall; middle half 29–36)."
 */
export function describeSegment(stats: SegmentStats, families?: FeatureFamilies): string {
  const parts = describedDistinctions(stats, families).map((d) => `${d.phrase} (${d.detail})`);
  const size = `${countText(stats.size)} customer${stats.size === 1 ? '' : 's'} (${formatPercent(stats.share)})`;
  const first = parts.length === 0 ? `${size} close to the average on every feature.` : `${size} with ${listed(parts)}.`;
  const context = distinctions(stats.context)
    .filter((d) => d.band !== 'none')
    .slice(0, 2);
  if (!context.length) return first;
  const largest = Math.abs(largestDifference(stats)?.difference ?? 0);
  const more = Math.abs(largestDifference(stats.context)?.difference ?? 0) > largest;
  const text = listed(context.map((d) => `${d.phrase} (${contextDetail(d, stats.context.numeric)})`));
  return `${first} Not used to form the segments${more ? ', yet differing more than any feature' : ''}: ${text}.`;
}

/** Differences below this (standardized) are not worth a word: the "slight" threshold. */
const WORTH_A_WORD = 0.25;

/**
 * The distinctions a description lists: the three strongest worth a word, one per family of correlated
 * features (the largest standardized difference speaking for its family), with the largest standardized
 * difference always among them (in the last place when its family had none). O(distinctions · families).
 */
export function describedDistinctions(stats: Pick<SegmentStats, 'numeric' | 'levels'>, families?: FeatureFamilies): Distinction[] {
  const all = distinctions(stats);
  const largest = largestOf(all);
  const top = onePerFamily(
    all.filter((d) => d.band !== 'none'),
    families,
    largest,
  ).slice(0, 3);
  if (!largest || Math.abs(largest.difference) < WORTH_A_WORD || top.includes(largest)) return top;
  return [...top.slice(0, 2), largest];
}

/** The distinction with the largest standardized difference of a segment's features (or context), or undefined. */
export function largestDifference(stats: Pick<SegmentStats, 'numeric' | 'levels'>): Distinction | undefined {
  return largestOf(distinctions(stats));
}

/** A context column's figures: the distinction's, and for numbers the middle half of the segment. */
function contextDetail(d: Distinction, numeric: readonly NumericContrast[]): string {
  const c = numeric.find((x) => x.feature === d.feature);
  return c && c.role === 'number' ? `${d.detail}; middle half ${formatValue(c.q1, c)}–${formatValue(c.q3, c)}` : d.detail;
}

function listed(parts: readonly string[]): string {
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
