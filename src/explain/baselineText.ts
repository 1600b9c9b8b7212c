import type { BaselineComparison } from '../baseline/alignToBaseline.js';
import { countText } from '../util/formatNumber.js';

/** Share of a baseline segment's shared customers found in the segment that continues it (0..1), or null for a new segment. */
function stayedShare(c: BaselineComparison, segment: BaselineComparison['segments'][number]): number | null {
  if (!segment.baseline) return null;
  const row = c.migration.counts[c.migration.baseline.findIndex((b) => b.id === segment.baseline!.id)]!;
  const total = row.reduce((s, v) => s + v, 0);
  return total > 0 ? segment.baseline.stayed / total : null;
}

/** A segment's status against the baseline in a few words, for tables: "kept, 98% stayed" or "new". */
export function baselineStatus(c: BaselineComparison, segment: BaselineComparison['segments'][number]): string {
  if (segment.status === 'new') return 'new';
  const stayed = stayedShare(c, segment);
  const word = segment.status === 'kept' ? 'kept' : `renamed (was ${segment.baseline!.name})`;
  return stayed === null || c.basis === 'centres' ? word : `${word}, ${Math.round(stayed * 100)}% stayed`;
}

/**
 * What changed since the baseline in one or two sentences: segments kept, new and gone, and how many of the
 * customers both runs share stayed in the segment of the same number.
 */
export function baselineSentence(c: BaselineComparison): string {
  const kept = c.segments.filter((s) => s.status !== 'new');
  const added = c.segments.filter((s) => s.status === 'new');
  const renamed = c.segments.filter((s) => s.status === 'renamed');
  const parts = [
    `${kept.length} of ${c.segments.length} segments continue a baseline segment and keep its number${renamed.length === kept.length ? '' : renamed.length ? `, ${kept.length - renamed.length} its name too` : ' and name'}`,
  ];
  if (renamed.length)
    parts.push(
      `renamed, as under ¾ of their customers come from the old segment: ${renamed.map((s) => `${s.id} · ${s.baseline!.name} → ${s.name}`).join(', ')}`,
    );
  if (added.length) parts.push(`new: ${added.map((s) => `${s.id} · ${s.name}`).join(', ')}`);
  if (c.vanished.length) parts.push(`gone: ${c.vanished.map((s) => `${s.id} · ${s.name}`).join(', ')}`);
  const first = `Since the baseline ${c.model}: ${parts.join('; ')}.`;
  if (c.basis === 'centres') return `${first} No customer is in both runs (by key), so segments were matched by each customer's nearest baseline centre.`;
  const same = kept.reduce((s, seg) => s + seg.baseline!.stayed, 0);
  const pct = c.shared > 0 ? ((100 * same) / c.shared).toFixed(1) : '0';
  return `${first} Of the ${countText(c.shared)} customers in both runs, ${countText(same)} (${pct}%) are in the segment of the same number${c.added ? `; ${countText(c.added)} customers are new` : ''}.`;
}

/** The baseline comparison as two tables (cells as text; heat cells with their share), for the report and the studio. */
export interface BaselineTables {
  readonly sentence: string;
  readonly sizes: { readonly header: readonly string[]; readonly rows: readonly string[][] };
  readonly migration: {
    readonly caption: string;
    /** Column headings: the new segments, then "in both". */
    readonly header: readonly string[];
    /** One row per baseline segment: its label, a count and share (of the row) per new segment, and the row total. */
    readonly rows: ReadonlyArray<{
      readonly label: string;
      readonly cells: ReadonlyArray<{ readonly count: number; readonly share: number }>;
      readonly total: number;
    }>;
    /** Column totals, then the grand total (the customers in both). */
    readonly totals: readonly number[];
  };
}

/** Builds `BaselineTables` from a comparison. O(k_old · k_new). */
export function baselineTables(b: BaselineComparison): BaselineTables {
  const label = (s: { id: number; name: string }): string => `${s.id} · ${s.name}`;
  const sizes = [
    ...b.segments.map((s) => [label(s), baselineStatus(b, s), s.baseline ? countText(s.baseline.size) : '—', countText(s.size)]),
    ...b.vanished.map((v) => [label(v), 'gone', countText(v.size), '—']),
  ];
  const colSum = b.segments.map((_, j) => b.migration.counts.reduce((s, r) => s + r[j]!, 0));
  const rows = b.migration.baseline.map((a, i) => {
    const row = b.migration.counts[i]!;
    const total = row.reduce((s, v) => s + v, 0);
    return { label: label(a), cells: row.map((count) => ({ count, share: total > 0 ? count / total : 0 })), total };
  });
  return {
    sentence: baselineSentence(b),
    sizes: { header: ['segment', 'since baseline', 'customers then', 'customers now'], rows: sizes },
    migration: {
      caption: `Where the customers of each baseline segment are now (${b.basis === 'customers' ? 'customers in both runs, by key' : 'every customer, by nearest baseline centre'}; share of the baseline segment's row; also in migration.csv)`,
      header: [...b.segments.map(label), 'in both'],
      rows,
      totals: [...colSum, colSum.reduce((s, v) => s + v, 0)],
    },
  };
}

/** A migration cell's colours by its share of the row (0..1): a blue wash, white text on the darker half. */
export function migrationCellColours(share: number): { readonly background: string; readonly color: string } {
  return { background: `rgba(0,114,178,${(share * 0.85).toFixed(3)})`, color: share > 0.5 ? '#fff' : '#222' };
}
