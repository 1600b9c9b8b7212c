import { nameTokens } from '../data/detectKey.js';
import { formatNumber } from '../util/formatNumber.js';
import { quantileSorted } from '../stats/quantile.js';
import type { ColumnProfile, ImpossibleReport, OutlierReport } from './columnProfile.js';

export type { ImpossibleReport, OutlierReport } from './columnProfile.js';

/** Values further than this many interquartile ranges beyond the quartiles are outliers (Tukey's "far out"). */
const OUTLIER_IQR_FACTOR = 3;

/** Values no customer can have, by the column's name: years of birth or events, ages, dates. */
const IMPOSSIBLE_RULES = Object.freeze({
  year: { min: 1900, max: 2100, text: 'a year before 1900 or after 2100' },
  age: { min: 0, max: 120, text: 'an age below 0 or above 120' },
  date: { min: -25_567, max: 47_846, text: 'a date before 1900-01-01 or after 2100-12-31' },
});

/** The outlier fences of a column: quartiles ∓ OUTLIER_IQR_FACTOR × IQR. */
export interface OutlierFences {
  readonly low: number;
  readonly high: number;
}

/**
 * The fences of sorted present values, or undefined when the rule does not apply: fewer than 4 values, an
 * interquartile range of 0 (most values equal, such as a flag or a count that is mostly 0), at most 10
 * distinct values (codes, small counts), or every value within [0, 1] (a share or a frequency, whose ends —
 * never bought, always paid in full — are possible values, not errors: cc_general's PRC_FULL_PAYMENT had 1,183
 * "unusual" zeros). O(1) on sorted values.
 */
export function outlierFences(sorted: Float64Array, distinct: number): OutlierFences | undefined {
  if (sorted.length < 4 || distinct <= 10) return undefined;
  if (sorted[0]! >= 0 && sorted[sorted.length - 1]! <= 1) return undefined;
  const q1 = quantileSorted(sorted, 0.25),
    q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  if (!(iqr > 0)) return undefined;
  return { low: q1 - OUTLIER_IQR_FACTOR * iqr, high: q3 + OUTLIER_IQR_FACTOR * iqr };
}

/** Counts the values beyond the fences of sorted values (see `outlierFences`). O(n). */
export function findOutliers(sorted: Float64Array, distinct: number): OutlierReport | undefined {
  const f = outlierFences(sorted, distinct);
  if (!f) return undefined;
  let below = 0,
    above = 0;
  for (const v of sorted) v < f.low ? below++ : v > f.high ? above++ : 0;
  if (below + above === 0) return undefined;
  // Copies (Array.from), never a reversed subarray: that would reorder the caller's sorted values in place.
  const extremes = [...Array.from(sorted.subarray(sorted.length - Math.min(above, 5))), ...Array.from(sorted.subarray(0, Math.min(below, 5)))];
  const middle = (f.low + f.high) / 2;
  const examples = extremes.sort((a, b) => Math.abs(b - middle) - Math.abs(a - middle)).slice(0, 5);
  return { rule: `beyond the quartiles ∓ ${OUTLIER_IQR_FACTOR} × IQR`, low: f.low, high: f.high, below, above, examples };
}

/** Whether a column's name says it holds years ("Year_Birth", "yob", "birth year"). */
function isYearColumn(name: string): boolean {
  return nameTokens(name).some((w) => w === 'year' || w === 'birth' || w === 'yob');
}

/** A profile figure of a column as text: whole years as years ("1893", not "1,893"), else `formatNumber`. */
export function formatProfileValue(column: string, v: number): string {
  return isYearColumn(column) && Number.isInteger(v) ? String(v) : formatNumber(v);
}

/**
 * Values that cannot be right, by the column's name and kind: a year (name with "year" or "birth", whole
 * numbers) outside 1900–2100, an age outside 0–120, a date outside 1900–2100 (days since 1970). O(n).
 */
export function findImpossible(name: string, kind: 'number' | 'date', sorted: Float64Array, integer: boolean): ImpossibleReport | undefined {
  const words = nameTokens(name);
  const rule =
    kind === 'date' ? IMPOSSIBLE_RULES.date : integer && isYearColumn(name) ? IMPOSSIBLE_RULES.year : words.includes('age') ? IMPOSSIBLE_RULES.age : undefined;
  if (!rule) return undefined;
  const examples: Array<number | string> = [];
  let count = 0;
  for (const v of sorted) {
    if (v >= rule.min && v <= rule.max) continue;
    count++;
    if (examples.length < 5) examples.push(kind === 'date' ? new Date(v * 86_400_000).toISOString().slice(0, 10) : v);
  }
  return count === 0 ? undefined : { rule: rule.text, count, examples };
}

/** One line per column with impossible values or outliers: "Income: 8 outliers beyond …, e.g. 666,666". */
export function unusualValueLines(columns: readonly ColumnProfile[]): string[] {
  const lines: string[] = [];
  for (const c of columns) {
    // Years read as years (1893), not as amounts (1,893).
    const f = (v: number | string): string => (typeof v === 'number' ? formatProfileValue(c.name, v) : v);
    if (c.impossible) lines.push(`  ${c.name}: ${c.impossible.count} impossible (${c.impossible.rule}), e.g. ${c.impossible.examples.map(f).join(', ')}`);
    if (c.outliers) {
      const o = c.outliers;
      const where = [o.below ? `${o.below} below ${f(o.low)}` : '', o.above ? `${o.above} above ${f(o.high)}` : ''].filter(Boolean).join(', ');
      lines.push(`  ${c.name}: ${o.below + o.above} outlier${o.below + o.above === 1 ? '' : 's'} (${where}; ${o.rule}), e.g. ${o.examples.map(f).join(', ')}`);
    }
  }
  return lines;
}
