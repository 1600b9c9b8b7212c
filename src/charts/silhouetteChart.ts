import { withConfig, type Chart } from './chartSpec.js';
import { segmentColorEncoding } from './palette.js';
import type { ReportData } from './reportData.js';
import { countText } from '../util/formatNumber.js';

/**
 * Silhouette plot (as scikit-learn's gallery and factoextra's fviz_silhouette): one horizontal bar per
 * customer, sorted within its segment, segments stacked, with the mean silhouette as a dashed line.
 */
export function silhouetteChart(data: ReportData): Chart {
  const labels = data.segments.map((s) => s.label);
  const s = data.silhouette;
  const note = s.sampled ? `A seeded stratified sample of ${countText(s.rows)} of ${countText(data.rows)} customers. ` : '';
  return {
    id: 'silhouette',
    title: 'Silhouette plot',
    spec: withConfig({
      title: {
        text: 'Silhouette of every customer',
        subtitle: `${note}Mean silhouette ${s.mean.toFixed(3)} (dashed). Values near 1: well inside the segment; below 0: closer to another segment.`,
      },
      width: 520,
      height: Math.min(600, Math.max(260, s.bars.length * 1.2)),
      layer: [
        {
          data: { values: s.bars },
          mark: { type: 'rect' },
          encoding: {
            y: { field: 'position', type: 'quantitative', title: 'Customers, sorted within segment', axis: { labels: false, ticks: false, grid: false } },
            y2: { field: 'top' },
            x: {
              field: 'value',
              type: 'quantitative',
              title: 'Silhouette coefficient (unitless, −1 to 1)',
              scale: { domain: [Math.min(-0.1, ...s.bars.map((b) => b.value)), 1] },
            },
            x2: { datum: 0 },
            color: segmentColorEncoding(labels),
          },
          transform: [{ calculate: 'datum.position + 1', as: 'top' }],
        },
        {
          data: { values: [{ mean: s.mean }] },
          mark: { type: 'rule', strokeDash: [6, 4], color: '#D55E00', size: 2 },
          encoding: { x: { field: 'mean', type: 'quantitative' } },
        },
      ],
    }),
  };
}
