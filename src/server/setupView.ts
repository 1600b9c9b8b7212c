import { detectKey } from '../data/detectKey.js';
import type { Table } from '../data/table.js';
import { fitPipeline } from '../preprocess/pipeline.js';
import { selectFeatures } from '../preprocess/selectFeatures.js';
import type { SegmentOptions } from '../pipeline/segment.js';
import { moments } from '../stats/moments.js';

/**
 * What the Setup view shows for a choice of features and preprocessing: what the pipeline did (imputed,
 * encoded, logged, dropped with reasons) and each preprocessed column's mean, sd, min and max.
 * Throws a SegmentaError for a choice that cannot be used. O(n log n · features).
 */
export function setupView(table: Table, setup: SegmentOptions) {
  const key = detectKey(table);
  const selection = selectFeatures(table, key, setup.features);
  const { pipeline, matrix, report } = fitPipeline(table, selection.columns, setup);
  const columns = pipeline.outputNames.map((name, j) => {
    const v = Float64Array.from({ length: matrix.rows }, (_, i) => matrix.data[i * matrix.cols + j]!);
    const m = moments(v);
    let lo = Infinity,
      hi = -Infinity;
    for (const x of v) ((lo = Math.min(lo, x)), (hi = Math.max(hi, x)));
    return { name, mean: m.mean, std: m.stdPopulation, min: lo, max: hi };
  });
  return { report: { ...report, dropped: selection.dropped }, columns, key: key.column };
}
