import { formatNumber } from '../util/formatNumber.js';
import { HEATMAP_AXIS, withConfig, type Chart } from './chartSpec.js';
import { DIVERGING_SCHEME, segmentColorEncoding } from './palette.js';
import type { ReportData } from './reportData.js';
import { cellTextColour } from './textContrast.js';

/**
 * Segment profile heatmap (segments × features, coloured by standardized difference from all customers,
 * annotated with the segment's real mean or level share) beside the segment sizes as bars.
 */
export function profileHeatmap(data: ReportData): Chart {
  const DOMAIN: [number, number] = [-2, 2];
  const labels = data.segments.map((s) => s.label);
  const cells = data.segments.flatMap((s) => [
    // Columns by their labels (runs before labels existed: by name); flags as shares.
    ...s.numeric.map((c) => ({
      segment: s.label,
      feature: c.label ?? c.feature,
      difference: c.difference,
      text: c.role === 'flag' ? `${formatNumber(c.mean * 100)}%` : formatNumber(c.mean),
      ink: cellTextColour(c.difference, DOMAIN),
    })),
    ...s.levels.map((l) => ({
      segment: s.label,
      feature: `${l.label ?? l.feature} = ${l.levelLabel ?? l.level}`,
      difference: l.difference,
      text: `${formatNumber(l.share * 100)}%`,
      ink: cellTextColour(l.difference, DOMAIN),
    })),
  ]);
  const features = [...new Set(cells.map((c) => c.feature))];
  const sizes = data.segments.map((s) => ({ segment: s.label, size: s.size, share: `${formatNumber(s.share * 100)}%` }));
  // No axis title: the numbered segment names say what the rows are, and a title overprinted long names.
  const y = { field: 'segment', type: 'nominal', sort: labels, title: null, axis: { ...HEATMAP_AXIS, labelLimit: 0 } };
  return {
    id: 'profile',
    title: 'Segment profiles',
    spec: withConfig({
      title: {
        text: 'How each segment differs',
        subtitle: `Colour: difference from all customers in standard deviations (level shares for categories); ${features.length > 24 ? 'hover a cell for the segment mean or share.' : 'numbers: segment mean or share.'}`,
      },
      hconcat: [
        {
          // Cells stay readable however many features: the chart grows wider and its container scrolls.
          width: Math.max(240, features.length * (features.length > 24 ? 34 : 64)),
          height: Math.max(120, labels.length * 34),
          data: { values: cells },
          encoding: {
            x: {
              field: 'feature',
              type: 'nominal',
              sort: features,
              title: 'Feature (unit as in its name)',
              axis: { ...HEATMAP_AXIS, labelAngle: -30, labelLimit: 0, orient: 'top' },
            },
            y,
          },
          layer: [
            {
              mark: 'rect',
              encoding: {
                color: {
                  field: 'difference',
                  type: 'quantitative',
                  title: 'Std. difference',
                  scale: { scheme: DIVERGING_SCHEME, domain: DOMAIN, clamp: true },
                },
                tooltip: [{ field: 'segment' }, { field: 'feature' }, { field: 'text', title: 'value' }, { field: 'difference', format: '.2f' }],
              },
            },
            ...(features.length > 24
              ? []
              : [
                  {
                    mark: { type: 'text', fontSize: 10 },
                    // Black or white by contrast with the cell (WCAG), not by a fixed threshold.
                    encoding: { text: { field: 'text' }, color: { value: { expr: 'datum.ink' } } },
                  },
                ]),
          ],
        },
        {
          width: 160,
          height: Math.max(120, labels.length * 34),
          data: { values: sizes },
          encoding: {
            y: { ...y, title: null, axis: { labels: false, ticks: false, domain: false } },
            x: { field: 'size', type: 'quantitative', title: 'Customers (count)' },
          },
          layer: [
            {
              mark: 'bar',
              encoding: { color: { ...segmentColorEncoding(labels), legend: null }, tooltip: [{ field: 'segment' }, { field: 'size' }, { field: 'share' }] },
            },
            { mark: { type: 'text', align: 'left', dx: 3 }, encoding: { text: { field: 'share' } } },
          ],
        },
      ],
    }),
  };
}
