import { formatValue, percent } from './nameSegments.js';
import type { SegmentStats } from './profileSegments.js';

/** Context columns listed on a card at most (the ones that differ most first). */
const SHOWN = 6;

/**
 * The columns that were not features, profiled in a few words for every segment's card — "Gender: 58% Male
 * (44% overall); Age: mean 56.3 (38.9 overall)": a category by its most common level in the segment, a flag
 * by its share, a number or date by its mean, each against all customers; the most different first, at most
 * six. Empty when every column was a feature. O(context columns · levels).
 */
export function contextProfile(stats: Pick<SegmentStats, 'context'>): string {
  const levels = new Map<string, SegmentStats['context']['levels'][number]>();
  for (const l of stats.context.levels) {
    const best = levels.get(l.feature);
    if (!best || l.share > best.share) levels.set(l.feature, l);
  }
  const parts = [
    ...[...levels.values()].map((l) => ({
      strength: Math.abs(l.difference),
      text: `${l.label}: ${percent(l.share)} ${l.levelLabel} (${percent(l.populationShare)} overall)`,
    })),
    ...stats.context.numeric.map((c) => ({
      strength: Math.abs(c.difference),
      text:
        c.role === 'flag'
          ? `${c.label}: ${percent(c.mean)} (${percent(c.populationMean)} overall)`
          : `${c.label}: mean ${formatValue(c.mean, c)} (${formatValue(c.populationMean, c)} overall)`,
    })),
  ];
  const shown = parts.sort((a, b) => b.strength - a.strength).slice(0, SHOWN);
  return shown.map((p) => p.text).join('; ') + (parts.length > SHOWN ? `; and ${parts.length - SHOWN} more in the profile` : '');
}

/** The lead-in of the card line: "Also described (not used to form the segments): ". */
export const CONTEXT_LEAD = 'Described, not used to form the segments';
