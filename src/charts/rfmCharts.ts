import { HEATMAP_AXIS, withConfig, type Chart } from './chartSpec.js';
import type { NumericDistribution } from './reportData.js';
import { countText } from '../util/formatNumber.js';

/** What the RFM charts need: per-customer scores and values, and per-segment business figures. */
export interface RfmChartData {
  readonly bins: number;
  readonly distributions: readonly NumericDistribution[];
  readonly grid: ReadonlyArray<{ r: number; f: number; customers: number; revenue: number }>;
  readonly segments: ReadonlyArray<{ name: string; shareOfCustomers: number; shareOfRevenue: number; customers: number; revenue: number }>;
}

/** Histograms of recency (days), frequency (orders) and monetary value (net revenue) over all customers. */
export function rfmDistributionsChart(data: RfmChartData): Chart {
  return {
    id: 'rfm-distributions',
    title: 'Recency, frequency and monetary value',
    spec: withConfig({
      title: { text: 'Recency, frequency and monetary value of every customer', subtitle: 'Values beyond the 99th percentile are counted in the last bar.' },
      hconcat: data.distributions.map((d) => ({
        width: 230,
        height: 160,
        title: d.feature,
        data: { values: d.bins },
        mark: { type: 'rect', color: '#0072B2' },
        encoding: {
          x: { field: 'x0', type: 'quantitative', title: d.feature, scale: { zero: false } },
          x2: { field: 'x1' },
          y: { field: 'count', type: 'quantitative', title: 'Customers' },
          y2: { datum: 0 },
          tooltip: [
            { field: 'x0', title: 'from' },
            { field: 'x1', title: 'to' },
            { field: 'count', title: 'customers' },
          ],
        },
      })),
    }),
  };
}

/** R × F heatmaps: customers and revenue in every (R score, F score) cell, annotated. */
export function rfmGridChart(data: RfmChartData): Chart {
  const scores = Array.from({ length: data.bins }, (_, i) => i + 1);
  // Colours on a symmetric log scale (Vega's symlog: sign(v) · log(1 + |v|)), so one dominant cell (3.9M of
  // revenue beside cells of a few thousand) does not wash out the rest; the text turns white on the darkest
  // quarter of the scale, where black would lose contrast.
  const symlog = (v: number): number => Math.sign(v) * Math.log1p(Math.abs(v));
  const inkOf = (field: 'customers' | 'revenue') => {
    const values = data.grid.map((g) => symlog(g[field]));
    const lo = Math.min(...values),
      hi = Math.max(...values);
    return (v: number): string => (hi > lo && (symlog(v) - lo) / (hi - lo) > 0.75 ? 'white' : 'black');
  };
  const ink = { customers: inkOf('customers'), revenue: inkOf('revenue') };
  const cells = data.grid.map((g) => ({ ...g, inkCustomers: ink.customers(g.customers), inkRevenue: ink.revenue(g.revenue) }));
  const panel = (field: 'customers' | 'revenue', title: string, format: string) => ({
    width: 34 * data.bins,
    height: 34 * data.bins,
    title,
    data: { values: cells },
    encoding: {
      // Short axis titles: the longer ones ran past the panel's height into each other.
      x: { field: 'f', type: 'ordinal', title: 'Frequency (1 = fewest)', sort: scores, axis: HEATMAP_AXIS },
      y: { field: 'r', type: 'ordinal', title: `Recency (${data.bins} = latest)`, sort: [...scores].reverse(), axis: HEATMAP_AXIS },
    },
    layer: [
      {
        mark: 'rect',
        encoding: {
          color: { field, type: 'quantitative', title: `${title} (log scale)`, scale: { scheme: 'blues', type: 'symlog' } },
          tooltip: [{ field: 'r' }, { field: 'f' }, { field: 'customers' }, { field: 'revenue', format: ',.0f' }],
        },
      },
      {
        mark: { type: 'text', fontSize: 9 },
        encoding: {
          text: { field, type: 'quantitative', format },
          color: { value: { expr: field === 'customers' ? 'datum.inkCustomers' : 'datum.inkRevenue' } },
        },
      },
    ],
  });
  return {
    id: 'rfm-grid',
    title: 'Recency × frequency',
    spec: withConfig({
      title: {
        text: 'Customers and revenue by recency and frequency score',
        subtitle: 'Colour on a log scale, so that one very large cell does not wash out the others; the numbers are exact.',
      },
      hconcat: [panel('customers', 'Customers', ',.0f'), panel('revenue', 'Net revenue', '.2s')],
      resolve: { scale: { color: 'independent' } },
    }),
  };
}

/** Each rule segment's share of customers against its share of revenue, as paired bars. */
export function rfmSegmentsChart(data: RfmChartData): Chart {
  const values = data.segments.flatMap((s) => [
    { segment: s.name, measure: 'Share of customers', share: s.shareOfCustomers, detail: `${countText(s.customers)} customers` },
    { segment: s.name, measure: 'Share of revenue', share: s.shareOfRevenue, detail: `${countText(Math.round(s.revenue))} revenue` },
  ]);
  return {
    id: 'rfm-segments',
    title: 'RFM segments',
    spec: withConfig({
      title: { text: 'RFM segments: share of customers and of revenue' },
      width: 420,
      height: { step: 11 },
      data: { values },
      mark: 'bar',
      encoding: {
        y: { field: 'segment', type: 'nominal', sort: data.segments.map((s) => s.name), title: 'RFM segment', axis: { labelLimit: 0 } },
        yOffset: { field: 'measure' },
        x: { field: 'share', type: 'quantitative', title: 'Share (%)', axis: { format: '%' } },
        color: {
          field: 'measure',
          type: 'nominal',
          title: null,
          scale: { domain: ['Share of customers', 'Share of revenue'], range: ['#56B4E9', '#D55E00'] },
          legend: { orient: 'top' },
        },
        tooltip: [{ field: 'segment' }, { field: 'measure' }, { field: 'share', format: '.1%' }, { field: 'detail' }],
      },
    }),
  };
}
