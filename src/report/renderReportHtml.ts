import { CONTEXT_LEAD } from '../explain/contextProfile.js';
import { SHORTLIST_CAPTION, SHORTLIST_HEADER, shortlistCells } from '../explain/shortlistText.js';
import { htmlRow, scrollTable } from './htmlRow.js';
import type { BaselineComparison } from '../baseline/alignToBaseline.js';
import { baselineTables, migrationCellColours } from '../explain/baselineText.js';
import { stabilitySentence } from '../explain/stabilitySentence.js';
import { ruleFit } from '../explain/ruleSentence.js';
import { unusualTable, type UnusualSummary } from '../explain/unusualCustomers.js';
import { allCharts } from '../charts/index.js';
import { sampleNote } from '../charts/scatterChart.js';
import type { ReportData } from '../charts/reportData.js';
import { countText, formatNumber, formatPercent } from '../util/formatNumber.js';
import { mountScatter3d } from './scatter3d.js';
import { columnProfileSection } from './columnProfileSection.js';
import { scatter3dData } from './scatter3dData.js';
import { escapeHtml } from './escapeHtml.js';
import type { ReportSection } from './reportSection.js';
import { toVega, vegaRuntimeSource } from './vegaAssets.js';
import { chartDataTable, type ChartDataTable } from '../charts/chartDataTable.js';
import { withTableOfContents } from './tableOfContents.js';

export { escapeHtml };

/** JSON safe to place inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const CSS = `
body{font-family:"DejaVu Sans",Verdana,sans-serif;margin:0;color:#222;background:#fafafa}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px} h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:8px 24px;font-size:13px}
.meta dt{font-weight:bold} .meta .wide{grid-column:1/-1} .meta dd{margin:0 0 6px}
.reason{font-size:15px;background:#fff;border-left:4px solid #D55E00;padding:8px 12px;margin:12px 0}
.k-warnings{background:#fff8e6;border-left:4px solid #E69F00;margin:-4px 0 12px;padding:6px 12px 6px 30px;font-size:14px}
.chart{background:#fff;padding:8px}
@media (max-width:600px){main{padding:12px} .chart{padding:4px}}
[data-overflow="true"]::before{content:"Scroll sideways for more →";display:block;position:sticky;left:0;width:max-content;font-size:12px;color:#555;padding:2px 0}
.chart svg,.chart canvas{max-width:100%;height:auto!important;border:0}
details.data{margin:4px 0 0;font-size:13px} details.data summary{cursor:pointer;color:#0b5394;padding:2px 0}
:focus-visible{outline:3px solid #0b5394;outline-offset:2px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:12px}
.card{background:#fff;border:1px solid #ddd;border-top:6px solid var(--c);padding:12px;break-inside:avoid}
.toc{font-size:14px} .toc h2{font-size:15px;margin:20px 0 4px} .toc ol{columns:2 240px;margin:0;padding-left:22px} .toc a{color:#0b5394}
.card h3{margin:0 0 4px;font-size:16px} .card .size{color:#555;font-size:13px}
.card ul{padding-left:18px;margin:6px 0} .card .action{background:#f3f3f3;padding:6px 8px;margin-top:8px}
.card .rule{color:#666;font-size:12px} .card .described{font-size:13px;color:#333} .card .stability{font-size:13px;color:#333}
canvas{background:#fff;border:1px solid #ddd;cursor:grab;max-width:100%}
code{background:#eee;padding:1px 4px;word-break:break-all}
table.plain{border-collapse:collapse;background:#fff;font-size:13px;margin:8px 0} table.plain caption{text-align:left;font-size:13px;color:#444;padding:2px 0} .scroll{overflow-x:auto;max-width:100%} table.plain th,table.plain td{border:1px solid #ddd;padding:3px 8px;text-align:right} table.plain th:first-child,table.plain td:first-child{text-align:left} table.unusual td:nth-child(2),table.unusual th:nth-child(2),table.unusual td:last-child,table.unusual th:last-child{text-align:left;min-width:200px}
@media print{@page{size:A4 portrait;margin:12mm} body{background:#fff;font-size:11px} main{max-width:none;padding:0} .chart{padding:0;break-inside:avoid} .chart svg,.chart canvas{max-height:230mm;width:auto!important} .card,tr{break-inside:avoid} h2{break-after:avoid} section.keep{break-inside:avoid} details.data{display:none} .scroll{overflow:visible} [data-overflow]::before{display:none} table.plain{font-size:9px}}
`;

/**
 * The self-contained HTML report: header (data, preprocessing, chosen k and why, reproducibility), every
 * chart (Vega-Lite compiled to Vega and drawn by the inlined Vega runtime), the rotatable 3D PCA plot and
 * the segment cards, and optional extra sections (customer value, RFM) first. No external requests; readable when printed.
 */
export function renderReportHtml(data: ReportData, extras: readonly ReportSection[] = []): string {
  const charts = [...extras.flatMap((e) => e.charts), ...allCharts(data).filter((c) => c.id !== 'pca3d')];
  const specs = Object.fromEntries(charts.map((c) => [c.id, toVega(c.spec)]));
  const narrow = Object.fromEntries(charts.map((c) => [c.id, withoutSharedData(toVega(c.spec, 'narrow'), specs[c.id]!)]));
  const label = (s: string): string => escapeHtml(s);
  // Three components need three features: with two the 3D view would draw a flat PC3 of 0%.
  const threeD = data.pcaRatios.length >= 3;
  const scatter3d = threeD ? scatter3dData(data) : null;
  const tables = new Map(charts.map((c) => [c.id, chartDataTable(c)]));
  const chartBlock = (id: string): string => `<div class="chart" id="chart-${id}" data-chart="${id}"></div>${dataDetails(tables.get(id) ?? null)}`;
  const section = (id: string, title: string): string => `<section><h2>${label(title)}</h2>${chartBlock(id)}</section>`;
  const cards = data.segments.map(segmentCard).join('\n');
  const legend = data.segments.map((s) => `<span style="color:${s.color}">●</span> ${label(s.label)}`).join(' &nbsp; ');
  // The contents list the sections of <main>; the inlined runtime and specs after it are not scanned.
  return (
    withTableOfContents(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Segmenta report: ${label(data.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>${data.within ? `Sub-segments of segment ${data.within.segment} (${label(data.within.name)})` : 'Customer segments'}: ${label(data.title)}</h1>
<div class="reason" id="reason">${label(data.reason)}</div>
${data.kWarnings.length ? `<ul class="k-warnings" id="k-warnings">${data.kWarnings.map((w) => `<li data-code="${label(w.code)}"><strong>Look twice:</strong> ${label(w.message)}</li>`).join('')}</ul>` : ''}
${shortlistTable(data)}
${metaList(data)}
</header>
<!-- toc -->
${extras.map((extra) => `<section class="extra"><h2>${label(extra.title)}</h2>${extra.html}${extra.charts.map((c) => chartBlock(c.id)).join('')}</section>`).join('\n')}
<section><h2>Segments</h2><div class="cards">${cards}</div></section>
${data.unusual ? unusualSection(data.unusual, data.segments) : ''}
${columnProfileSection(data)}
${data.baseline ? baselineSection(data.baseline) : ''}
${section('profile', 'Segment profiles and sizes')}
${section('elbow', 'Choosing k')}
${data.dendrogram ? section('dendrogram', 'Dendrogram') : ''}
${data.splitTree && data.splitTree.length >= 3 ? section('split-tree', 'Tree of splits') : ''}
${section('scatter', 'Segments in 2D')}
${
  threeD
    ? `<section class="keep"><h2>Segments in 3D (principal components 1–3)</h2>
<p>Drag to rotate (or focus and use the arrow keys). ${label(sampleNote(data))}</p>
<canvas id="pca3d" width="720" height="480" tabindex="0" aria-label="Rotatable 3D scatter of the segments on principal components 1 to 3"></canvas>
<p>${legend}</p></section>`
    : ''
}
${section('silhouette', 'Silhouette plot')}
${section('pairs', 'Pair plot')}
${section('distributions', 'Distributions')}
${section('correlation', 'Correlations')}
<footer><p>Made by Segmenta ${label(data.version)}. Charts: Vega (inlined); no network access is needed.</p></footer>
</main>
`) +
    `<script>${vegaRuntimeSource().replace(/<\/script/gi, '<\\/script')}</script>
<script>
const SPECS = ${scriptJson(specs)};
const NARROW_SPECS = ${scriptJson(narrow)};
const SCATTER3D = ${scriptJson(scatter3d)};
${mountScatter3d.toString()}
${CHART_RUNTIME}
</script>
</body>
</html>
`
  );
}

/**
 * The report's chart runtime: every chart drawn from its wide spec, or below 600 px from its narrow one (laid
 * out for a phone, `narrowSpec`), again whenever the window crosses that width; `data-layout` on <body> says
 * which is drawn and `data-ready` that the first drawing is done. A table wider than its box says it scrolls
 * (`data-overflow`).
 */
const CHART_RUNTIME = `window.segmentaViews = {};
const narrowQuery = window.matchMedia('(max-width: 600px)');
function specFor(id) {
  if (!narrowQuery.matches) return SPECS[id];
  const wide = SPECS[id];
  const spec = NARROW_SPECS[id];
  return Object.assign({}, spec, { data: (spec.data || []).map(function (d) {
    return d.values === '$wide' ? Object.assign({}, d, { values: wide.data.find(function (w) { return w.name === d.name; }).values }) : d;
  }) });
}
function drawCharts() {
  const layout = narrowQuery.matches ? 'narrow' : 'wide';
  return Promise.all(Object.keys(SPECS).map(function (id) {
    if (window.segmentaViews[id]) window.segmentaViews[id].finalize();
    const spec = specFor(id);
    const meta = spec.usermeta || {};
    const c = document.getElementById('chart-' + id);
    c.replaceChildren();
    const view = new vega.View(vega.parse(spec), { renderer: meta.renderer || 'svg', container: c, hover: true });
    window.segmentaViews[id] = view;
    return view.runAsync().then(function () {
      if (meta.renderer !== 'canvas') return;
      c.setAttribute('role', 'img');
      c.setAttribute('aria-label', spec.description || id);
      if (meta.minFont) c.dataset.minFont = String(meta.minFont);
    });
  })).then(function () { document.body.dataset.layout = layout; });
}
narrowQuery.addEventListener('change', drawCharts);
document.querySelectorAll('.scroll').forEach(function (box) {
  new ResizeObserver(function () { box.dataset.overflow = String(box.scrollWidth > box.clientWidth + 1); }).observe(box);
});
window.segmentaReady = drawCharts().then(function () { const canvas = document.getElementById('pca3d'); if (canvas) mountScatter3d(canvas, SCATTER3D); document.body.dataset.ready = 'true'; });`;

/**
 * A narrow spec without the inline data it shares with the wide one (same name, same values): those become
 * "$wide" and are taken from the wide spec when drawn, so the report carries every data set once.
 */
function withoutSharedData(narrow: object, wide: object): object {
  const wideData = new Map(((wide as { data?: Array<{ name: string; values?: unknown }> }).data ?? []).map((d) => [d.name, JSON.stringify(d.values)]));
  const data = (narrow as { data?: Array<{ name: string; values?: unknown }> }).data ?? [];
  return {
    ...narrow,
    data: data.map((d) => (d.values !== undefined && wideData.get(d.name) === JSON.stringify(d.values) ? { ...d, values: '$wide' } : d)),
  };
}

/** A segment's card: name, size, what sets it apart, its description, context, stability, rule and suggested action. */
function segmentCard(s: ReportData['segments'][number]): string {
  const label = escapeHtml;
  return `<article class="card" style="--c:${s.color}" data-segment="${s.id}">
<h3>${label(s.label)}</h3>
<div class="size">${countText(s.size)} customers · ${formatPercent(s.share)}</div>
<ul>${s.distinguishing
    .slice(0, 3)
    .map((d) => `<li>${label(d.phrase)} (${label(d.detail)})</li>`)
    .join('')}</ul>
<p>${label(s.description)}</p>
${s.contextProfile ? `<p class="described"><strong>${CONTEXT_LEAD}:</strong> ${label(s.contextProfile)}</p>` : ''}
${s.stability ? `<p class="stability">${label(stabilitySentence(s.stability))}</p>` : ''}
${s.rule ? `<p class="seg-rule"><strong>Who is in it:</strong> ${label(s.rule.text)} <span class="fit">(${ruleFit(s.rule)})</span></p>` : ''}
<div class="action"><strong>Suggested action:</strong> ${label(s.suggestion.action)}<div class="rule">${label(s.suggestion.rule)}</div></div>
</article>`;
}

/** The report header's list of facts: the data, features, notes, preprocessing, segments, roles, unusual values, how to reproduce. */
function metaList(data: ReportData): string {
  const p = data.preprocessing;
  const label = escapeHtml;
  const list = (items: string[]): string => (items.length ? items.map(label).join('; ') : 'none');
  return `<dl class="meta">
${data.within ? `<div class="wide" id="within"><dt>Within one segment</dt><dd>The customers of segment ${data.within.segment} (${label(data.within.name)}) of ${label(data.within.model)}: ${countText(data.within.customers)} of ${countText(data.within.of)} customers, re-segmented on their own (membership by ${label(data.within.membership)}). Names compare them with each other, not with all customers.</dd></div>` : ''}
<div><dt>Data</dt><dd>${label(data.title)}: ${countText(data.rows)} customers; key ${label(data.keyColumn ?? 'row number')}${data.sampledRows ? `. Segment sizes count every customer; charts, profiles and k were computed on a seeded sample of ${countText(data.sampledRows)} that left the database` : ''}</dd></div>
<div><dt>Features (${data.features.length})</dt><dd>${list([...data.features])}</dd></div>
${data.dataNotes.map((n) => `<div><dt>Note</dt><dd>${label(n.charAt(0).toUpperCase() + n.slice(1))}</dd></div>`).join('\n')}
<div><dt>Preprocessing</dt><dd>Scaling: ${label(p.scaling)}. Imputed: ${list(p.imputed.map((i) => `${i.column} ${i.count} cell(s) with ${typeof i.value === 'number' ? formatNumber(i.value) : i.value}`))}. One-hot encoded: ${list(p.encoded.map((e) => `${e.column} (${e.levels.length} levels${e.groupedAsOther.length ? `, ${e.groupedAsOther.length} grouped as other` : ''})`))}. log1p: ${list([...p.logged])}.${p.clipped ? ` Clipped at the outlier fences (--clip auto): ${list(p.clipped.map((c) => `${c.column} ${c.count} value(s) to ${formatNumber(c.low)}–${formatNumber(c.high)}`))}.` : ''} Not used: ${list(p.dropped.map((d) => `${d.column} (${d.reason})`))}.</dd></div>
<div><dt>Segments</dt><dd>k = ${data.k}. ${label(data.rule)}${data.sizeLimits ? ` ${label(data.sizeLimits)}` : ''}</dd></div>
${rolesMeta(data)}
${data.unusualValues.length ? `<div class="wide" id="unusual-values"><dt>Unusual values (check them; --clip auto winsorizes outliers)</dt><dd>${data.unusualValues.map((l) => label(l.trim())).join('<br>')}</dd></div>` : ''}
<div class="wide"><dt>Reproduce</dt><dd>Segmenta ${label(data.version)}, seed ${data.seed}: <code>${label(data.commandLine)}</code></dd></div>
</dl>`;
}

/** A chart's "show data" table, folded under the chart (left out of print: the chart is on paper). */
function dataDetails(t: ChartDataTable | null): string {
  if (!t) return '';
  return `<details class="data"><summary>Show the data</summary>${scrollTable(`<table class="plain"><caption>${escapeHtml(t.caption)}</caption><thead>${htmlRow(t.header, 'th')}</thead><tbody>${t.rows.map((r) => htmlRow(r)).join('')}</tbody></table>`, t.caption)}</details>`;
}

/** The ranked alternatives to the chosen k as a small table (the chosen k marked), or nothing. */
function shortlistTable(data: ReportData): string {
  if (data.shortlist.length < 2) return '';
  const rows = data.shortlist
    .map((c) => htmlRow([...shortlistCells(c, data.criteria).map((x, i) => (i === 0 ? `${x}${shortlistMark(c.k, data)}` : x))]))
    .join('');
  return `<table class="plain shortlist" id="k-shortlist"><caption>${escapeHtml(SHORTLIST_CAPTION)}</caption><thead>${htmlRow([...SHORTLIST_HEADER], 'th')}</thead><tbody>${rows}</tbody></table>`;
}

/** " (chosen)" for the chosen k, " (the alternative)" for the one other k recommended, else nothing. */
function shortlistMark(k: number, data: ReportData): string {
  return k === data.k ? ' (chosen)' : k === data.alternative ? ' (the alternative)' : '';
}

/** "What changed since the baseline": the sentence, sizes before and after, and the heat-table of moves. */
function baselineSection(b: BaselineComparison): string {
  const t = baselineTables(b);
  const heat = t.migration.rows.map((r) => {
    const cells = r.cells.map(
      (c) =>
        `<td style="background:${migrationCellColours(c.share).background};color:${migrationCellColours(c.share).color}">${countText(c.count)}<br><small>${(c.share * 100).toFixed(0)}%</small></td>`,
    );
    return `<tr><th scope="row">${escapeHtml(r.label)}</th>${cells.join('')}<td>${countText(r.total)}</td></tr>`;
  });
  const head = `<tr><th>baseline ↓ · now →</th>${t.migration.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const foot = `<tr><th scope="row">in both</th>${t.migration.totals.map((v) => `<td>${countText(v)}</td>`).join('')}</tr>`;
  return `<section id="baseline"><h2>What changed since the baseline</h2>
<p>${escapeHtml(t.sentence)}</p>
${scrollTable(`<table class="plain"><caption>Segments now and in the baseline (sizes: all customers of each run)</caption><thead>${htmlRow([...t.sizes.header], 'th')}</thead><tbody>${t.sizes.rows.map((r) => htmlRow(r)).join('')}</tbody></table>`, 'Segments now and in the baseline')}
${scrollTable(`<table class="plain migration" id="migration"><caption>${escapeHtml(t.migration.caption)}</caption><thead>${head}</thead><tbody>${heat.join('')}${foot}</tbody></table>`, t.migration.caption)}
</section>`;
}

/** "Unusual customers": how many and what the flag means, then the most unusual with why. */
function unusualSection(u: UnusualSummary, segments: ReportData['segments']): string {
  const t = unusualTable(u, segments);
  return `<section id="unusual"><h2>Unusual customers</h2>
<p>${escapeHtml(t.sentence).replace('--contamination', '<code>--contamination</code>').replace('unusual = 1', '<code>unusual = 1</code>')}</p>
${t.rows.length ? scrollTable(`<table class="plain unusual"><caption>${escapeHtml(t.caption)}</caption><thead>${htmlRow([...t.header], 'th')}</thead><tbody>${t.rows.map((r) => htmlRow([...r])).join('')}</tbody></table>`, 'The most unusual customers') : ''}
</section>`;
}

/** The column roles as the report states them: codes and flags with why; other roles in one list. */
function rolesMeta(data: ReportData): string {
  if (!data.columns.length) return '';
  const special = data.columns.filter((c) => c.role === 'code' || c.role === 'flag');
  const text = [
    ...special.map((c) => `${c.column}: ${c.role === 'code' ? 'a code, treated as a category' : 'a yes/no flag, described as shares'} (${c.reason})`),
    `others: ${data.columns
      .filter((c) => c.role !== 'code' && c.role !== 'flag')
      .map((c) => `${c.column} (${c.role})`)
      .join(', ')}`,
  ];
  return `<div class="wide" id="column-roles"><dt>Column roles (override with --categorical / --numeric)</dt><dd>${text.map(escapeHtml).join('; ')}</dd></div>`;
}
