import { countText, formatNumber } from '../util/formatNumber.js';
import type { Chart, ChartSpec } from './chartSpec.js';

/** A chart's "show data" table: what it draws, as text cells, for readers who cannot see or hover the chart. */
export interface ChartDataTable {
  readonly caption: string;
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

/** Rows shown as they are; a longer dataset is summarized by segment (or cut, saying so). */
const MAX_ROWS = 60;
/** Fields that only style a chart (text colour of a cell, a pre-formatted label); also ink… (a panel's text colour). */
const STYLE_FIELDS = new Set(['ink', 'text', 'mid', 'chosen', 'elbow', 'colour']);
const isStyleField = (f: string): boolean => STYLE_FIELDS.has(f) || /^ink[A-Z]/.test(f);

/**
 * The data of a chart as a table: the chart's first dataset (the one its main marks draw), headed by the
 * titles its encodings give the fields. Up to 60 rows are shown as they are; a longer dataset with a segment
 * field becomes one row per segment (points, and the mean of each number), otherwise its first 60 rows.
 * Null for a chart without inline data. O(rows · fields).
 */
export function chartDataTable(chart: Chart): ChartDataTable | null {
  const values = firstValues(chart.spec);
  if (!values || values.length === 0) return null;
  const titles = fieldTitles(chart.spec);
  const fields = Object.keys(values[0]!).filter((f) => !isStyleField(f) && values.some((r) => isCell(r[f])));
  const head = (f: string): string => titles.get(f) ?? f;
  if (values.length <= MAX_ROWS)
    return { caption: `${chart.title}: the values drawn`, header: fields.map(head), rows: values.map((r) => fields.map((f) => cell(r[f]))) };
  if (fields.includes('segment')) {
    const numeric = fields.filter((f) => f !== 'segment' && f !== 'key' && values.every((r) => typeof r[f] === 'number' || r[f] === null));
    const groups = new Map<string, { n: number; sums: number[]; counts: number[] }>();
    for (const r of values) {
      const g = groups.get(String(r['segment'])) ?? { n: 0, sums: numeric.map(() => 0), counts: numeric.map(() => 0) };
      g.n++;
      numeric.forEach((f, j) => typeof r[f] === 'number' && Number.isFinite(r[f]) && ((g.sums[j]! += r[f] as number), g.counts[j]!++));
      groups.set(String(r['segment']), g);
    }
    return {
      caption: `${chart.title}: ${countText(values.length)} values drawn, summarized by segment (the mean of each)`,
      header: [head('segment'), 'drawn', ...numeric.map((f) => `mean ${head(f)}`)],
      rows: [...groups].map(([s, g]) => [s, countText(g.n), ...g.sums.map((v, j) => (g.counts[j] ? formatNumber(v / g.counts[j]!) : ''))]),
    };
  }
  return {
    caption: `${chart.title}: the first ${MAX_ROWS} of ${countText(values.length)} values drawn`,
    header: fields.map(head),
    rows: values.slice(0, MAX_ROWS).map((r) => fields.map((f) => cell(r[f]))),
  };
}

type Row = Record<string, unknown>;

const isCell = (v: unknown): boolean => typeof v === 'number' || typeof v === 'string';
const cell = (v: unknown): string => (typeof v === 'number' ? formatNumber(v) : typeof v === 'string' ? v : '');

/** The first inline dataset met in reading order: the spec's own, then its layers' and panels'. */
function firstValues(spec: unknown): Row[] | null {
  if (typeof spec !== 'object' || spec === null) return null;
  const s = spec as ChartSpec;
  const data = s['data'] as { values?: unknown } | undefined;
  if (data && Array.isArray(data.values)) return data.values as Row[];
  for (const key of ['layer', 'concat', 'hconcat', 'vconcat', 'spec']) {
    const children = s[key];
    for (const child of Array.isArray(children) ? children : children ? [children] : []) {
      const found = firstValues(child);
      if (found) return found;
    }
  }
  return null;
}

/** Field → title from every encoding channel, tooltip and fold in the spec (the first title met wins). */
function fieldTitles(spec: unknown, out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(spec)) for (const x of spec) fieldTitles(x, out);
  else if (typeof spec === 'object' && spec !== null) {
    const o = spec as Record<string, unknown>;
    const title = o['title'];
    const text = typeof title === 'string' ? title : Array.isArray(title) ? title.join(' ') : undefined;
    if (typeof o['field'] === 'string' && text && !out.has(o['field'])) out.set(o['field'], text);
    for (const v of Object.values(o)) fieldTitles(v, out);
  }
  return out;
}
