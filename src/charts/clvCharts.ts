import { HEATMAP_AXIS, withConfig, type Chart } from './chartSpec.js';
import { colourOnRamp, textColourOn } from './textContrast.js';

/** What the customer-value charts need: the P(alive) surface, the segment values and the holdout check. */
export interface ClvChartData {
  readonly unit: string;
  readonly horizonMonths: number;
  /** The purchase model's name as the field writes it ("BG/NBD"). */
  readonly modelLabel: string;
  /** Customers by repeat purchases in the calibration period: seen, and expected by the model. */
  readonly calibrationFit: ReadonlyArray<{ purchases: string; actual: number; expected: number }>;
  /** P(alive) for a customer of age `age` with frequency x and recency tₓ (bin centres). */
  readonly surface: { readonly age: number; readonly cells: ReadonlyArray<{ x: number; recency: number; pAlive: number }> };
  readonly segments: ReadonlyArray<{ segment: string; customers: number; meanPAliveRepeat: number; expectedPurchases: number; expectedValue: number }>;
  readonly holdout: {
    readonly length: number;
    readonly byFrequency: ReadonlyArray<{ frequency: string; customers: number; actual: number; predicted: number }>;
  } | null;
}

/** P(alive) by frequency (columns) and recency (rows) for a customer as old as the oldest: the model's surface. */
export function clvAliveChart(data: ClvChartData): Chart {
  const xs = [...new Set(data.surface.cells.map((c) => c.x))];
  const rs = [...new Set(data.surface.cells.map((c) => c.recency))].sort((a, b) => b - a);
  const cells = data.surface.cells.map((c) => ({ ...c, ink: textColourOn(colourOnRamp(RAMP_RGB, c.pAlive)) }));
  return {
    id: 'clv-alive',
    title: 'P(alive) by recency and frequency',
    spec: withConfig({
      title: {
        text: 'Probability a customer is still active, by frequency and recency',
        subtitle: `For a customer whose first purchase was ${Math.round(data.surface.age)} ${data.unit}s ago (the oldest); recency = ${data.unit}s from first to last purchase.`,
      },
      width: Math.max(240, 22 * xs.length),
      height: 22 * rs.length,
      data: { values: cells },
      encoding: {
        x: { field: 'x', type: 'ordinal', title: 'Repeat purchases (frequency)', sort: xs, axis: HEATMAP_AXIS },
        y: { field: 'recency', type: 'ordinal', title: `Recency (${data.unit}s, first to last purchase)`, sort: rs, axis: HEATMAP_AXIS },
      },
      layer: [
        {
          mark: 'rect',
          encoding: {
            color: { field: 'pAlive', type: 'quantitative', title: 'P(alive)', scale: { domain: [0, 1], range: RAMP } },
            tooltip: [
              { field: 'x', title: 'repeat purchases' },
              { field: 'recency', title: `recency (${data.unit}s)` },
              { field: 'pAlive', title: 'P(alive)', format: '.2f' },
            ],
          },
        },
        { mark: { type: 'text', fontSize: 8 }, encoding: { text: { field: 'pAlive', format: '.1f' }, color: { value: { expr: 'datum.ink' } } } },
      ],
    }),
  };
}

/** Expected purchases and expected value over the horizon per RFM segment, with mean P(alive). */
export function clvSegmentsChart(data: ClvChartData): Chart {
  const order = data.segments.map((s) => s.segment);
  const panel = (field: 'expectedPurchases' | 'expectedValue', title: string, color: string) => ({
    width: 260,
    height: { step: 18 },
    title,
    mark: { type: 'bar', color },
    encoding: {
      y: { field: 'segment', type: 'nominal', sort: order, title: 'RFM segment', axis: { labelLimit: 0 } },
      x: { field, type: 'quantitative', title, axis: { format: '~s' } },
      tooltip: [
        { field: 'segment' },
        { field: 'customers', format: ',' },
        { field: 'meanPAliveRepeat', title: 'mean P(alive), repeat buyers', format: '.2f' },
        { field: 'expectedPurchases', title: 'expected purchases', format: ',.0f' },
        { field: 'expectedValue', title: 'expected value', format: ',.0f' },
      ],
    },
  });
  return {
    id: 'clv-segments',
    title: 'Value ahead by RFM segment',
    spec: withConfig({
      title: { text: `Expected purchases and value over the next ${data.horizonMonths} months, by RFM segment` },
      data: { values: data.segments },
      hconcat: [panel('expectedPurchases', 'Expected purchases', '#56B4E9'), panel('expectedValue', 'Expected value', '#D55E00')],
    }),
  };
}

/** The paper's holdout chart: mean purchases in the holdout period, actual against predicted, by calibration frequency. */
export function clvHoldoutChart(data: ClvChartData): Chart | null {
  if (!data.holdout) return null;
  const order = data.holdout.byFrequency.map((g) => g.frequency);
  const predicted = `Predicted (${data.modelLabel})`;
  const values = data.holdout.byFrequency.flatMap((g) => [
    { frequency: g.frequency, series: 'Actual', purchases: g.actual, customers: g.customers },
    { frequency: g.frequency, series: predicted, purchases: g.predicted, customers: g.customers },
  ]);
  return {
    id: 'clv-holdout',
    title: 'Holdout check',
    spec: withConfig({
      title: {
        text: `Purchases in the holdout period (${Math.round(data.holdout.length * 10) / 10} ${data.unit}s): actual and predicted`,
        subtitle: 'Mean per customer, by the number of repeat purchases in the calibration period.',
      },
      width: 420,
      height: 240,
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'frequency', type: 'ordinal', sort: order, title: 'Repeat purchases in the calibration period', axis: { labelAngle: 0 } },
        y: { field: 'purchases', type: 'quantitative', title: 'Mean purchases in the holdout' },
        color: { field: 'series', type: 'nominal', title: null, scale: { domain: ['Actual', predicted], range: ['#000000', '#D55E00'] } },
        strokeDash: {
          field: 'series',
          type: 'nominal',
          title: null,
          scale: {
            domain: ['Actual', predicted],
            range: [
              [1, 0],
              [6, 3],
            ],
          },
        },
        tooltip: [{ field: 'frequency' }, { field: 'series' }, { field: 'purchases', format: '.2f' }, { field: 'customers', format: ',' }],
      },
    }),
  };
}

/**
 * BTYD's fit histogram: customers by repeat purchases in the calibration period (0 … 6, 7+), as seen and as
 * the fitted model expects of customers as old as these — the first check of a purchase model's fit.
 */
export function clvCalibrationChart(data: ClvChartData): Chart {
  const model = `Expected (${data.modelLabel})`;
  const order = data.calibrationFit.map((r) => r.purchases);
  const values = data.calibrationFit.flatMap((r) => [
    { purchases: r.purchases, series: 'Actual', customers: r.actual },
    { purchases: r.purchases, series: model, customers: r.expected },
  ]);
  return {
    id: 'clv-calibration',
    title: 'Calibration fit',
    spec: withConfig({
      title: {
        text: 'Customers by repeat purchases in the calibration period: actual and expected',
        subtitle: `What ${data.modelLabel} expects of customers as old as these; bars far apart mean the model misreads how often people come back.`,
      },
      width: 420,
      height: 240,
      data: { values },
      mark: 'bar',
      encoding: {
        x: { field: 'purchases', type: 'ordinal', sort: order, title: 'Repeat purchases in the calibration period', axis: { labelAngle: 0 } },
        xOffset: { field: 'series', type: 'nominal', sort: ['Actual', model] },
        y: { field: 'customers', type: 'quantitative', title: 'Customers', axis: { format: '~s' } },
        color: { field: 'series', type: 'nominal', title: null, scale: { domain: ['Actual', model], range: ['#555555', '#E69F00'] } },
        tooltip: [{ field: 'purchases', title: 'repeat purchases' }, { field: 'series' }, { field: 'customers', format: ',.1f' }],
      },
    }),
  };
}

/** Light yellow (0) to dark blue (1): a sequential ramp that prints in grey. */
const RAMP = ['#ffffd9', '#c7e9b4', '#41b6c4', '#225ea8', '#081d58'];
const RAMP_RGB = RAMP.map((c) => [1, 3, 5].map((k) => parseInt(c.slice(k, k + 2), 16)));
