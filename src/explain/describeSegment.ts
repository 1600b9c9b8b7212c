import { distinctions } from './nameSegments.js';
import type { SegmentStats } from './profileSegments.js';

/** Formats a number for sentences: up to 3 significant decimals, no exponent for customer-scale values. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  const digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : 3;
  return Number(v.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
}

/**
 * One sentence describing a segment by its size and its (up to three) strongest distinctions with the
 * segment's and the population's figures: "45 customers (22.5%): high income (mean 86.5 vs 60.6 overall)…".
 */
export function describeSegment(stats: SegmentStats): string {
  const parts = distinctions(stats)
    .filter((d) => Math.abs(d.difference) >= 0.2)
    .slice(0, 3)
    .map((d) => {
      if (d.level !== undefined) {
        const l = stats.levels.find((x) => x.feature === d.feature && x.level === d.level)!;
        return `${d.phrase} (${formatNumber(l.share * 100)}% ${d.level} vs ${formatNumber(l.populationShare * 100)}% overall)`;
      }
      const c = stats.numeric.find((x) => x.feature === d.feature)!;
      return `${d.phrase} (mean ${formatNumber(c.mean)} vs ${formatNumber(c.populationMean)} overall)`;
    });
  const size = `${stats.size} customers (${formatNumber(stats.share * 100)}%)`;
  if (parts.length === 0) return `${size} close to the average on every feature.`;
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${size} with ${list}.`;
}
