import { CHART_CONFIG, withConfig, type Chart } from './chartSpec.js';
import { segmentColorEncoding } from './palette.js';
import type { ReportData } from './reportData.js';
import { sampleNote } from './scatterChart.js';

const CELL = 130;

/** Splits a long axis title into lines of about `width` characters at spaces. */
export function wrapTitle(title: string, width = 16): string | string[] {
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
  const cells = fields.flatMap((fy, r) =>
    fields.map((fx, c) => {
      const xEnc = {
        field: fx.field,
        type: 'quantitative',
        title: r === fields.length - 1 ? wrapTitle(fx.title) : null,
        scale: { zero: false },
        axis: { titleLimit: 0 },
      };
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
          y: { field: fy.field, type: 'quantitative', title: c === 0 ? wrapTitle(fy.title) : null, scale: { zero: false }, axis: { titleLimit: 0 } },
          color,
        },
      };
    }),
  );
  return {
    id: 'pairs',
    title: 'Pair plot',
    spec: withConfig({
      title: { text: 'Pair plot of the features that separate segments most', subtitle: `${sampleNote(data)} Diagonal: each segment's density.` },
      data: { values: data.points },
      concat: cells,
      columns: fields.length,
      spacing: 6,
      config: { ...CHART_CONFIG, legend: { ...CHART_CONFIG.legend, orient: 'top', columns: 3, labelLimit: 0 } },
    }),
  };
}
