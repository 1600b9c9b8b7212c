/**
 * Segment colours: Okabe & Ito's colour-blind-safe palette first, then Paul Tol's muted scheme for more
 * segments. Segment i (1-based) always gets SEGMENT_COLORS[(i − 1) mod length], in every chart.
 */
export const SEGMENT_COLORS: readonly string[] = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#56B4E9',
  '#CC79A7',
  '#F0E442',
  '#332288',
  '#882255',
  '#44AA99',
  '#999933',
  '#AA4499',
  '#000000',
];

/** The colour of 1-based segment `id`. */
export function segmentColor(id: number): string {
  return SEGMENT_COLORS[(id - 1) % SEGMENT_COLORS.length]!;
}

/** A Vega-Lite colour encoding that maps segment labels to their fixed colours, with a titled legend. */
export function segmentColorEncoding(labels: readonly string[], field = 'segment'): Record<string, unknown> {
  return {
    field,
    type: 'nominal',
    title: 'Segment',
    sort: labels,
    scale: { domain: labels, range: labels.map((_, i) => segmentColor(i + 1)) },
    legend: { labelLimit: 0 },
  };
}

/** Diverging, colour-blind-safe scheme for signed values (correlations, standardized differences). */
export const DIVERGING_SCHEME = 'blueorange';
