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
  // Rules are guides (a chosen k, a mean): screen readers skip them, as they skip gridlines.
  rule: { aria: false },
};

/**
 * Wraps a spec with the schema, background and shared config, and a `description` (the chart's accessible
 * name: Vega writes it as the SVG's aria-label, where it said "Vega visualization") from its title and
 * subtitle unless the spec has one.
 */
export function withConfig(spec: ChartSpec): ChartSpec {
  const description = spec['description'] ?? describeTitle(spec['title']);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    padding: 8,
    config: CHART_CONFIG,
    ...(description ? { description } : {}),
    ...spec,
  };
}

/** "Title. Subtitle" from a Vega-Lite title (a string or { text, subtitle }). */
function describeTitle(title: unknown): string | undefined {
  if (typeof title === 'string') return title;
  if (typeof title !== 'object' || title === null) return undefined;
  const { text, subtitle } = title as { text?: unknown; subtitle?: unknown };
  const parts = [text, subtitle].flat().filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  return parts.length ? parts.map((t) => t.trim().replace(/[.:;]$/, '')).join('. ') : undefined;
}

/** The axis of a heatmap's nominal or ordinal side: no gridlines, which would cross the numbers in the cells. */
export const HEATMAP_AXIS = { grid: false } as const;
