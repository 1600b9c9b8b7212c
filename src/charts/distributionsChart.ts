import { CHART_CONFIG, withConfig, type Chart } from './chartSpec.js';
import { segmentColorEncoding } from './palette.js';
import type { ReportData } from './reportData.js';

/**
 * Distributions of every feature over all customers: for numbers a histogram of all customers (grey
 * bars) with one line per segment; for categories the count of each level stacked by segment.
 */
export function distributionsChart(data: Pick<ReportData, 'segments' | 'distributions'>): Chart {
  const labels = data.segments.map((s) => s.label);
  // Before segmenting (the studio's Data view) there are no segments: grey bars and no "Segment" legend.
  const color = labels.length ? segmentColorEncoding(labels) : { value: '#999' };
  const panels = data.distributions.map((d) => {
    if (d.kind === 'category') {
      return {
        width: 220,
        height: 150,
        title: d.feature,
        data: { values: d.counts },
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'level', type: 'nominal', title: `${d.feature} (level)`, sort: '-y', axis: { labelAngle: -30, labelLimit: 90 } },
          y: { field: 'count', type: 'quantitative', title: 'Customers', stack: 'zero' },
          color,
          tooltip: [{ field: 'level' }, { field: 'segment' }, { field: 'count' }],
        },
      };
    }
    const all = d.bins.filter((b) => b.segment === 'All customers');
    const segs = d.bins.filter((b) => b.segment !== 'All customers').map((b) => ({ ...b, mid: (b.x0 + b.x1) / 2 }));
    return {
      width: 220,
      height: 150,
      title: d.feature,
      layer: [
        {
          data: { values: all },
          mark: { type: 'rect', color: '#ccc' },
          encoding: {
            x: { field: 'x0', type: 'quantitative', title: d.feature, scale: { zero: false } },
            x2: { field: 'x1' },
            y: { field: 'count', type: 'quantitative', title: 'Customers' },
            y2: { datum: 0 },
            tooltip: [
              { field: 'x0', title: 'from' },
              { field: 'x1', title: 'to' },
              { field: 'count', title: 'all customers' },
            ],
          },
        },
        ...(labels.length
          ? [
              {
                data: { values: segs },
                mark: { type: 'line', interpolate: 'step', strokeWidth: 1.5 },
                encoding: { x: { field: 'mid', type: 'quantitative' }, y: { field: 'count', type: 'quantitative' }, color },
              },
            ]
          : []),
      ],
    };
  });
  return {
    id: 'distributions',
    title: 'Distributions',
    spec: withConfig({
      title: { text: 'Distribution of every feature', subtitle: data.segments.length ? 'Grey: all customers; lines: each segment (all rows).' : 'All rows.' },
      concat: panels,
      columns: 3,
      config: { ...CHART_CONFIG, legend: { ...CHART_CONFIG.legend, orient: 'top', columns: 3, labelLimit: 0 } },
      resolve: { scale: { x: 'independent', y: 'independent' } },
    }),
  };
}
