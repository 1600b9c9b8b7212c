import { rfmDistributionsChart, rfmGridChart, rfmSegmentsChart, type RfmChartData } from '../charts/rfmCharts.js';
import type { NumericDistribution } from '../charts/reportData.js';
import { countText, formatNumber, formatPercent } from '../util/formatNumber.js';
import { distributionOf } from '../report/tableOverview.js';
import { escapeHtml } from '../report/escapeHtml.js';
import { htmlRow as row } from '../report/htmlRow.js';
import type { ReportSection } from '../report/reportSection.js';
import { quantileSorted } from '../stats/quantile.js';
import type { RfmResult } from './rfm.js';

/** The data of the RFM charts: histograms clipped at the 99th percentile, the R × F grid, segment shares. */
function rfmChartData(result: RfmResult): RfmChartData {
  const dims: Array<[string, (c: RfmResult['customers'][number]) => number]> = [
    ['Recency (days)', (c) => c.recency],
    ['Frequency (orders)', (c) => c.frequency],
    ['Monetary (net revenue)', (c) => c.monetary],
  ];
  const distributions = dims.map(([name, get]) => {
    const values = Float64Array.from(result.customers, get);
    const p99 = quantileSorted(Float64Array.from(values).sort(), 0.99);
    const clipped = values.map((v) => Math.min(v, p99));
    return distributionOf({ name, kind: 'number', values: clipped, integer: false }) as NumericDistribution;
  });
  const grid: Array<{ r: number; f: number; customers: number; revenue: number }> = [];
  for (let r = 1; r <= result.bins; r++) {
    for (let f = 1; f <= result.bins; f++) {
      const members = result.customers.filter((c) => c.r === r && c.f === f);
      grid.push({ r, f, customers: members.length, revenue: members.reduce((s, c) => s + c.monetary, 0) });
    }
  }
  return { bins: result.bins, distributions, grid, segments: result.segments };
}

/** The RFM section of the report: how the log was cleaned, the cut points, the segment table, the cross-table and the RFM charts. */
export function rfmReportSection(result: RfmResult): ReportSection {
  const c = result.cleaning;
  const data = rfmChartData(result);
  const money = (v: number): string => countText(Math.round(v));
  const pct = formatPercent;
  const clusters = result.clustering.segments.map((s) => `${s.id} · ${s.name}`);
  const html = `
<p>${countText(c.lines)} lines read; dropped: ${countText(c.dropped.noCustomer)} without customer id, ${countText(c.dropped.noDate)} without date,
${countText(c.dropped.nonPositivePrice)} with a price ≤ 0, ${countText(c.dropped.zeroValue)} of zero value. ${countText(c.cancellationLines)} cancellation lines and
${countText(c.returnLines)} other return lines were netted against purchases; ${countText(c.returnOnlyCustomers)} customers with returns only were left out.
${countText(c.customers)} customers remain. Dates read as <code>${escapeHtml(result.dateFormat)}</code> (${escapeHtml(result.dateFormatNote)}); recency is counted to ${escapeHtml(result.asOf)}.</p>
<p>Scores 1–${result.bins} by ${result.cutsSource === 'given' ? 'the given cut points' : 'quantiles (ties never split)'}; upper bounds — recency: ${result.cuts.recency.map(formatNumber).join(', ')} days (R = ${result.bins} for the most recent);
frequency: ${result.cuts.frequency.map(formatNumber).join(', ')} orders; monetary: ${result.cuts.monetary.map(formatNumber).join(', ')}.</p>
<table class="plain">${row(['RFM segment', 'customers', 'share', 'orders', 'net revenue', 'share of revenue', 'average order value'], 'th')}
${result.segments.map((s) => row([s.name, countText(s.customers), pct(s.shareOfCustomers), countText(s.orders), money(s.revenue), pct(s.shareOfRevenue), formatNumber(s.averageOrderValue)])).join('\n')}</table>
<p>Rule segments (rows) against the k-means clusters on log R, F, M (columns):</p>
<table class="plain">${row(['RFM segment', ...clusters], 'th')}
${result.crossTable.map((t) => row([t.segment, ...t.counts.map(String)])).join('\n')}</table>`;
  return { title: 'RFM analysis', html, charts: [rfmSegmentsChart(data), rfmGridChart(data), rfmDistributionsChart(data)] };
}
