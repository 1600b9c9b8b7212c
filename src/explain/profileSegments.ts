import type { Column } from '../data/table.js';
import { moments } from '../stats/moments.js';
import { quantileSorted, sortedPresent } from '../stats/quantile.js';

/** How one segment differs on one numeric feature (original units). */
export interface NumericContrast {
  readonly feature: string;
  readonly mean: number;
  readonly median: number;
  readonly populationMean: number;
  /** (segment mean − population mean) / population standard deviation. */
  readonly difference: number;
}

/** How one segment differs on one category level. */
export interface LevelContrast {
  readonly feature: string;
  readonly level: string;
  readonly share: number;
  readonly populationShare: number;
  /** (share − population share) / √(p(1 − p)): the standardized difference of the level's indicator. */
  readonly difference: number;
}

/** The profile of one segment before naming. */
export interface SegmentStats {
  readonly size: number;
  readonly share: number;
  readonly numeric: readonly NumericContrast[];
  readonly levels: readonly LevelContrast[];
  /** The most frequent level of each categorical feature in the segment (k-prototypes' categorical prototype). */
  readonly modes: ReadonlyArray<{ feature: string; level: string; share: number }>;
}

/**
 * Per segment: size and share; mean, median and standardized difference from the population of every
 * numeric (or date) feature in original units; share of every category level. Missing cells are left out
 * of the figures. O(n · features + n log n per numeric feature).
 */
export function profileSegments(features: readonly Column[], labels: Int32Array, k: number): SegmentStats[] {
  const n = labels.length;
  // Rows of each segment as Int32Arrays (a counting sort), not JS arrays: ten million rows stay compact.
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) counts[labels[i]!]!++;
  const members = Array.from(counts, (c) => new Int32Array(c));
  const filled = new Int32Array(k);
  for (let i = 0; i < n; i++) members[labels[i]!]![filled[labels[i]!]!++] = i;
  const everyone = Int32Array.from({ length: n }, (_, i) => i);
  // The figures of all customers, once per feature (not once per segment).
  const population = features.map((c) => {
    if (c.kind !== 'string') return { moments: moments(c.values) };
    const raw = shares(c.values, everyone);
    return { raw, levels: keepTopLevels(raw) };
  });
  return members.map((rows) => {
    const numeric: NumericContrast[] = [];
    const levels: LevelContrast[] = [];
    features.forEach((c, f) => {
      const pop = population[f]!;
      if (c.kind === 'string') {
        // Segment shares grouped by the population's levels, so "other" is the same set of levels in both.
        const seg = keepTopLevels(shares(c.values, rows), pop.raw);
        for (const [level, p] of pop.levels!) {
          const s = seg.get(level) ?? 0;
          const sd = Math.sqrt(p * (1 - p));
          levels.push({ feature: c.name, level, share: s, populationShare: p, difference: sd > 0 ? (s - p) / sd : 0 });
        }
        return;
      }
      const all = pop.moments!;
      const sub = Float64Array.from(rows, (i) => c.values[i]!);
      const m = moments(sub);
      numeric.push({
        feature: c.name,
        mean: m.mean,
        median: quantileSorted(sortedPresent(sub), 0.5),
        populationMean: all.mean,
        difference: all.stdPopulation > 0 ? (m.mean - all.mean) / all.stdPopulation : 0,
      });
    });
    const modes = features
      .filter((c) => c.kind === 'string')
      .map((c) => {
        const top = levels.filter((l) => l.feature === c.name).reduce((a, b) => (b.share > a.share ? b : a));
        return { feature: c.name, level: top.level, share: top.share };
      });
    return { size: rows.length, share: rows.length / n, numeric, levels, modes };
  });
}

/** Levels profiled one by one (the most frequent over all customers); the rest are one "other" level. */
export const MAX_PROFILED_LEVELS = 20;

/**
 * Shares with every level beyond the MAX_PROFILED_LEVELS most frequent of `reference` (default: these
 * shares themselves) summed into one "(other levels)" entry, so a free-text column profiled as a category
 * gives 21 contrasts, not 30,000. O(levels).
 */
function keepTopLevels(levelShares: Map<string, number>, reference = levelShares): Map<string, number> {
  if (reference.size <= MAX_PROFILED_LEVELS) return levelShares;
  const kept = [...reference.keys()].slice(0, MAX_PROFILED_LEVELS);
  const out = new Map(kept.map((level) => [level, levelShares.get(level) ?? 0]));
  const keptSet = new Set(kept);
  let other = 0;
  for (const [level, share] of levelShares) if (!keptSet.has(level)) other += share;
  out.set(`(${reference.size - MAX_PROFILED_LEVELS} other levels)`, other);
  return out;
}

function shares(values: ReadonlyArray<string | null>, rows: ArrayLike<number>): Map<string, number> {
  const counts = new Map<string, number>();
  let present = 0;
  for (let r = 0; r < rows.length; r++) {
    const v = values[rows[r]!];
    if (v === null || v === undefined) continue;
    present++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const out = new Map<string, number>();
  for (const [k, c] of [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) out.set(k, present ? c / present : 0);
  return out;
}
