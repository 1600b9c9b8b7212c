import { withConfig, type Chart } from './chartSpec.js';
import type { ReportData } from './reportData.js';

/** The panel of the deciding figure: the partition's reproducibility, with its 0.8 line. */
const REPRODUCIBILITY = 'Reproducibility (prediction strength; above 0.8 reproduces)';

/**
 * Elbow curve: inertia against k with the detected elbow marked and the chosen k highlighted, and small
 * multiples of silhouette, Calinski–Harabasz, Davies–Bouldin, gap (± s.e.) and reproducibility (prediction
 * strength, with the 0.8 line) against k.
 */
export function elbowChart(data: Pick<ReportData, 'perK' | 'k' | 'elbow' | 'reason'>): Chart {
  const rows = data.perK.map((p) => ({ ...p, chosen: p.k === data.k, elbow: p.k === data.elbow }));
  const metrics = data.perK.flatMap((p) => [
    { k: p.k, metric: 'Silhouette (higher is better)', value: p.silhouette, lo: null, hi: null },
    { k: p.k, metric: 'Calinski–Harabasz (higher is better)', value: p.calinskiHarabasz, lo: null, hi: null },
    { k: p.k, metric: 'Davies–Bouldin (lower is better)', value: p.daviesBouldin, lo: null, hi: null },
    { k: p.k, metric: 'Gap statistic ± s.e.', value: p.gap, lo: p.gap - p.gapSe, hi: p.gap + p.gapSe },
    ...(p.predictionStrength === undefined ? [] : [{ k: p.k, metric: REPRODUCIBILITY, value: p.predictionStrength, lo: null, hi: null }]),
  ]);
  const order = [...new Set(metrics.map((m) => m.metric))];
  const kAxis = { field: 'k', type: 'quantitative', title: 'Number of segments k', axis: { tickMinStep: 1, format: 'd' }, scale: { zero: false } };
  const elbow = elbowPanel(rows, kAxis, data.elbow);
  const panel = criteriaPanels(metrics, order, kAxis, data.k);
  return {
    id: 'elbow',
    title: 'Choosing k: elbow curve and quality criteria',
    spec: withConfig({
      title: { text: 'Choosing k', subtitle: `Chosen k = ${data.k} (orange). ${data.reason}` },
      vconcat: [elbow, panel],
    }),
  };
}

/** The axis of k, shared by every panel. */
type KAxis = Record<string, unknown>;

/** Inertia against k, the chosen k in orange and the Kneedle elbow marked. */
function elbowPanel(rows: ReadonlyArray<Record<string, unknown>>, kAxis: KAxis, elbowK: number | null): object {
  return {
    width: 520,
    height: 240,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'line', color: '#555' },
        encoding: { x: kAxis, y: { field: 'inertia', type: 'quantitative', title: 'Inertia (sum of squared distances, scaled units²)' } },
      },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          x: kAxis,
          y: { field: 'inertia', type: 'quantitative' },
          color: { condition: { test: 'datum.chosen', value: '#D55E00' }, value: '#555' },
          tooltip: [{ field: 'k' }, { field: 'inertia', format: '.4~f' }],
        },
      },
      ...(elbowK === null
        ? []
        : [
            { transform: [{ filter: 'datum.elbow' }], mark: { type: 'rule', strokeDash: [4, 3], color: '#0072B2' }, encoding: { x: kAxis } },
            {
              transform: [{ filter: 'datum.elbow' }],
              mark: { type: 'text', align: 'left', dx: 4, dy: -80, color: '#0072B2' },
              encoding: { x: kAxis, text: { value: `elbow (Kneedle): k = ${elbowK}` } },
            },
          ]),
    ],
  };
}

/** Small multiples of the criteria against k (gap with ± s.e., reproducibility with its 0.8 line), k marked. */
function criteriaPanels(metrics: ReadonlyArray<Record<string, unknown>>, order: readonly string[], kAxis: KAxis, k: number): object {
  return {
    data: { values: metrics },
    facet: { field: 'metric', type: 'nominal', title: null, sort: order },
    columns: 5,
    spec: {
      width: 150,
      height: 150,
      layer: [
        {
          mark: { type: 'line', color: '#555' },
          encoding: { x: kAxis, y: { field: 'value', type: 'quantitative', title: 'Index value (unitless)', scale: { zero: false } } },
        },
        {
          transform: [{ filter: 'datum.lo !== null' }],
          mark: { type: 'rule', color: '#999' },
          encoding: { x: kAxis, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
        },
        {
          // Above 0.8 the segments reproduce on fresh halves of the data (the structure test).
          transform: [{ filter: `datum.metric === '${REPRODUCIBILITY}'` }],
          mark: { type: 'rule', strokeDash: [4, 3], color: '#0072B2' },
          encoding: { y: { datum: 0.8 } },
        },
        {
          mark: { type: 'point', filled: true, size: 50 },
          encoding: {
            x: kAxis,
            y: { field: 'value', type: 'quantitative' },
            color: { condition: { test: `datum.k === ${k}`, value: '#D55E00' }, value: '#555' },
            tooltip: [{ field: 'metric' }, { field: 'k' }, { field: 'value', format: '.4~f' }],
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}
