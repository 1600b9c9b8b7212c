import type { ChartSpec } from './chartSpec.js';

/** Widest plot area on a phone (CSS px), so that a chart with its axes fits a 390 px screen without shrinking. */
export const NARROW_PLOT = 210;

/** Longest axis or legend label on a phone (px; longer ones end in "…", the data table has them whole). */
const LABEL_LIMIT = 110;

/** Characters per line of a title or subtitle on a phone. */
const TITLE_LINE = 44;

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The same chart laid out for a narrow screen (below 600 px) instead of shrunk: side-by-side panels stacked,
 * facets and repeated panels in one column, plot areas at most NARROW_PLOT px wide (pair-plot cells share
 * it), long labels cut, legends below, titles wrapped, and heatmap cell numbers left out (they would not fit
 * their cells at a readable size; the colours, tooltips and the "show data" table carry them). The data are untouched. O(size of the spec).
 */
export function narrowSpec(spec: ChartSpec): ChartSpec {
  const s = structuredClone(spec) as Node;
  layOut(s, 1);
  const config = isNode(s['config']) ? s['config'] : {};
  const legend = isNode(config['legend']) ? config['legend'] : {};
  const axis = isNode(config['axis']) ? config['axis'] : {};
  s['config'] = {
    ...config,
    legend: { ...legend, orient: 'bottom', direction: 'vertical', columns: 1, labelLimit: 200, titleLimit: 260 },
    axis: { ...axis, labelLimit: LABEL_LIMIT, titleLimit: 260, labelOverlap: true },
    axisX: { tickCount: 4 },
  };
  return s;
}

/** Re-lays a view and its children; `share` is how many cells share one row of NARROW_PLOT (pair plots). */
function layOut(node: Node, share: number): void {
  if (Array.isArray(node['hconcat'])) {
    node['vconcat'] = node['hconcat'];
    delete node['hconcat'];
    // A panel beside another hid its own labels (they were the neighbour's): stacked, it shows them.
    for (const child of node['vconcat'] as Node[]) showHiddenLabels(child);
  }
  // Facets side by side (a column per value) are stacked: a row per value.
  const facet = node['facet'];
  if (isNode(facet) && facet['column'] !== undefined && facet['row'] === undefined) {
    facet['row'] = facet['column'];
    delete facet['column'];
  }
  let cells = share;
  if (typeof node['columns'] === 'number') {
    // A matrix of panels (a pair plot: as many columns as rows) keeps its shape with smaller cells; a list stacks.
    const count = Array.isArray(node['concat']) ? node['concat'].length : 0;
    if (count > 0 && count === node['columns'] ** 2) {
      cells = node['columns'];
      innerAxesUnlabelled(node['concat'] as Node[], cells);
    } else node['columns'] = 1;
  }
  const plot = cells > 1 ? Math.max(32, Math.floor((NARROW_PLOT - 20) / cells)) : NARROW_PLOT;
  if (typeof node['width'] === 'number' && node['width'] > plot) {
    if (typeof node['height'] === 'number' && cells > 1) node['height'] = Math.round((node['height'] * plot) / node['width']);
    // A plot of two measures keeps about its shape; rows of categories keep their height.
    else if (typeof node['height'] === 'number' && !categoryRows(node)) node['height'] = Math.min(node['height'], Math.round(plot * 1.25));
    node['width'] = plot;
  } else if (isNode(node['width']) && 'step' in node['width']) node['width'] = plot;
  if (node['title'] !== undefined) node['title'] = wrappedTitle(node['title']);
  if (Array.isArray(node['layer'])) node['layer'] = (node['layer'] as Node[]).filter((l) => !tinyCellText(l, node['layer'] as Node[]));
  readableText(node);
  limitLabels(node);
  for (const key of ['layer', 'vconcat', 'concat']) if (Array.isArray(node[key])) for (const child of node[key] as Node[]) layOut(child, cells);
  if (isNode(node['spec'])) layOut(node['spec'], cells);
}

/**
 * A matrix of n × n panels: numbers only on the left column's y axes and the bottom row's x axes, and the
 * bottom titles no wider than their panel.
 */
function innerAxesUnlabelled(panels: readonly Node[], n: number): void {
  const width = Math.max(32, Math.floor((NARROW_PLOT - 20) / n));
  panels.forEach((panel, i) => {
    const encoding = panel['encoding'];
    if (!isNode(encoding)) return;
    const axis = (channel: string, extra: Node): void => {
      const e = encoding[channel];
      if (isNode(e)) e['axis'] = { ...(isNode(e['axis']) ? e['axis'] : {}), ...extra };
    };
    // Two short ticks (20k, 100k) per outer axis: longer numbers would widen the cells they sit under.
    const outer = { tickCount: 2, format: '~s', labelFlush: true, labelOverlap: true };
    axis('y', i % n > 0 ? { labels: false, ticks: false } : outer);
    axis('x', Math.floor(i / n) < n - 1 ? { labels: false, ticks: false } : { ...outer, titleLimit: width + 8 });
  });
}

/** A text layer beside a rect layer: a heatmap's cell numbers, which do not fit its cells on a phone at 10 px. */
function tinyCellText(layer: Node, layers: readonly Node[]): boolean {
  const type = (l: Node): unknown => (isNode(l['mark']) ? l['mark']['type'] : l['mark']);
  return type(layer) === 'text' && layers.some((l) => type(l) === 'rect');
}

/** Whether a view (or one of its layers) puts categories down its y axis. */
function categoryRows(node: Node): boolean {
  const views = [node, ...(Array.isArray(node['layer']) ? (node['layer'] as Node[]) : [])];
  return views.some((v) => isNode(v['encoding']) && isNode(v['encoding']['y']) && ['nominal', 'ordinal'].includes(v['encoding']['y']['type'] as string));
}

/** A text mark at 10 px at least, and no wider than 140 px (a long label ends in "…" instead of widening the chart). */
function readableText(node: Node): void {
  const mark = node['mark'];
  if (!isNode(mark) || mark['type'] !== 'text') return;
  if (typeof mark['fontSize'] === 'number' && mark['fontSize'] < 10) mark['fontSize'] = 10;
  if (mark['limit'] === undefined) mark['limit'] = 140;
}

/** Axes and legends of a view's encodings: no unlimited label (0), none longer than LABEL_LIMIT. */
function limitLabels(node: Node): void {
  const encoding = node['encoding'];
  if (!isNode(encoding)) return;
  for (const channel of Object.values(encoding)) {
    if (!isNode(channel)) continue;
    for (const key of ['axis', 'legend']) {
      const guide = channel[key];
      if (!isNode(guide)) continue;
      const limit = key === 'axis' ? LABEL_LIMIT : 200;
      if (guide['labelLimit'] === 0 || (typeof guide['labelLimit'] === 'number' && guide['labelLimit'] > limit)) guide['labelLimit'] = limit;
      if (key === 'legend') Object.assign(guide, { orient: 'bottom', direction: 'vertical', columns: 1 });
    }
  }
}

/** A panel's axes that hid their labels, shown again. */
function showHiddenLabels(node: Node): void {
  const encoding = node['encoding'];
  if (!isNode(encoding)) return;
  for (const channel of Object.values(encoding))
    if (isNode(channel) && isNode(channel['axis']) && channel['axis']['labels'] === false) channel['axis'] = { labelLimit: LABEL_LIMIT };
}

/** A title (text or { text, subtitle }) with every line wrapped at about TITLE_LINE characters. */
function wrappedTitle(title: unknown): unknown {
  if (typeof title === 'string' || Array.isArray(title)) return wrapLines(title);
  if (!isNode(title)) return title;
  return {
    ...title,
    ...(title['text'] !== undefined ? { text: wrapLines(title['text']) } : {}),
    ...(title['subtitle'] !== undefined ? { subtitle: wrapLines(title['subtitle']) } : {}),
  };
}

/** Lines of at most about TITLE_LINE characters, broken at spaces. */
function wrapLines(text: unknown): unknown {
  const lines = (Array.isArray(text) ? text : [text]).filter((t): t is string => typeof t === 'string');
  if (lines.length === 0) return text;
  const out: string[] = [];
  for (const line of lines) {
    let current = '';
    for (const word of line.split(' ')) {
      if (current && (current + ' ' + word).length > TITLE_LINE) (out.push(current), (current = word));
      else current = current ? `${current} ${word}` : word;
    }
    if (current) out.push(current);
  }
  return out.length === 1 ? out[0] : out;
}
