import { HEATMAP_AXIS, withConfig, type Chart } from './chartSpec.js';
import { DIVERGING_SCHEME } from './palette.js';
import type { ReportData } from './reportData.js';
import { cellTextColour } from './textContrast.js';

/** Pearson correlation heatmap of the numeric columns, annotated, in clustered order (similar columns adjacent). */
export function correlationHeatmap(data: Pick<ReportData, 'correlation'>): Chart {
  const { columns, cells } = data.correlation;
  const size = Math.max(200, Math.min(560, columns.length * 46));
  // Whole column names (labelLimit 0): "PURCHASES_FREQUEN…" could not be told from its neighbours.
  const axis = { field: '', type: 'nominal', sort: columns, title: null, axis: { labelLimit: 0 } };
  return {
    id: 'correlation',
    title: 'Correlation heatmap',
    spec: withConfig({
      title: { text: 'Pearson correlation between numeric columns', subtitle: 'Ordered by hierarchical clustering of 1 − |r| (average linkage).' },
      width: size,
      height: size,
      data: { values: cells.map((c) => ({ ...c, ink: cellTextColour(c.r ?? NaN, [-1, 1]) })) },
      encoding: {
        x: { ...axis, field: 'a', title: 'Column', axis: { ...HEATMAP_AXIS, labelAngle: -40, labelLimit: 0 } },
        y: { ...axis, field: 'b', title: 'Column', axis: { ...HEATMAP_AXIS, labelLimit: 0 } },
      },
      layer: [
        {
          mark: { type: 'rect' },
          encoding: {
            color: { field: 'r', type: 'quantitative', title: 'r', scale: { scheme: DIVERGING_SCHEME, domain: [-1, 1] } },
            tooltip: [{ field: 'a' }, { field: 'b' }, { field: 'r', format: '.3f' }],
          },
        },
        ...(columns.length <= 20
          ? [
              {
                mark: { type: 'text', fontSize: 10 },
                encoding: { text: { field: 'r', format: '.2f' }, color: { value: { expr: 'datum.ink' } } },
              },
            ]
          : []),
      ],
    }),
  };
}
