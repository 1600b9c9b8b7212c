import { withConfig, type Chart } from './chartSpec.js';
import { segmentColorEncoding } from './palette.js';
import type { ReportData } from './reportData.js';
import { convexHull } from './convexHull.js';
import { robustRange } from './robustRange.js';
import { countText } from '../util/formatNumber.js';

/** The sample note for point charts. */
export function sampleNote(data: ReportData): string {
  return data.pointsSampled
    ? `A seeded stratified sample of ${countText(data.points.length)} of ${countText(data.rows)} customers is drawn; all statistics use every row.`
    : `All ${countText(data.rows)} customers.`;
}

/** Loading arrows drawn on a PCA scatter: the inputs with the longest arrows, at most this many. */
const MAX_ARROWS = 6;
/** An arrow within this angle of a longer one is left out (its label would sit on the other's). */
const MIN_ARROW_ANGLE = (15 * Math.PI) / 180;

/**
 * Cluster scatter: the two features when exactly two numeric features were used, otherwise PCA 1–2 with
 * the explained variance and top loadings on the axes and the inputs' loading arrows (a biplot: the longest, at least 15° apart); coloured by
 * segment, each segment's convex hull outlined, centroids as crosses, hover for key and values. When a few
 * extreme customers would squash the rest, the axes stop at the 0.5th–99.5th percentiles and those customers
 * are drawn at the edge as triangles (said in the subtitle).
 */
export function scatterChart(data: ReportData): Chart {
  const labels = data.segments.map((s) => s.label);
  const { x, y, centroids, loadings } = data.scatter;
  const tooltip = [
    { field: 'key', title: data.keyColumn ?? 'row' },
    { field: 'segment', title: 'Segment' },
    ...data.fields.map((f) => ({ field: f.field, title: f.title, type: 'quantitative' })),
  ];
  const xs = data.points.map((p) => p[x.field] as number),
    ys = data.points.map((p) => p[y.field] as number);
  const xRange = robustRange(xs),
    yRange = robustRange(ys);
  const inside = (v: number, r: [number, number] | null): boolean => !r || (v >= r[0] && v <= r[1]);
  const clampTo = (v: number, r: [number, number] | null): number => (r ? Math.min(r[1], Math.max(r[0], v)) : v);
  const points = data.points.map((p, i) => ({ ...p, outside: !(inside(xs[i]!, xRange) && inside(ys[i]!, yRange)) }));
  const outside = points.filter((p) => p.outside).length;
  const hulls = segmentHulls(
    labels,
    points,
    xs,
    ys,
    (v) => clampTo(v, xRange),
    (v) => clampTo(v, yRange),
  );
  const arrows = biplotArrows(loadings, xs, ys, xRange, yRange);
  const scale = (r: [number, number] | null) => (r ? { zero: false, domain: r, clamp: true, nice: false } : { zero: false });
  const notes = [
    sampleNote(data),
    "Lines: each segment's outline (convex hull). Crosses: segment centres.",
    ...(arrows.length ? ['Arrows: how each input pulls on the two components (biplot).'] : []),
    ...(outside ? [`${countText(outside)} extreme customer(s) beyond the axes are drawn at the edge as triangles.`] : []),
  ];
  return {
    id: 'scatter',
    title: 'Segments in 2D',
    spec: withConfig({
      // Principal components are explained on their axes; the title stays short.
      title: {
        text: x.field === 'pc1' ? 'Segments on the first two principal components' : `Segments on ${x.title} and ${y.title}`,
        subtitle: notes,
      },
      width: 560,
      height: 400,
      layer: [
        {
          data: { values: points },
          mark: { type: 'point', filled: true, size: 36, opacity: 0.75 },
          encoding: {
            x: { field: x.field, type: 'quantitative', title: x.title, scale: scale(xRange) },
            y: { field: y.field, type: 'quantitative', title: y.title, scale: scale(yRange) },
            color: segmentColorEncoding(labels),
            shape: { condition: { test: 'datum.outside', value: 'triangle-up' }, value: 'circle' },
            tooltip,
          },
        },
        ...hullLayers(hulls, labels),
        ...arrowLayers(arrows),
        {
          data: { values: centroids },
          mark: { type: 'point', shape: 'cross', filled: true, size: 260, stroke: 'black', strokeWidth: 1 },
          encoding: {
            x: { field: 'x', type: 'quantitative' },
            y: { field: 'y', type: 'quantitative' },
            color: segmentColorEncoding(labels),
            tooltip: [{ field: 'segment', title: 'Centre of' }],
          },
        },
      ],
    }),
  };
}

/** Convex hulls of each segment's drawn points (at the edge for the outliers drawn there), closed. */
function segmentHulls(
  labels: readonly string[],
  points: ReadonlyArray<{ segment: unknown }>,
  xs: readonly number[],
  ys: readonly number[],
  clampX: (v: number) => number,
  clampY: (v: number) => number,
) {
  return labels.flatMap((segment) => {
    const hull = convexHull(
      points.flatMap((p, i) =>
        p.segment === segment && Number.isFinite(xs[i]!) && Number.isFinite(ys[i]!) ? [[clampX(xs[i]!), clampY(ys[i]!)] as const] : [],
      ),
    );
    return hull.length < 3 ? [] : [...hull, hull[0]!].map(([hx, hy], order) => ({ segment, order, hx, hy }));
  });
}

/** Each segment's outline as a closed line in its colour (none when no segment has three points). */
function hullLayers(hulls: ReadonlyArray<object>, labels: readonly string[]): object[] {
  if (!hulls.length) return [];
  return [
    {
      data: { values: hulls },
      mark: { type: 'line', strokeWidth: 1.5, opacity: 0.8, aria: false },
      encoding: {
        x: { field: 'hx', type: 'quantitative' },
        y: { field: 'hy', type: 'quantitative' },
        order: { field: 'order', type: 'quantitative' },
        color: segmentColorEncoding(labels),
        detail: { field: 'segment' },
      },
    },
  ];
}

/** The biplot's arrows as rules, each labelled twice (a white outline first, so the label reads over the points). */
function arrowLayers(arrows: ReadonlyArray<object>): object[] {
  if (!arrows.length) return [];
  return [
    {
      data: { values: arrows },
      mark: { type: 'rule', color: '#333', strokeWidth: 1.2 },
      encoding: { x: { field: 'x0', type: 'quantitative' }, y: { field: 'y0', type: 'quantitative' }, x2: { field: 'x' }, y2: { field: 'y' } },
    },
    // The label twice: a white outline first, so it reads over the points.
    ...[{ stroke: 'white', strokeWidth: 3 }, {}].map((halo) => ({
      data: { values: arrows },
      mark: {
        type: 'text',
        fontSize: 11,
        fontWeight: 'bold',
        color: '#222',
        // Beyond the tip, away from the centre.
        align: { expr: "datum.x >= 0 ? 'left' : 'right'" },
        baseline: { expr: "datum.y >= 0 ? 'bottom' : 'top'" },
        dx: { expr: 'datum.x >= 0 ? 3 : -3' },
        aria: false,
        ...halo,
      },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'input' } },
    })),
  ];
}

/**
 * The biplot's arrows: from the origin to each input's (PC1, PC2) loading, all scaled by one factor so that
 * every tip stays within 80% of the axis on its side; the MAX_ARROWS longest, MIN_ARROW_ANGLE apart. Empty
 * when the scatter is not on components.
 */
function biplotArrows(
  loadings: ReportData['scatter']['loadings'],
  xs: readonly number[],
  ys: readonly number[],
  xRange: [number, number] | null,
  yRange: [number, number] | null,
): Array<{ input: string; x0: number; y0: number; x: number; y: number }> {
  if (!loadings?.length) return [];
  const extent = (v: readonly number[], r: [number, number] | null): [number, number] =>
    r ?? [Math.min(...v.filter(Number.isFinite)), Math.max(...v.filter(Number.isFinite))];
  const [xLo, xHi] = extent(xs, xRange),
    [yLo, yHi] = extent(ys, yRange);
  // How far a loading can be stretched before its tip leaves 80% of the axis on its side.
  const room = (w: number, lo: number, hi: number): number => (w > 0 ? hi / w : w < 0 ? lo / w : Infinity);
  const top: Array<{ input: string; x: number; y: number }> = [];
  for (const l of [...loadings].sort((a, b) => Math.hypot(b.x, b.y) - Math.hypot(a.x, a.y))) {
    const apart = (o: { x: number; y: number }): boolean => {
      const d = Math.abs(Math.atan2(l.y, l.x) - Math.atan2(o.y, o.x));
      return Math.min(d, 2 * Math.PI - d) >= MIN_ARROW_ANGLE;
    };
    if (top.length < MAX_ARROWS && top.every(apart)) top.push(l);
  }
  // One factor for every arrow (their lengths and angles compare), as large as the tightest tip allows.
  const factor = 0.8 * Math.min(...top.map((l) => Math.min(room(l.x, xLo, xHi), room(l.y, yLo, yHi))));
  if (!Number.isFinite(factor) || !(factor > 0)) return [];
  return top.map((l) => ({ input: l.input, x0: 0, y0: 0, x: l.x * factor, y: l.y * factor }));
}
