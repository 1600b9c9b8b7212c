import { formatNumber, formatPercent } from '../util/formatNumber.js';
import { HEATMAP_AXIS, withConfig, type Chart } from './chartSpec.js';
import { DIVERGING_SCHEME, segmentColorEncoding } from './palette.js';
import type { ReportData } from './reportData.js';
import { cellTextColour } from './textContrast.js';

/** Above this many feature columns the heatmap turns: features as rows, segments as columns. */
const TALL_ABOVE_FEATURES = 8;

/** The colour domain: standardized differences beyond ±2 get the end colours. */
const DOMAIN: [number, number] = [-2, 2];

/**
 * Segment profile heatmap (segments × features, coloured by standardized difference from all customers,
 * annotated with the segment's real mean or level share) beside the segment sizes as bars; with more than 8
 * feature columns turned (features down, segments across) so it fits the page.
 */
export function profileHeatmap(data: ReportData): Chart {
  const labels = data.segments.map((s) => s.label);
  const cells = heatmapCells(data);
  const features = [...new Set(cells.map((c) => c.feature))];
  const parts: HeatmapParts = {
    labels,
    features,
    cells,
    sizes: data.segments.map((s) => ({ segment: s.label, size: s.size, share: formatPercent(s.share) })),
    layers: cellLayers(features.length),
  };
  const subtitle = `Colour: difference from all customers in standard deviations (level shares for categories); ${features.length > 24 ? 'hover a cell for the segment mean or share.' : 'numbers: segment mean or share.'}`;
  return {
    id: 'profile',
    title: 'Segment profiles',
    spec: withConfig({
      title: { text: 'How each segment differs', subtitle },
      ...(features.length > TALL_ABOVE_FEATURES ? tallProfile(parts) : wideProfile(parts)),
    }),
  };
}

/** What both layouts draw: the segments' labels, the features, the cells, the sizes and the cells' layers. */
interface HeatmapParts {
  readonly labels: readonly string[];
  readonly features: readonly string[];
  readonly cells: ReadonlyArray<Record<string, unknown>>;
  readonly sizes: ReadonlyArray<Record<string, unknown>>;
  readonly layers: object[];
}

/** One cell per segment and column (numbers by mean, flags and levels by share), with its ink colour. */
function heatmapCells(data: ReportData) {
  return data.segments.flatMap((s) => [
    // Columns by their labels (runs before labels existed: by name); flags as shares.
    ...s.numeric.map((c) => ({
      segment: s.label,
      feature: c.label ?? c.feature,
      difference: c.difference,
      text: c.role === 'flag' ? formatPercent(c.mean) : formatNumber(c.mean),
      ink: cellTextColour(c.difference, DOMAIN),
    })),
    ...s.levels.map((l) => ({
      segment: s.label,
      feature: `${l.label ?? l.feature} = ${l.levelLabel ?? l.level}`,
      difference: l.difference,
      text: formatPercent(l.share),
      ink: cellTextColour(l.difference, DOMAIN),
    })),
  ]);
}

/** The cells' rectangles coloured by difference, and their numbers when there are at most 24 columns. */
function cellLayers(featureCount: number): object[] {
  const colour = {
    field: 'difference',
    type: 'quantitative',
    title: 'Std. difference',
    scale: { scheme: DIVERGING_SCHEME, domain: DOMAIN, clamp: true },
  };
  return [
    {
      mark: 'rect',
      encoding: {
        color: colour,
        tooltip: [{ field: 'segment' }, { field: 'feature' }, { field: 'text', title: 'value' }, { field: 'difference', format: '.2f' }],
      },
    },
    ...(featureCount > 24
      ? []
      : [
          {
            mark: { type: 'text', fontSize: 10 },
            // Black or white by contrast with the cell (WCAG), not by a fixed threshold.
            encoding: { text: { field: 'text' }, color: { value: { expr: 'datum.ink' } } },
          },
        ]),
  ];
}

/** The size bars, in the segments' colours; `legend` names the segments when the axis shows numbers only. */
function sizeBars(labels: readonly string[], legend: object | null): object {
  return {
    mark: 'bar',
    encoding: { color: { ...segmentColorEncoding(labels), legend }, tooltip: [{ field: 'segment' }, { field: 'size' }, { field: 'share' }] },
  };
}

/**
 * Many features: one row per feature and a column per segment (numbered as on the cards, named in the legend),
 * so the chart grows down, not sideways — it fits a screen and an A4 page.
 */
function tallProfile({ labels, features, cells, sizes, layers }: HeatmapParts): object {
  const x = {
    field: 'segment',
    type: 'nominal',
    sort: labels,
    title: 'Segment (number as on the cards)',
    axis: { ...HEATMAP_AXIS, orient: 'top', labelAngle: 0, labelExpr: "split(datum.label, ' · ')[0]" },
  };
  const width = Math.max(200, labels.length * 76);
  return {
    vconcat: [
      {
        width,
        height: features.length * 24,
        data: { values: cells },
        encoding: { x, y: { field: 'feature', type: 'nominal', sort: features, title: null, axis: { ...HEATMAP_AXIS, labelLimit: 0 } } },
        layer: layers,
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
          sizeBars(labels, { orient: 'bottom', direction: 'vertical', labelLimit: 0 }),
          { mark: { type: 'text', baseline: 'bottom', dy: -2 }, encoding: { text: { field: 'share' } } },
        ],
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };
}

/** Few features: segments down, features across, the size bars beside. */
function wideProfile({ labels, features, cells, sizes, layers }: HeatmapParts): object {
  // No axis title: the numbered segment names say what the rows are, and a title overprinted long names.
  const y = { field: 'segment', type: 'nominal', sort: labels, title: null, axis: { ...HEATMAP_AXIS, labelLimit: 0 } };
  const shareText = { mark: { type: 'text', align: 'left', dx: 3 }, encoding: { text: { field: 'share' } } };
  return {
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
        layer: layers,
      },
      {
        width: 160,
        height: Math.max(120, labels.length * 34),
        data: { values: sizes },
        encoding: {
          y: { ...y, title: null, axis: { labels: false, ticks: false, domain: false } },
          x: { field: 'size', type: 'quantitative', title: 'Customers (count)' },
        },
        layer: [sizeBars(labels, null), shareText],
      },
    ],
  };
}
