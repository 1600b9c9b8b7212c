import type { Segmentation } from '../segment.js';
import type { SourceInfo } from '../data/table.js';
import { VERSION } from '../version.js';
import { round } from './segmentsCsv.js';

/**
 * The summary.json document: data, preprocessing, every per-k figure with the choice and its reason,
 * the segments with their profiles, PCA and warnings. Contains no timestamps, so the same data and seed
 * give the same bytes.
 */
export function summaryJson(result: Segmentation, source: SourceInfo | undefined, seed: number): string {
  const doc = {
    segmenta: VERSION,
    data: { ...(source ?? {}), rows: result.rows, key: result.key.column, keyReason: result.key.reason },
    preprocessing: { ...result.preprocessing, columns: result.pipeline.outputNames },
    k: {
      chosen: result.k,
      reason: result.choice.reason,
      rule: result.choice.rule,
      votes: result.choice.votes,
      silhouetteRows: result.silhouetteRows,
      gapRows: result.gapRows,
      perK: result.sweep,
    },
    segments: result.segments,
    pca: {
      columns: result.pipeline.outputNames,
      explainedVarianceRatio: result.pca.explainedVarianceRatio,
      components: result.pca.components,
      loadings: result.pca.loadings,
    },
    inertia: result.inertia,
    seed,
    warnings: result.warnings,
  };
  return JSON.stringify(doc, (_, v) => (typeof v === 'number' ? (Number.isFinite(v) ? round(v) : null) : v), 2) + '\n';
}
