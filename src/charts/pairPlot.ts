import { CHART_CONFIG, withConfig, type Chart } from './chartSpec.js';
import { segmentColorEncoding } from './palette.js';
import type { ReportData } from './reportData.js';
import { sampleNote } from './scatterChart.js';
import { robustRange } from './robustRange.js';

const CELL = 130;
/** Point marks above which a chart is drawn on a canvas rather than as SVG. */
const CANVAS_ABOVE_MARKS = 20_000;

/** Splits a long axis title into lines of about `width` characters at spaces. */
function wrapTitle(title: string, width = 16): string | string[] {
  if (title.length <= width) return title;
  const lines: string[] = [];
  let line = '';
  for (const word of title.split(' ')) {
    if (line && (line + ' ' + word).length > width) (lines.push(line), (line = word));
    else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Pair plot: a scatter matrix of the (up to 6) features that separate the segments most, coloured by
 * segment, with each segment's density of that feature on the diagonal.
 */
export function pairPlot(data: ReportData): Chart {
  const labels = data.segments.map((s) => s.label);
  const pcs = [1, 2, 3].map((c) => ({ field: `pc${c}`, title: `PC${c} (scaled units)` }));
  const fields = data.pairFields.map((f) => [...data.fields, ...pcs].find((x) => x.field === f)!);
  const color = segmentColorEncoding(labels);
  // As on the scatter: a few extreme customers do not squash a panel; they sit at its edge as triangles.
  const ranges = new Map(fields.map((f) => [f.field, robustRange(data.points.map((p) => p[f.field] as number))]));
  const scaleOf = (field: string) => {
    const r = ranges.get(field);
    return r ? { zero: false, domain: r, clamp: true, nice: false } : { zero: false };
  };
  const beyond = (field: string): string[] => {
    const r = ranges.get(field);
    return r ? [`datum['${field}'] < ${r[0]} || datum['${field}'] > ${r[1]}`] : [];
  };
  const clipped = fields.filter((f) => ranges.get(f.field)).length;
  const cells = fields.flatMap((fy, r) =>
    fields.map((fx, c) => {
      const xEnc = {
        field: fx.field,
        type: 'quantitative',
        title: r === fields.length - 1 ? wrapTitle(fx.title) : null,
        scale: scaleOf(fx.field),
        axis: { titleLimit: 0 },
      };
      const outside = [...beyond(fx.field), ...beyond(fy.field)];
      if (r === c) {
        return {
          width: CELL,
          height: CELL,
          transform: [{ density: fx.field, groupby: ['segment'], as: [fx.field, 'density'] }],
          mark: { type: 'line', strokeWidth: 1.5 },
          encoding: {
            x: xEnc,
            y: { field: 'density', type: 'quantitative', title: c === 0 ? wrapTitle(fy.title) : null, axis: { labels: false, titleLimit: 0 } },
            color,
          },
        };
      }
      return {
        width: CELL,
        height: CELL,
        mark: { type: 'point', filled: true, size: 10, opacity: 0.6 },
        encoding: {
          x: xEnc,
          y: { field: fy.field, type: 'quantitative', title: c === 0 ? wrapTitle(fy.title) : null, scale: scaleOf(fy.field), axis: { titleLimit: 0 } },
          color,
          ...(outside.length ? { shape: { condition: { test: outside.join(' || '), value: 'triangle-up' }, value: 'circle' } } : {}),
        },
      };
    }),
  );
  return {
    id: 'pairs',
    title: 'Pair plot',
    spec: withConfig({
      title: {
        text: 'Pair plot of the features that separate segments most',
        subtitle: [
          `${sampleNote(data)} Diagonal: each segment's density.`,
          ...(clipped
            ? ['Axes stop at the 0.5th–99.5th percentile where a few extreme customers would squash the rest; those are drawn at the edge as triangles.']
            : []),
        ],
      },
      data: { values: data.points },
      concat: cells,
      columns: fields.length,
      spacing: 6,
      config: { ...CHART_CONFIG, legend: { ...CHART_CONFIG.legend, orient: 'top', columns: 3, labelLimit: 0 } },
      // Many points (cc_general: 30 panels × 2,000) as vector marks make a 29 MB PDF and a slow page: drawn
      // on a canvas instead (read by the report and the studio).
      ...(data.points.length * fields.length * (fields.length - 1) > CANVAS_ABOVE_MARKS ? { usermeta: { renderer: 'canvas' } } : {}),
    }),
  };
}
