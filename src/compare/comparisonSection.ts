import { withConfig, type Chart } from '../charts/chartSpec.js';
import { formatNumber } from '../util/formatNumber.js';
import { escapeHtml } from '../report/escapeHtml.js';
import { htmlRow as row } from '../report/htmlRow.js';
import type { ReportSection } from '../report/reportSection.js';
import type { Comparison } from './compareMethods.js';

/** The report's comparison section: the metrics table, the agreement table, cross-tables and a metrics chart. */
export function comparisonSection(c: Comparison): ReportSection {
  const f3 = (v: number): string => v.toFixed(3);
  const metrics = `<table class="plain">${row(['method', 'k', 'silhouette', 'Calinski–Harabasz', 'Davies–Bouldin', 'segment sizes', 'how k was chosen'], 'th')}
${c.runs.map((r) => row([r.method, String(r.k), f3(r.silhouette), formatNumber(r.calinskiHarabasz), f3(r.daviesBouldin), r.sizes.join(' / '), r.segmentation.choice.reason])).join('\n')}</table>`;
  const agreement = `<table class="plain">${row(['methods', 'adjusted Rand index', 'adjusted mutual information'], 'th')}
${c.agreements.map((a) => row([`${a.a} vs ${a.b}`, f3(a.adjustedRand), f3(a.adjustedMutualInfo)])).join('\n')}</table>`;
  const names = (m: string): string[] => c.runs.find((r) => r.method === m)!.segmentation.segments.map((s) => `${s.id} · ${s.name}`);
  const cross = c.agreements
    .map(
      (a) =>
        `<p>${escapeHtml(a.a)} (rows) × ${escapeHtml(a.b)} (columns):</p><table class="plain">${row(['', ...names(a.b)], 'th')}${a.crossTable.map((r, i) => row([names(a.a)[i]!, ...r.map(String)])).join('')}</table>`,
    )
    .join('\n');
  const values = c.runs.flatMap((r) => [
    { method: r.method, metric: 'Silhouette (higher is better)', value: r.silhouette },
    { method: r.method, metric: 'Calinski–Harabasz (higher is better)', value: r.calinskiHarabasz },
    { method: r.method, metric: 'Davies–Bouldin (lower is better)', value: r.daviesBouldin },
  ]);
  const chart: Chart = {
    id: 'comparison',
    title: 'Methods compared',
    spec: withConfig({
      title: { text: 'Quality of each method’s segments' },
      data: { values },
      facet: { column: { field: 'metric', type: 'nominal', title: null } },
      spec: {
        width: 170,
        height: 140,
        mark: 'bar',
        encoding: {
          // Methods in the order they were run, in one neutral colour: colours mean segments in every other chart.
          x: { field: 'method', type: 'nominal', title: null, sort: c.runs.map((r) => r.method), axis: { labelAngle: -30 } },
          y: { field: 'value', type: 'quantitative', title: 'Index value (unitless)' },
          color: { value: '#4d4d4d' },
        },
      },
      resolve: { scale: { y: 'independent' } },
    }),
  };
  return {
    title: 'Methods compared',
    html: `${metrics}<p>Agreement between methods (1 = the same segments up to numbering):</p>${agreement}${cross}`,
    charts: [chart],
  };
}
