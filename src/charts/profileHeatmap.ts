import { formatNumber } from '../util/formatNumber.js';
import { HEATMAP_AXIS, withConfig, type Chart } from './chartSpec.js';
import { DIVERGING_SCHEME, segmentColorEncoding } from './palette.js';
import type { ReportData } from './reportData.js';
import { cellTextColour } from './textContrast.js';

/** Above this many feature columns the heatmap turns: features as rows, segments as columns. */
const TALL_ABOVE_FEATURES = 8;

/**
 * Segment profile heatmap (segments × features, coloured by standardized difference from all customers,
 * annotated with the segment's real mean or level share) beside the segment sizes as bars; with more than 8
 * feature columns turned (features down, segments across) so it fits the page.
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
  const subtitle = `Colour: difference from all customers in standard deviations (level shares for categories); ${features.length > 24 ? 'hover a cell for the segment mean or share.' : 'numbers: segment mean or share.'}`;
  const colour = {
    field: 'difference',
    type: 'quantitative',
    title: 'Std. difference',
    scale: { scheme: DIVERGING_SCHEME, domain: DOMAIN, clamp: true },
  };
  const cellLayers = [
    {
      mark: 'rect',
      encoding: {
        color: colour,
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
  ];
  // The size bars, in the segments' colours; `legend` names the segments when the axis shows numbers only.
  const sizeBars = (legend: object | null) => ({
    mark: 'bar',
    encoding: { color: { ...segmentColorEncoding(labels), legend }, tooltip: [{ field: 'segment' }, { field: 'size' }, { field: 'share' }] },
  });
  const shareText = { mark: { type: 'text', align: 'left', dx: 3 }, encoding: { text: { field: 'share' } } };
  if (features.length > TALL_ABOVE_FEATURES) {
    // Many features: one row per feature and a column per segment (numbered as on the cards, named in the
    // legend), so the chart grows down, not sideways — it fits a screen and an A4 page.
    const x = {
      field: 'segment',
      type: 'nominal',
      sort: labels,
      title: 'Segment (number as on the cards)',
      axis: { ...HEATMAP_AXIS, orient: 'top', labelAngle: 0, labelExpr: "split(datum.label, ' · ')[0]" },
    };
    const width = Math.max(200, labels.length * 76);
    return {
      id: 'profile',
      title: 'Segment profiles',
      spec: withConfig({
        title: { text: 'How each segment differs', subtitle },
        vconcat: [
          {
            width,
            height: features.length * 24,
            data: { values: cells },
            encoding: { x, y: { field: 'feature', type: 'nominal', sort: features, title: null, axis: { ...HEATMAP_AXIS, labelLimit: 0 } } },
            layer: cellLayers,
          },
          {
            width,
            height: 110,
            data: { values: sizes },
            encoding: {
              x: { ...x, title: null, axis: { ...x.axis, orient: 'bottom' } },
              y: { field: 'size', type: 'quantitative', title: 'Customers (count)' },
            },
            layer: [
              sizeBars({ orient: 'bottom', direction: 'vertical', labelLimit: 0 }),
              { mark: { type: 'text', baseline: 'bottom', dy: -2 }, encoding: { text: { field: 'share' } } },
            ],
          },
        ],
        resolve: { scale: { color: 'independent' } },
      }),
    };
  }
  return {
    id: 'profile',
    title: 'Segment profiles',
    spec: withConfig({
      title: { text: 'How each segment differs', subtitle },
      hconcat: [
        {
          width: Math.max(240, features.length * 64),
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
          layer: cellLayers,
        },
        {
          width: 160,
          height: Math.max(120, labels.length * 34),
          data: { values: sizes },
          encoding: {
            y: { ...y, title: null, axis: { labels: false, ticks: false, domain: false } },
            x: { field: 'size', type: 'quantitative', title: 'Customers (count)' },
          },
          layer: [sizeBars(null), shareText],
        },
      ],
    }),
  };
}
