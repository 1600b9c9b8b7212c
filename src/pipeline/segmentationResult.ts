import type { ClusterMethodName } from '../cluster/methods/planMethod.js';
import type { MethodParameters } from '../cluster/methods/clusterMethod.js';
import { describedDistinctions, describeSegment } from '../explain/describeSegment.js';
import { distinctions, nameTerms, onePerFamily, type Distinction } from '../explain/nameSegments.js';
import { familyOf, type FeatureFamilies } from '../explain/featureFamilies.js';
import { suggestAction } from '../explain/suggestAction.js';
import type { SegmentStats } from '../explain/profileSegments.js';
import type { SegmentaModel } from '../model/model.js';
import type { SegmentRules } from '../explain/segmentRules.js';
import type { Pipeline } from '../preprocess/pipeline.js';
import type { RoleDecision } from '../preprocess/columnRoles.js';
import { pca } from '../reduce/pca.js';
import { kWarnings, type KWarningInput } from '../select/kWarnings.js';
import type { KSweep } from '../select/sweepK.js';
import { rowOf, type Matrix } from '../util/matrix.js';
import { distancePercentiles, unusualRule, type UnusualRule } from '../stats/distancePercentile.js';
import { OPTION_DEFAULTS, recordedOptions } from '../options/segmentOptions.js';
import { VERSION } from '../util/version.js';
import type { Segment, Segmentation, SegmentOptions } from './segmentation.js';

/** What both back ends know at the end of a segmentation; `segmentationResult` derives the rest. */
export type SegmentationParts = Omit<Segmentation, 'sweep' | 'kSweep' | 'kWarnings' | 'silhouetteRows' | 'gapRows' | 'k' | 'pca' | 'model'> & {
  readonly sweep: KSweep;
  /** The range the vote ran over, for the warnings about k. */
  readonly range: Omit<KWarningInput, 'choice' | 'segments'>;
  /** The model's own fields (the rest comes from the segmentation). */
  readonly model: {
    method: ClusterMethodName;
    methodModel?: MethodParameters;
    seed: number;
    options: SegmentOptions;
    training: SegmentaModel['training'];
  };
};

/**
 * Assembles a Segmentation the same way for a file and a database table: the warnings about k, PCA on the
 * (sampled) matrix and the model, from the parts each back end computed. O(n · d² + k · d).
 */
export function segmentationResult(p: SegmentationParts): Segmentation {
  const { sweep, range, model, ...rest } = p;
  const percentiles = distancePercentiles(p.distances, p.labels, p.centroids.rows);
  const contamination = model.options.contamination ?? OPTION_DEFAULTS.contamination;
  return {
    ...rest,
    sweep: sweep.figures,
    kSweep: sweep,
    kWarnings: kWarnings({ choice: p.choice, ...range, segments: p.segments }),
    silhouetteRows: sweep.silhouetteRows,
    gapRows: sweep.gapRows,
    k: p.choice.k,
    pca: pca(p.matrix, 3),
    model: buildModel({
      ...model,
      key: p.key.column,
      pipeline: p.pipeline,
      centers: p.centroids,
      segments: p.segments,
      distancePercentiles: percentiles,
      unusual: unusualRule(p.labels, p.distances, percentiles, contamination),
      ...(p.rules ? { rules: p.rules } : {}),
    }),
  };
}

/**
 * Names, describes and numbers (1-based) profiled segments; with `kept`, the given numbers and the baseline
 * names of continued segments (a fresh name that repeats a kept one gets " (new)").
 */
export function namedSegments(
  stats: readonly SegmentStats[],
  kept?: { readonly ids: readonly number[]; readonly names: ReadonlyArray<string | null> },
  families?: FeatureFamilies,
): Segment[] {
  const fresh = nameTerms(stats, families);
  const keptNames = new Set(kept?.names.filter((n): n is string => n !== null));
  const names = fresh.map(({ name }, j) => kept?.names[j] ?? (keptNames.has(name) ? `${name} (new)` : name));
  return stats.map((s, j) => ({
    id: kept?.ids[j] ?? j + 1,
    name: names[j]!,
    description: describeSegment(s, families),
    distinguishing: distinguishing(s, families),
    suggestion: suggestAction(s.numeric, fresh[j]!.terms),
    ...s,
  }));
}

/**
 * A segment's distinctions for cards and summary.json: the ones its description names first (one per family,
 * the largest standardized difference among them), then the next strongest of other families; five at most.
 */
function distinguishing(s: SegmentStats, families?: FeatureFamilies): Distinction[] {
  const described = describedDistinctions(s, families);
  const rest = onePerFamily(
    distinctions(s).filter((d) => d.band !== 'none'),
    families,
  ).filter((d) => !described.some((x) => familyOf(families, x.feature) === familyOf(families, d.feature)));
  return [...described, ...rest].slice(0, 5);
}

/** The roles of a selection with whether each column was a feature. */
export function columnsWithRoles(selection: {
  readonly roles: readonly RoleDecision[];
  readonly columns: ReadonlyArray<{ readonly name: string }>;
}): Array<RoleDecision & { feature: boolean }> {
  const features = new Set(selection.columns.map((c) => c.name));
  return selection.roles.map((r) => ({ ...r, feature: features.has(r.column) }));
}

/** The reusable model of a segmentation (model.json). */
function buildModel(p: {
  method: ClusterMethodName;
  methodModel?: Partial<SegmentaModel>;
  key: string | null;
  pipeline: Pipeline;
  centers: Matrix;
  segments: readonly Segment[];
  distancePercentiles?: number[][];
  unusual?: UnusualRule;
  rules?: SegmentRules;
  seed: number;
  options: SegmentOptions;
  training: SegmentaModel['training'];
}): SegmentaModel {
  return {
    format: 'segmenta-model',
    formatVersion: 1,
    segmentaVersion: VERSION,
    method: p.method,
    ...(p.methodModel ?? {}),
    key: p.key,
    features: p.pipeline.steps.map((step) => step.column),
    pipeline: p.pipeline,
    centroids: Array.from({ length: p.centers.rows }, (_, j) => rowOf(p.centers, j)),
    ...(p.distancePercentiles ? { distancePercentiles: p.distancePercentiles } : {}),
    ...(p.unusual ? { unusual: p.unusual } : {}),
    ...(p.rules ? { rules: p.rules } : {}),
    segments: p.segments.map((s) => ({ id: s.id, name: s.name, size: s.size, share: s.share })),
    seed: p.seed,
    options: recordedOptions(p.options),
    training: p.training,
  };
}
