import type { Column } from '../data/table.js';
import { byFrequency } from '../stats/levelCounts.js';
import { columnRole, roleFacts, type ColumnRole } from '../preprocess/columnRoles.js';
import { categoryValues } from '../preprocess/pipeline.js';
import { moments } from '../stats/moments.js';
import { rowsBySegment } from '../util/rowsBySegment.js';
import { quartilesInPlace } from '../stats/quantile.js';
import { columnLabel, levelName, type ColumnLabel } from './columnLabels.js';
import { comparisonScale, ratioStrength } from './wording.js';
import { allRows, gather } from '../util/gather.js';

/** How one segment differs on one number, flag (0/1) or date column (original units; dates in days since 1970). */
export interface NumericContrast {
  readonly feature: string;
  /** The column's label and unit (see `columnLabel`). */
  readonly label: string;
  readonly unit?: string;
  readonly better?: 'higher' | 'lower';
  readonly role: 'number' | 'flag' | 'date';
  /** Segment mean (a flag's share of 1s), median and quartiles. */
  readonly mean: number;
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
  readonly populationMean: number;
  readonly populationMedian: number;
  readonly populationQ1: number;
  readonly populationQ3: number;
  /** (segment mean − population mean) / population standard deviation. */
  readonly difference: number;
  /** How the difference is worded: by ratio of means (skewed money-like columns) or in standard deviations. */
  readonly scale: 'ratio' | 'standardized';
  /** Segment mean / population mean (ratio scale), else null. */
  readonly ratio: number | null;
  /** The difference on one scale for all columns (standardized; ratios mapped by `ratioStrength`), signed. */
  readonly strength: number;
}

/** How one segment differs on one level of a category, a code or a yes/no flag. */
export interface LevelContrast {
  readonly feature: string;
  readonly label: string;
  readonly level: string;
  /** The level in words: labels.json's name for it, "Channel 2" for a code, else the level itself. */
  readonly levelLabel: string;
  readonly role: 'category' | 'code' | 'flag';
  readonly share: number;
  readonly populationShare: number;
  /** (share − population share) / √(p(1 − p)): the standardized difference of the level's indicator. */
  readonly difference: number;
}

/** The profile of one segment before naming. */
export interface SegmentStats {
  readonly size: number;
  readonly share: number;
  /** The clustering features: numbers, 0/1 flags and dates. */
  readonly numeric: readonly NumericContrast[];
  /** The clustering features: levels of categories, codes and yes/no flags. */
  readonly levels: readonly LevelContrast[];
  /** The most frequent level of each categorical feature in the segment (k-prototypes' categorical prototype). */
  readonly modes: ReadonlyArray<{ feature: string; level: string; share: number }>;
  /** The same figures for the columns that were not features (e.g. Age when segmenting on income and spending). */
  readonly context: { readonly numeric: readonly NumericContrast[]; readonly levels: readonly LevelContrast[] };
}

/** A column to profile: its role, whether it was a clustering feature, and its label. */
export interface ProfiledColumn {
  readonly column: Column;
  readonly role: ColumnRole;
  readonly feature: boolean;
  readonly label?: ColumnLabel;
}

/**
 * Per segment: size and share; for every column (features, and with `ProfiledColumn`s others as context):
 * mean, median, quartiles and the difference from the population of numbers, flags and dates in original
 * units (worded by ratio for skewed money-like columns, see `comparisonScale`); the share of every level of
 * categories and codes. Plain columns are features with the role `columnRole` gives them. Missing cells are
 * left out of the figures. O(n · columns + n log n per numeric column).
 */
export function profileSegments(columns: ReadonlyArray<Column | ProfiledColumn>, labels: Int32Array, k: number): SegmentStats[] {
  const n = labels.length;
  const profiled = columns.map((c): ProfiledColumn => ('column' in c ? c : { column: c, role: columnRole(roleFacts(c)).role, feature: true }));
  const members = rowsBySegment(labels, k);
  // One array every numeric column's and segment's values are copied into for their quartiles (not one per
  // column and segment; none without a numeric column).
  const numbered = profiled.filter((p) => !isLevelled(p));
  const scratch = new Float64Array(numbered.length ? Math.max(n, ...numbered.map((p) => p.column.values.length)) : 0);
  let everyone: Int32Array | undefined;
  // The figures of all customers, once per column (not once per segment).
  const population = profiled.map((p) => {
    const label = p.label ?? columnLabel(p.column.name);
    if (isLevelled(p)) {
      const values = categoryValues(p.column);
      everyone ??= allRows(n);
      const raw = shares(values, everyone);
      return { label, values, raw, levels: keepTopLevels(raw) };
    }
    const values = (p.column as Exclude<Column, { kind: 'string' }>).values;
    let min = Infinity;
    for (let i = 0; i < values.length; i++) if (values[i]! < min) min = values[i]!;
    scratch.set(values);
    return {
      label,
      numbers: values,
      moments: moments(values),
      quartiles: quartilesInPlace(scratch.subarray(0, values.length)),
      min: min === Infinity ? NaN : min,
    };
  });
  return members.map((rows) => {
    const out = { numeric: [] as NumericContrast[], levels: [] as LevelContrast[] };
    const context = { numeric: [] as NumericContrast[], levels: [] as LevelContrast[] };
    profiled.forEach((p, f) => {
      const pop = population[f]!;
      const into = p.feature ? out : context;
      const label = pop.label;
      if (pop.values) {
        // Segment shares grouped by the population's levels, so "other" is the same set of levels in both.
        const seg = keepTopLevels(shares(pop.values, rows), pop.raw);
        for (const [level, pShare] of pop.levels) {
          const s = seg.get(level) ?? 0;
          const sd = Math.sqrt(pShare * (1 - pShare));
          into.levels.push({
            feature: p.column.name,
            label: label.label,
            level,
            levelLabel: levelName(label.levels, level) ?? (p.role === 'code' ? `${label.label} ${level}` : level),
            role: p.role === 'code' ? 'code' : p.role === 'flag' ? 'flag' : 'category',
            share: s,
            populationShare: pShare,
            difference: sd > 0 ? (s - pShare) / sd : 0,
          });
        }
        return;
      }
      into.numeric.push(numericContrast(p, pop as NumericPopulation, rows, scratch));
    });
    const modes = profiled
      .filter((p) => p.feature && isLevelled(p))
      .map((p) => {
        const top = out.levels.filter((l) => l.feature === p.column.name).reduce((a, b) => (b.share > a.share ? b : a));
        return { feature: p.column.name, level: top.level, share: top.share };
      });
    return { size: rows.length, share: rows.length / n, ...out, modes, context };
  });
}

/** The figures of all customers for a numeric, flag or date column, computed once per column. */
interface NumericPopulation {
  readonly label: ColumnLabel;
  readonly numbers: Float64Array;
  readonly moments: ReturnType<typeof moments>;
  readonly quartiles: ReturnType<typeof quartilesInPlace>;
  readonly min: number;
}

/**
 * A segment's mean, median and quartiles of a numeric column against all customers': the standardized
 * difference, and for skewed money-like columns the ratio of means (`comparisonScale`).
 */
function numericContrast(p: ProfiledColumn, pop: NumericPopulation, rows: Int32Array, scratch: Float64Array): NumericContrast {
  const label = pop.label;
  const all = pop.moments;
  const sub = gather(pop.numbers, rows, scratch);
  const m = moments(sub);
  const q = quartilesInPlace(sub);
  const role = p.column.kind === 'date' ? 'date' : p.role === 'flag' ? 'flag' : 'number';
  const difference = all.stdPopulation > 0 ? (m.mean - all.mean) / all.stdPopulation : 0;
  const scale = role === 'number' ? comparisonScale({ min: pop.min, skewness: all.skewness, mean: all.mean }) : 'standardized';
  const ratio = scale === 'ratio' ? m.mean / all.mean : null;
  return {
    feature: p.column.name,
    label: label.label,
    ...(label.unit !== undefined ? { unit: label.unit } : {}),
    ...(label.better !== undefined ? { better: label.better } : {}),
    role,
    mean: m.mean,
    median: q[1],
    q1: q[0],
    q3: q[2],
    populationMean: all.mean,
    populationMedian: pop.quartiles[1],
    populationQ1: pop.quartiles[0],
    populationQ3: pop.quartiles[2],
    difference,
    scale,
    ratio,
    strength: ratio === null ? difference : Number.isNaN(m.mean) ? 0 : ratioStrength(ratio),
  };
}

/** Whether a column is profiled by the shares of its levels (text, codes) rather than by its numbers. */
function isLevelled(p: ProfiledColumn): boolean {
  return p.column.kind === 'string' || p.role === 'code';
}

/** Levels profiled one by one (the most frequent over all customers); the rest are one "other" level. */
const MAX_PROFILED_LEVELS = 20;

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
  for (const [k, c] of byFrequency(counts)) out.set(k, present ? c / present : 0);
  return out;
}
