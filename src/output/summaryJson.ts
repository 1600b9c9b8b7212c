import type { Segmentation } from '../pipeline/segment.js';
import type { SourceInfo } from '../data/table.js';
import { VERSION } from '../util/version.js';
import { stableJson } from './stableJson.js';

/**
 * The summary.json document: data, preprocessing, every per-k figure with the choice and its reason,
 * the segments with their profiles, PCA and warnings. Contains no timestamps, so the same data and seed
 * give the same bytes.
 */
export function summaryJson(result: Segmentation, source: SourceInfo | undefined, seed: number): string {
  return stableJson(summaryDocument(result, source, seed));
}

/** The summary as an object (see summaryJson); its parsed JSON is the `SummaryDocument` type. */
function summaryDocument(result: Segmentation, source: SourceInfo | undefined, seed: number) {
  return {
    segmenta: VERSION,
    data: { ...(source ?? {}), rows: result.rows, key: result.key.column, keyReason: result.key.reason },
    ...(result.within ? { within: result.within } : {}),
    method: result.method,
    preprocessing: { ...result.preprocessing, columns: result.pipeline.outputNames },
    columns: result.columns,
    k: {
      chosen: result.k,
      reason: result.choice.reason,
      rule: result.choice.rule,
      votes: result.choice.votes,
      structure: result.choice.structure,
      shortlist: result.choice.shortlist,
      alternative: result.choice.alternative,
      warnings: result.kWarnings,
      sweepRows: result.sweepRows,
      silhouetteRows: result.silhouetteRows,
      gapRows: result.gapRows,
      perK: result.sweep,
    },
    families: result.families,
    segments: result.segments,
    ...(result.rules ? { rules: result.rules } : {}),
    ...(result.unusual ? { unusual: result.unusual } : {}),
    pca: {
      columns: result.pipeline.outputNames,
      explainedVarianceRatio: result.pca.explainedVarianceRatio,
      components: result.pca.components,
      loadings: result.pca.loadings,
    },
    inertia: result.inertia,
    ...(result.baseline ? { baseline: result.baseline } : {}),
    ...(result.stability
      ? { stability: { ...result.stability, method: "fpc::clusterboot's clusterwise Jaccard bootstrap (boot scheme), k-means re-clustering" } }
      : {}),
    seed,
    ...('engine' in result ? { engine: result.engine as Record<string, unknown> } : {}),
    warnings: result.warnings,
  };
}

/** summary.json as read back. */
export type SummaryDocument = ReturnType<typeof summaryDocument>;
