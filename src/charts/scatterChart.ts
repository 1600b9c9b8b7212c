import { withConfig, type Chart } from './chartSpec.js';
import { segmentColorEncoding } from './palette.js';
import type { ReportData } from './reportData.js';

/** The sample note for point charts. */
export function sampleNote(data: ReportData): string {
  return data.pointsSampled
    ? `A seeded stratified sample of ${data.points.length.toLocaleString('en-US')} of ${data.rows.toLocaleString('en-US')} customers is drawn; all statistics use every row.`
    : `All ${data.rows.toLocaleString('en-US')} customers.`;
}

/**
 * Cluster scatter: the two features when exactly two numeric features were used, otherwise PCA 1–2 with
 * the explained variance on the axes; coloured by segment, centroids as crosses, hover for key and values.
 */
export function scatterChart(data: ReportData): Chart {
  const labels = data.segments.map((s) => s.label);
  const { x, y, centroids } = data.scatter;
  const tooltip = [
    { field: 'key', title: data.keyColumn ?? 'row' },
    { field: 'segment', title: 'Segment' },
    ...data.fields.map((f) => ({ field: f.field, title: f.title, type: 'quantitative' })),
  ];
  return {
    id: 'scatter',
    title: 'Segments in 2D',
    spec: withConfig({
      // Principal components are explained on their axes; the title stays short.
      title: {
        text: x.field === 'pc1' ? 'Segments on the first two principal components' : `Segments on ${x.title} and ${y.title}`,
        subtitle: `${sampleNote(data)} Crosses mark the segment centres.`,
      },
      width: 560,
      height: 400,
      layer: [
        {
          data: { values: data.points },
          mark: { type: 'point', filled: true, size: 36, opacity: 0.75 },
          encoding: {
            x: { field: x.field, type: 'quantitative', title: x.title, scale: { zero: false } },
            y: { field: y.field, type: 'quantitative', title: y.title, scale: { zero: false } },
            color: segmentColorEncoding(labels),
            tooltip,
          },
        },
        {
          data: { values: centroids },
          mark: { type: 'point', shape: 'cross', filled: true, size: 260, stroke: 'black', strokeWidth: 1 },
          encoding: {
            x: { field: 'x', type: 'quantitative' },
            y: { field: 'y', type: 'quantitative' },
            color: segmentColorEncoding(labels),
            tooltip: [{ field: 'segment', title: 'Centre of' }],
          },
        },
      ],
    }),
  };
}
