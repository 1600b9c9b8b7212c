import { inSentence, withUnit } from './columnLabels.js';
import { formatNumber } from '../util/formatNumber.js';
import { featureRole } from './featureRole.js';
import { familyOf, type FeatureFamilies } from './featureFamilies.js';
import type { LevelContrast, NumericContrast, SegmentStats } from './profileSegments.js';
import { bandAdverb, bandOf, ratioWords, shareWord, WORDING_THRESHOLDS, type Band } from './wording.js';

/** A feature (or category level) that sets a segment apart, strongest first. */
export interface Distinction {
  readonly feature: string;
  readonly level?: string;
  /** Standardized difference from the population (see profileSegments). */
  readonly difference: number;
  /** The difference on the one scale all columns share (ratios mapped, see `ratioStrength`), signed. */
  readonly strength: number;
  /** How large, in words (see WORDING_THRESHOLDS); "none" is never described. */
  readonly band: Band;
  /** Words for names: "high annual income", "mostly female". */
  readonly phrase: string;
  /** The figures behind it: "mean 86.5 k$ vs 60.6 k$ overall", "799 vs 2,881 overall, 3.6× less than average". */
  readonly detail: string;
}

/** Differences at least this large (standardized scale) name a segment: the "plain" threshold of WORDING_THRESHOLDS. */
const NAMING_THRESHOLD = WORDING_THRESHOLDS.standardized.plain;

/** The distinctions of one segment's features, strongest first: numbers, flags, over-represented levels. */
export function distinctions(stats: Pick<SegmentStats, 'numeric' | 'levels'>): Distinction[] {
  const out: Distinction[] = [];
  for (const c of stats.numeric) out.push(numericDistinction(c));
  for (const l of stats.levels) {
    if (l.difference <= 0) continue;
    const band = bandOf(l.difference);
    out.push({
      feature: l.feature,
      level: l.level,
      difference: l.difference,
      strength: l.difference,
      band,
      phrase: `${shareWord(l.share)} ${levelWords(l)}`,
      detail: `${percent(l.share)} ${l.levelLabel} vs ${percent(l.populationShare)} overall`,
    });
  }
  return out.sort((a, b) => Math.abs(b.strength) - Math.abs(a.strength) || (a.phrase < b.phrase ? -1 : 1));
}

/** One number, flag or date column's distinction, worded by its scale and band. */
function numericDistinction(c: NumericContrast): Distinction {
  const band = bandOf(c.strength);
  const up = c.strength > 0;
  const label = inSentence(c.label);
  const base = { feature: c.feature, difference: c.difference, strength: c.strength, band };
  if (c.role === 'flag') {
    const word = up ? shareWord(c.mean) : c.mean === 0 ? 'no' : 'fewer';
    return { ...base, phrase: `${word} ${label}`, detail: `${percent(c.mean)} vs ${percent(c.populationMean)} overall` };
  }
  // Recency reads better as "recent" / "lapsed" than as "low" / "high" recency.
  const phrase = featureRole(c.feature) === 'recency' ? `${bandAdverb(band)}${up ? 'lapsed' : 'recent'}` : `${bandAdverb(band)}${up ? 'high' : 'low'} ${label}`;
  const value = (v: number): string => formatValue(v, c);
  const detail = `mean ${value(c.mean)} vs ${value(c.populationMean)} overall${c.ratio !== null ? `, ${ratioWords(c.ratio)}` : ''}`;
  return { ...base, phrase, detail };
}

/** A figure of a column as text with its unit: "86.5 k$", "45%" for a flag's share, "2013-08-12" for a date. */
export function formatValue(v: number, c: Pick<NumericContrast, 'role' | 'unit'>): string {
  if (c.role === 'flag') return percent(v);
  if (c.role === 'date') return Number.isFinite(v) ? new Date(Math.round(v) * 86_400_000).toISOString().slice(0, 10) : '';
  return withUnit(formatNumber(v), c.unit);
}

/** A share as a percentage for sentences: "86%", "92.9%", "100%". */
export function percent(share: number): string {
  const p = share * 100;
  return `${p > 99 && p < 100 ? Math.min(99.9, Number(p.toFixed(1))) : p < 1 && p > 0 ? Number(p.toFixed(1)) : Math.round(p)}%`;
}

/**
 * A level in words: a code's label ("channel 2", or labels.json's "retail"), labels.json's name for a level,
 * the label for yes/no-like levels ("loyalty member", "non-loyalty member"), else the level ("female").
 */
function levelWords(l: LevelContrast): string {
  if (l.role === 'code') return inSentence(l.levelLabel);
  if (l.levelLabel !== l.level) return l.levelLabel;
  if (YES.test(l.level)) return inSentence(l.label);
  if (NO.test(l.level)) return `non-${inSentence(l.label)}`;
  return l.level.toLowerCase();
}

const YES = /^(yes|y|true|t|1)$/i;
const NO = /^(no|n|false|f|0)$/i;

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Short descriptive names built from each segment's strongest distinctions: up to two at least "plain"
 * (NAMING_THRESHOLD), one per family of correlated features (`featureFamilies`: |Spearman| ≥ 0.7), in column
 * order ("High annual income · Low spending score"); a segment with none is named by its strongest slight
 * difference ("Slightly high age") or "Average profile". Names are made unique by adding the next
 * distinction, then a number. Only clustering features name a segment.
 */
export function nameSegments(all: readonly SegmentStats[], families?: FeatureFamilies): string[] {
  return nameTerms(all, families).map((t) => t.name);
}

/** A segment's name and the distinctions it is made of (none for "Average profile"). */
export interface NameTerms {
  readonly name: string;
  readonly terms: readonly Distinction[];
}

/** The names of `nameSegments` with the distinctions behind each (for checks that words agree with the name). */
export function nameTerms(all: readonly SegmentStats[], families?: FeatureFamilies): NameTerms[] {
  const lists = all.map(distinctions);
  const termsOf = (i: number, terms: number): Distinction[] => {
    const strong = lists[i]!.filter((d) => Math.abs(d.strength) >= NAMING_THRESHOLD);
    const chosen = onePerFamily(strong, families, largestOf(lists[i]!))
      .slice(0, terms)
      .sort((a, b) => featureOrder(all[i]!, a) - featureOrder(all[i]!, b));
    if (chosen.length > 0) return chosen;
    const lean = lists[i]![0];
    return lean && lean.band !== 'none' ? [lean] : [];
  };
  const text = (terms: readonly Distinction[]): string => (terms.length ? terms.map((d) => capital(d.phrase)).join(' · ') : 'Average profile');
  const named = all.map((_, i) => termsOf(i, 2));
  const names = named.map(text);
  for (let terms = 3; terms <= 4; terms++) {
    const dup = duplicatesOf(names);
    if (dup.size === 0) break;
    names.forEach((nm, i) => {
      if (!dup.has(nm)) return;
      named[i] = termsOf(i, terms);
      names[i] = text(named[i]!);
    });
  }
  const seen = new Map<string, number>();
  return names.map((nm, i) => {
    const c = (seen.get(nm) ?? 0) + 1;
    seen.set(nm, c);
    return { name: c === 1 ? nm : `${nm} (${c})`, terms: named[i]! };
  });
}

/**
 * One distinction per family of correlated features (a category contributes one level at most), in the
 * list's order: the family's first, except that `preferred` (the segment's largest standardized difference)
 * speaks for its family in its family's place, so a name and a description pick the same feature of a
 * family. O(list · families).
 */
export function onePerFamily(list: readonly Distinction[], families?: FeatureFamilies, preferred?: Distinction): Distinction[] {
  const seen = new Set<string>();
  const preferredFamily = preferred && familyOf(families, preferred.feature);
  return list.flatMap((d) => {
    const family = familyOf(families, d.feature);
    if (seen.has(family)) return [];
    seen.add(family);
    return family === preferredFamily ? [preferred!] : [d];
  });
}

/** The distinction with the largest standardized difference (|segment mean − overall mean| / sd), or undefined. O(list). */
export function largestOf(list: readonly Distinction[]): Distinction | undefined {
  return list.reduce<Distinction | undefined>((best, d) => (!best || Math.abs(d.difference) > Math.abs(best.difference) ? d : best), undefined);
}

/** Position of a distinction's feature among the segment's features, so names read in column order. */
function featureOrder(stats: SegmentStats, d: Distinction): number {
  const i = stats.numeric.findIndex((c) => c.feature === d.feature);
  return i >= 0 ? i : stats.numeric.length + stats.levels.findIndex((l) => l.feature === d.feature);
}

function duplicatesOf(names: string[]): Set<string> {
  const count = new Map<string, number>();
  names.forEach((n) => count.set(n, (count.get(n) ?? 0) + 1));
  return new Set([...count.entries()].filter(([, c]) => c > 1).map(([n]) => n));
}
