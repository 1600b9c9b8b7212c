import type { Pipeline } from '../preprocess/pipeline.js';
import type { Matrix } from '../util/matrix.js';
import type { MixedData } from './kprototypes.js';

/** Where the numeric columns and the one-hot blocks of each category sit in a preprocessed matrix. */
export interface MixedLayout {
  readonly numericColumns: readonly number[];
  /** Each category's block: first column, and per indicator the scaled value halfway between off and on. */
  readonly categoryBlocks: ReadonlyArray<{ readonly start: number; readonly thresholds: readonly number[] }>;
}

/** The layout of a pipeline's output columns. O(output columns). */
export function mixedLayout(pipeline: Pipeline): MixedLayout {
  const numericColumns: number[] = [];
  const categoryBlocks: Array<{ start: number; thresholds: number[] }> = [];
  let at = 0;
  for (const step of pipeline.steps) {
    if (step.kind === 'number') numericColumns.push(at++);
    else {
      const thresholds = step.centers.map((c, w) => (0.5 - c) / step.scales[w]!);
      categoryBlocks.push({ start: at, thresholds });
      at += thresholds.length;
    }
  }
  return { numericColumns, categoryBlocks };
}

/**
 * Splits a preprocessed matrix into k-prototypes' mixed form: the scaled numeric columns, and each
 * category's code (the indicator that is on; −1 when none is, i.e. an unseen level). O(n · d).
 */
export function mixedFromMatrix(x: Matrix, layout: MixedLayout): MixedData {
  const n = x.rows,
    d = x.cols,
    p = layout.numericColumns.length;
  const numeric: Matrix = { rows: n, cols: p, data: new Float64Array(n * p) };
  for (let i = 0; i < n; i++) layout.numericColumns.forEach((c, t) => (numeric.data[i * p + t] = x.data[i * d + c]!));
  const categorical = layout.categoryBlocks.map(({ start, thresholds }) => {
    const codes = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) thresholds.forEach((h, w) => x.data[i * d + start + w]! > h && (codes[i] = w));
    return codes;
  });
  return { numeric, categorical };
}
