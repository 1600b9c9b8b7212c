// The panels under the segment cards: unusual customers, every column by segment, what changed since a baseline.
import { migrationCellColours } from '../src/explain/baselineText.js';
import type { SegmentsAnswer } from '../src/server/api.js';
import { $, el, fill, plain, scrollRegion, table } from './dom.js';

/** "Unusual customers" (the report's sentence and table), under the cards; hidden when the run has none listed. */
export function showUnusual(u: SegmentsAnswer['unusual']): void {
  const box = $('unusual-customers');
  box.hidden = !u;
  if (!u) return box.replaceChildren();
  const listed = el(
    'table',
    { className: 'plain unusual' },
    el('caption', {}, u.caption),
    el('thead', {}, el('tr', {}, ...u.header.map((h) => el('th', {}, h)))),
    el('tbody', {}, ...u.rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))),
  );
  fill(box, el('h2', {}, 'Unusual customers'), el('p', { className: 'hint' }, u.sentence), ...(u.rows.length ? [scrollRegion(listed, u.caption)] : []));
}

/** "Every column by segment" (the same tables as the report's), under the cards. */
export function showColumnProfiles(t: SegmentsAnswer['columnProfiles']): void {
  const profile = (caption: string, rows: readonly (readonly string[])[]): HTMLElement =>
    scrollRegion(
      el(
        'table',
        { className: 'plain profile-table' },
        el('caption', {}, caption),
        el('thead', {}, el('tr', {}, ...t.header.map((h) => el('th', {}, h)))),
        el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c, j) => (j === 0 ? el('th', {}, c) : el('td', {}, c)))))),
      ),
      caption,
    );
  fill(
    $('column-profiles'),
    el('h2', {}, 'Every column by segment'),
    el('p', { className: 'hint' }, t.note),
    ...t.tables.map((x) => profile(x.caption, x.rows)),
  );
}

/** "What changed since the baseline" (the same tables as the report's section), or nothing. */
export function showBaseline(b: SegmentsAnswer['baseline']): void {
  $('baseline-result').hidden = !b;
  $('baseline-clear').hidden = !b;
  if (!b) return $('baseline-result').replaceChildren();
  const cell = (c: { count: number; share: number }): HTMLElement => {
    const td = el('td', {}, c.count.toLocaleString('en-US'), el('br', {}), el('small', {}, `${(c.share * 100).toFixed(0)}%`));
    Object.assign(td.style, migrationCellColours(c.share));
    return td;
  };
  const heat = el(
    'table',
    { className: 'plain migration' },
    el('caption', {}, b.migration.caption),
    el('thead', {}, el('tr', {}, el('th', {}, 'baseline ↓ · now →'), ...b.migration.header.map((h) => el('th', {}, h)))),
    el(
      'tbody',
      {},
      ...b.migration.rows.map((r) => el('tr', {}, el('th', {}, r.label), ...r.cells.map(cell), el('td', {}, r.total.toLocaleString('en-US')))),
      el('tr', {}, el('th', {}, 'in both'), ...b.migration.totals.map((v) => el('td', {}, v.toLocaleString('en-US')))),
    ),
  );
  fill(
    $('baseline-result'),
    el('p', {}, b.sentence),
    scrollRegion(plain(table([...b.sizes.header], b.sizes.rows)), 'Segments now and in the baseline'),
    scrollRegion(heat, b.migration.caption),
  );
}
