import { labelWithUnit } from '../explain/columnLabels.js';
import type { ReportData } from '../charts/reportData.js';
import { formatValue, percent } from '../explain/nameSegments.js';
import type { LevelContrast, NumericContrast } from '../explain/profileSegments.js';
import { escapeHtml } from './escapeHtml.js';
import { htmlRow, scrollTable } from './htmlRow.js';

/** The words for a role in the report's tables. */
const ROLE_WORDS: Record<string, string> = { number: 'number', flag: 'yes/no flag', code: 'code (category)', category: 'category', date: 'date' };

/** The "Every column by segment" tables as text cells, for the report and the studio. */
export interface ColumnProfileTables {
  readonly note: string;
  readonly header: readonly string[];
  readonly tables: ReadonlyArray<{ readonly caption: string; readonly rows: readonly (readonly string[])[] }>;
}

/**
 * "Every column by segment": one table of numbers, flags and dates (mean, median and middle half per segment
 * and overall) and one of category and code levels (share per segment and overall), clustering features
 * first, then the columns that were not features, marked as such. Empty tables are left out. O(columns · k).
 */
export function columnProfileTables(data: Pick<ReportData, 'segments'>): ColumnProfileTables {
  const first = data.segments[0];
  const header = ['column', 'role', ...data.segments.map((s) => s.label), 'all customers'];
  const note = 'Columns marked “not a feature” were not used to form the segments; they are shown because they describe who is in each one.';
  if (!first) return { note, header, tables: [] };
  const numericRows = (pick: (s: ReportData['segments'][number]) => readonly NumericContrast[], feature: boolean): string[][] =>
    pick(first).map((c, j) => [
      columnTitle(c.label, c.unit, feature),
      ROLE_WORDS[c.role] ?? c.role,
      ...data.segments.map((s) => numericCell(pick(s)[j]!)),
      numericCell({ ...c, mean: c.populationMean, median: c.populationMedian, q1: c.populationQ1, q3: c.populationQ3 }),
    ]);
  const levelRows = (pick: (s: ReportData['segments'][number]) => readonly LevelContrast[], feature: boolean): string[][] =>
    pick(first).map((l, j) => [
      `${columnTitle(l.label, undefined, feature)}: ${l.levelLabel}`,
      ROLE_WORDS[l.role] ?? l.role,
      ...data.segments.map((s) => percent(pick(s)[j]!.share)),
      percent(l.populationShare),
    ]);
  const tables = [
    {
      caption: 'Numbers and flags: mean · median [middle half] (flags: share of yes)',
      rows: [...numericRows((s) => s.numeric, true), ...numericRows((s) => s.context.numeric, false)],
    },
    { caption: 'Categories and codes: share of each level', rows: [...levelRows((s) => s.levels, true), ...levelRows((s) => s.context.levels, false)] },
  ];
  return { note, header, tables: tables.filter((t) => t.rows.length > 0) };
}

/** The report's "Every column by segment" section (see `columnProfileTables`). */
export function columnProfileSection(data: ReportData): string {
  const t = columnProfileTables(data);
  if (!t.tables.length) return '';
  const table = (caption: string, rows: readonly (readonly string[])[]): string =>
    scrollTable(
      `<table class="plain profile-table"><caption>${escapeHtml(caption)}</caption>${htmlRow(t.header, 'th')}${rows.map((r) => htmlRow(r)).join('\n')}</table>`,
      caption,
    );
  return `<section id="column-profiles"><h2>Every column by segment</h2>
<p>${escapeHtml(t.note)}</p>
${t.tables.map((x) => table(x.caption, x.rows)).join('\n')}</section>`;
}

/** A column's title in the tables: its label and unit, and "(not a feature)" for context columns. */
function columnTitle(label: string, unit: string | undefined, feature: boolean): string {
  return `${labelWithUnit(label, unit)}${feature ? '' : ' (not a feature)'}`;
}

/** "86.5 · 87 [77–97]" for a number, "45%" for a flag, the median date for a date. */
function numericCell(c: Pick<NumericContrast, 'role' | 'unit' | 'mean' | 'median' | 'q1' | 'q3'>): string {
  if (c.role === 'flag') return percent(c.mean);
  const plain = { role: c.role };
  if (c.role === 'date') return `${formatValue(c.median, plain)} [${formatValue(c.q1, plain)} – ${formatValue(c.q3, plain)}]`;
  return `${formatValue(c.mean, plain)} · ${formatValue(c.median, plain)} [${formatValue(c.q1, plain)}–${formatValue(c.q3, plain)}]`;
}
