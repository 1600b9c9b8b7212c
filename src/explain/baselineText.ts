import type { BaselineComparison } from '../baseline/alignToBaseline.js';

/** Share of a baseline segment's shared customers found in the segment that continues it (0..1), or null for a new segment. */
export function stayedShare(c: BaselineComparison, segment: BaselineComparison['segments'][number]): number | null {
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
  const parts = [`${kept.length} of ${c.segments.length} segments continue a baseline segment and keep its number${renamed.length === kept.length ? '' : renamed.length ? `, ${kept.length - renamed.length} its name too` : ' and name'}`];
  if (renamed.length) parts.push(`renamed, as under ¾ of their customers come from the old segment: ${renamed.map((s) => `${s.id} · ${s.baseline!.name} → ${s.name}`).join(', ')}`);
  if (added.length) parts.push(`new: ${added.map((s) => `${s.id} · ${s.name}`).join(', ')}`);
  if (c.vanished.length) parts.push(`gone: ${c.vanished.map((s) => `${s.id} · ${s.name}`).join(', ')}`);
  const first = `Since the baseline ${c.model}: ${parts.join('; ')}.`;
  if (c.basis === 'centres') return `${first} No customer is in both runs (by key), so segments were matched by each customer's nearest baseline centre.`;
  const same = kept.reduce((s, seg) => s + seg.baseline!.stayed, 0);
  const pct = c.shared > 0 ? ((100 * same) / c.shared).toFixed(1) : '0';
  return `${first} Of the ${c.shared.toLocaleString('en-US')} customers in both runs, ${same.toLocaleString('en-US')} (${pct}%) are in the segment of the same number${c.added ? `; ${c.added.toLocaleString('en-US')} customers are new` : ''}.`;
}
