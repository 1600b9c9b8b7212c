/** A Vega-Lite specification (kept loose here; vega-lite's compiler checks it). */
export type ChartSpec = Record<string, unknown>;

/** A chart built for the report and the dashboard: an id, a title, and its Vega-Lite spec. */
export interface Chart {
  readonly id: string;
  readonly title: string;
  readonly spec: ChartSpec;
}

/** Shared look: DejaVu Sans (shipped for PNG rendering), readable sizes, no chart border. */
export const CHART_CONFIG = {
  font: 'DejaVu Sans',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.5 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start', subtitleFontSize: 11, subtitleColor: '#555' },
};

/** Wraps a spec with the schema, background and shared config. */
export function withConfig(spec: ChartSpec): ChartSpec {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', background: 'white', padding: 8, config: CHART_CONFIG, ...spec };
}
