import { featureRole } from './featureRole.js';
import { humanizeName } from './humanizeName.js';
import type { SegmentStats } from './profileSegments.js';

/** A feature (or category level) that sets a segment apart, strongest first. */
export interface Distinction {
  readonly feature: string;
  readonly level?: string;
  /** Standardized difference from the population (see profileSegments). */
  readonly difference: number;
  /** Words for names: "high income", "mostly female". */
  readonly phrase: string;
}

/** Differences at least this large (in population standard deviations) name a segment. */
export const NAMING_THRESHOLD = 0.5;

/** The distinctions of one segment, strongest first (numeric features and over-represented levels). */
export function distinctions(stats: SegmentStats): Distinction[] {
  const out: Distinction[] = [];
  for (const c of stats.numeric) {
    const a = Math.abs(c.difference);
    const strength = a >= 1.5 ? 'very ' : a >= NAMING_THRESHOLD ? '' : 'slightly ';
    // Recency reads better as "recent" / "lapsed" than as "low" / "high" recency.
    const phrase =
      featureRole(c.feature) === 'recency'
        ? `${strength}${c.difference > 0 ? 'lapsed' : 'recent'}`
        : `${strength}${c.difference > 0 ? 'high' : 'low'} ${humanizeName(c.feature)}`;
    out.push({ feature: c.feature, difference: c.difference, phrase });
  }
  for (const l of stats.levels) {
    if (l.difference <= 0) continue;
    const word = l.share >= 0.9 ? 'all' : l.share >= 0.6 ? 'mostly' : 'more';
    out.push({ feature: l.feature, level: l.level, difference: l.difference, phrase: `${word} ${levelWords(l.feature, l.level)}` });
  }
  return out.sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || (a.phrase < b.phrase ? -1 : 1));
}

const YES = /^(yes|y|true|t|1)$/i;
const NO = /^(no|n|false|f|0)$/i;

/** A level in words: "female"; for yes/no-like levels the feature's name ("loyalty member", "non-loyalty member"). */
function levelWords(feature: string, level: string): string {
  if (YES.test(level)) return humanizeName(feature);
  if (NO.test(level)) return `non-${humanizeName(feature)}`;
  return level.toLowerCase();
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Short descriptive names built from each segment's strongest distinctions: up to two with |difference| ≥
 * 0.5, in column order ("High income · Low spending"); a segment with none is named by its strongest lean ("Slightly high
 * age") or "Average profile". Names are made unique by adding the next distinction, then a number.
 */
export function nameSegments(all: readonly SegmentStats[]): string[] {
  const lists = all.map(distinctions);
  const nameWith = (i: number, terms: number): string => {
    const strong = lists[i]!.filter((d) => Math.abs(d.difference) >= NAMING_THRESHOLD && d.feature !== undefined);
    const chosen = dedupeFeatures(strong)
      .slice(0, terms)
      .sort((a, b) => featureOrder(all[i]!, a) - featureOrder(all[i]!, b));
    if (chosen.length > 0) return chosen.map((d) => capital(d.phrase)).join(' · ');
    const lean = lists[i]![0];
    return lean && Math.abs(lean.difference) >= 0.35 ? capital(lean.phrase) : 'Average profile';
  };
  const names = all.map((_, i) => nameWith(i, 2));
  for (let terms = 3; terms <= 4; terms++) {
    const dup = duplicatesOf(names);
    if (dup.size === 0) break;
    names.forEach((nm, i) => dup.has(nm) && (names[i] = nameWith(i, terms)));
  }
  const seen = new Map<string, number>();
  return names.map((nm) => {
    const c = (seen.get(nm) ?? 0) + 1;
    seen.set(nm, c);
    return c === 1 ? nm : `${nm} (${c})`;
  });
}

/** Position of a distinction's feature among the segment's features, so names read in column order. */
function featureOrder(stats: SegmentStats, d: Distinction): number {
  const i = stats.numeric.findIndex((c) => c.feature === d.feature);
  return i >= 0 ? i : stats.numeric.length + stats.levels.findIndex((l) => l.feature === d.feature);
}

/** Keeps the first distinction per feature (a category contributes one level at most). */
function dedupeFeatures(list: Distinction[]): Distinction[] {
  const seen = new Set<string>();
  return list.filter((d) => (seen.has(d.feature) ? false : (seen.add(d.feature), true)));
}

function duplicatesOf(names: string[]): Set<string> {
  const count = new Map<string, number>();
  names.forEach((n) => count.set(n, (count.get(n) ?? 0) + 1));
  return new Set([...count.entries()].filter(([, c]) => c > 1).map(([n]) => n));
}
