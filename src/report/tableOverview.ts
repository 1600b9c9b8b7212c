import type { CategoryDistribution, NumericDistribution } from '../charts/reportData.js';
import { byFrequency } from '../stats/levelCounts.js';
import type { Column } from '../data/table.js';
import { pearsonMatrix } from '../profile/correlation.js';
import { orderByClustering } from './orderByClustering.js';

/** Levels of a category drawn one by one; the rarer ones are drawn together as one bar. */
const MAX_DRAWN_LEVELS = 15;

/**
 * A column's distribution over all rows: level counts for categories (the MAX_DRAWN_LEVELS most frequent,
 * the rest as one "other" bar: a free-text column must not make a chart of 30,000 bars), a histogram with
 * about 20 round-width bins for numbers, for all customers and (with labels) per segment. O(n).
 */
export function distributionOf(column: Column, labels?: Int32Array, segLabels: readonly string[] = []): NumericDistribution | CategoryDistribution {
  if (column.kind === 'string') {
    const overall = new Map<string, number>();
    for (const v of column.values) overall.set(v ?? '(missing)', (overall.get(v ?? '(missing)') ?? 0) + 1);
    const drawn = new Set(
      byFrequency(overall)
        .slice(0, MAX_DRAWN_LEVELS)
        .map(([level]) => level),
    );
    const other = `(${overall.size - drawn.size} other levels)`;
    const counts = new Map<string, number>();
    column.values.forEach((v, i) => {
      const level = drawn.has(v ?? '(missing)') ? (v ?? '(missing)') : other;
      const key = `${level}\u0000${labels ? segLabels[labels[i]!] : 'All customers'}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    return {
      kind: 'category',
      feature: column.name,
      counts: [...counts.entries()].map(([key, count]) => ({ level: key.split('\u0000')[0]!, segment: key.split('\u0000')[1]!, count })),
    };
  }
  const values = column.values;
  let lo = Infinity,
    hi = -Infinity;
  for (const v of values) if (!Number.isNaN(v)) ((lo = Math.min(lo, v)), (hi = Math.max(hi, v)));
  const step = niceStep((hi - lo) / 20 || 1);
  const start = Math.floor(lo / step) * step;
  const nBins = Math.max(1, Math.ceil((hi - start) / step + 1e-9) + (hi === start ? 1 : 0));
  const groups = ['All customers', ...segLabels];
  const counts = groups.map(() => new Float64Array(nBins));
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const b = Math.min(nBins - 1, Math.floor((v - start) / step));
    counts[0]![b]!++;
    if (labels) counts[labels[i]! + 1]![b]!++;
  }
  const bins = groups.flatMap((segment, g) =>
    Array.from({ length: nBins }, (_, b) => ({ x0: start + b * step, x1: start + (b + 1) * step, segment, count: counts[g]![b]! })),
  );
  return { kind: 'number', feature: column.name, bins };
}

/** A round bin width (1, 2 or 5 × 10^e) near the raw width. */
function niceStep(raw: number): number {
  const e = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / e;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * e;
}

/** Pearson correlations of the numeric columns among `columns`, in clustered order (1 − |r|, average linkage). O(m² · n). */
export function orderedCorrelation(columns: readonly Column[]): { columns: string[]; cells: Array<{ a: string; b: string; r: number | null }> } {
  const numeric = columns.filter((c): c is Extract<Column, { kind: 'number' }> => c.kind === 'number');
  const r = pearsonMatrix(numeric.map((c) => c.values));
  const order = orderByClustering(r.map((row) => row.map((v) => 1 - Math.abs(v))));
  return {
    columns: order.map((i) => numeric[i]!.name),
    cells: order.flatMap((a) => order.map((b) => ({ a: numeric[a]!.name, b: numeric[b]!.name, r: Number.isFinite(r[a]![b]!) ? r[a]![b]! : null }))),
  };
}
