import { sweepUpperK } from './kRange.js';
import type { Merge } from '../cluster/hierarchical/linkageTypes.js';
import { largestHeightGap, planMethod } from '../cluster/planMethod.js';
import { distancesToOwnCentre } from '../model/predict.js';
import { placeAgainstTraining } from '../stats/distancePercentile.js';
import { unusualCustomers } from '../explain/unusualCustomers.js';
import { sizeConstrainedKMeans } from '../cluster/sizeConstrainedKMeans.js';
import { describeSplitTree } from '../explain/splitTree.js';
import { modelTree } from '../cluster/bisectingKMeans.js';
import { sizeLimitPlan } from './sizeLimitPlan.js';
import { permuteClusters, renumberBySize } from '../cluster/renumberBySize.js';
import { alignToBaseline, completeComparison } from '../baseline/alignToBaseline.js';
import { detectKey } from '../data/detectKey.js';
import { findColumn, rowKeys, type Table } from '../data/table.js';
import { featureFamilies } from '../explain/featureFamilies.js';
import { profileSegments, type ProfiledColumn } from '../explain/profileSegments.js';
import { silhouette } from '../metrics/silhouette.js';
import { fingerprint } from '../model/fingerprint.js';
import type { SegmentaModel } from '../model/model.js';
import { fitPipeline } from '../preprocess/pipeline.js';
import { categoryUse, contextColumns, selectFeatures, type FeatureSelection } from '../preprocess/selectFeatures.js';
import { checkLabels, columnLabel, type LabelMap } from '../explain/columnLabels.js';
import { chooseK } from '../select/chooseK.js';
import { structureAdvice } from '../select/structureAdvice.js';
import { structureTries } from './structureTries.js';
import { sweepK, type ClusterFit } from '../select/sweepK.js';
import { kmeans } from '../cluster/kmeans.js';
import { segmentStability } from '../stability/segmentStability.js';
import { DataError } from '../util/errors.js';
import { resolveSegmentOptions } from '../options/segmentOptions.js';
import { createRandom } from '../util/random.js';
import { sampleIndices } from '../util/sample.js';
import { takeRows } from '../util/matrix.js';
import { columnsWithRoles, namedSegments, segmentationResult } from './segmentationResult.js';
import type { Segmentation, SegmentOptions } from './segmentation.js';

export type { Segment, Segmentation, SegmentOptions } from './segmentation.js';
import { segmentRules } from '../explain/segmentRules.js';

/**
 * Segments the customers of a table: resolve the options once, detect the key, choose and preprocess
 * features, sweep k with the method and six criteria, choose k (and say whether the data hold groups),
 * renumber segments by size or keep a baseline's numbers, measure stability, profile, name and describe
 * them, and assemble the result with PCA and the reusable model. Deterministic for a given seed. Throws
 * DataError / UsageError with one clear line for bad input.
 */
export function segment(table: Table, given: SegmentOptions = {}): Segmentation {
  const options = resolveSegmentOptions(given);
  const { k: kOption, kMin, kMax, seed, onProgress, sweepSampleSize } = options;
  const file = table.source?.path ?? 'the data';
  if (table.rowCount < 2) throw new DataError(`${file} has ${table.rowCount} data row; segmenting needs at least 2 customers (better: hundreds)`);
  const key = detectKey(table, options.id);
  const selection = selectFeatures(table, key, options.features, options.exclude, { ...options, categories: categoryUse(options) });
  if (options.labels)
    checkLabels(
      options.labels,
      table.columns.map((c) => c.name),
      'labels',
    );
  const codes = selection.roles.filter((r) => r.role === 'code').map((r) => r.column);
  const { pipeline, matrix, report } = fitPipeline(table, selection.columns, { ...options, codes });
  const sweepMax = sweepUpperK(matrix, file, kOption, kMin, kMax);
  onProgress?.('clustering', 0, 1);
  const plan = planMethod(matrix, pipeline, options);
  // On large data k-means chooses k on a seeded sample, then refines the chosen centres on every row.
  const sampled = plan.method === 'kmeans' && matrix.rows > sweepSampleSize;
  const sample = sampled ? sampleIndices(matrix.rows, sweepSampleSize, createRandom(seed ^ 0x5a3b1e)) : undefined;
  const sweepX = sample ? takeRows(matrix, sample) : matrix;
  const limits = sizeLimitPlan(options, plan.method, matrix.rows, sweepX, kMin, sweepMax);
  const sweep = sweepK(sweepX, {
    ...options,
    kMin: limits?.kMin ?? kMin,
    kMax: limits?.kMax ?? sweepMax,
    seed,
    fitK: limits?.fitK ?? plan.fitK,
    onProgress: (d, t) => onProgress?.('choosing k', d, t),
  });
  const ks = sweep.figures.map((f) => f.k);
  const choice = chooseK(sweep, kOption === 'auto' ? undefined : kOption, {
    byBic: plan.method === 'gmm',
    extraVotes: plan.merges ? [{ criterion: 'merge-heights', k: largestHeightGap(plan.merges, ks) }] : [],
  });
  const families = featureFamilies(selection.columns, seed);
  // No k reproduces: measure on this file what would make one reproduce (never "try a wider range").
  const advice =
    choice.structure === 'none' && kOption === 'auto' && plan.method !== 'gmm'
      ? structureAdvice(structureTries(table, selection.columns, { ...options, codes }, families), ks, {
          seed,
          sampleRows: options.gapSampleSize,
          splits: options.strengthSplits,
        })
      : undefined;
  const refined = sampled ? kmeans(matrix, { ...options, k: choice.k, seed, init: sweep.fits.get(choice.k)!.centers }) : undefined;
  const fit: ClusterFit =
    refined && limits
      ? sizeConstrainedKMeans(matrix, refined.centers, limits.bounds(matrix.rows), options.maxIter, options.tol)
      : (refined ?? sweep.fits.get(choice.k)!);
  const sizeLimits = limits && { ...limits.bounds(matrix.rows), unconstrainedInertia: refined?.inertia ?? limits.unconstrainedInertia.get(choice.k)! };
  const keys = rowKeys(key.column === null ? undefined : findColumn(table, key.column), table.rowCount);
  const sized = renumberBySize(fit.labels, fit.centers);
  // With a baseline, segments are reordered by their numbers: kept ones first (baseline numbers), then new ones.
  const aligned = options.baseline && alignToBaseline(options.baseline, table, key.column, keys, sized.labels, choice.k);
  const { labels, centers } = aligned ? permuteClusters(sized.labels, sized.centers, aligned.order) : sized;
  const order = aligned ? aligned.order.map((j) => sized.order[j]!) : sized.order;
  const distances = distancesToOwnCentre(matrix, centers, labels);
  const methodModel = plan.bisecting
    ? {
        bisecting: modelTree(
          plan.bisecting(),
          choice.k,
          Array.from({ length: choice.k }, (_, j) => order.indexOf(j)),
        ),
      }
    : methodParameters(fit, order);
  const probabilities = fit.details?.method === 'gmm' ? reorderColumns(fit.details.fit.probabilities, order) : undefined;
  const { measured, segments: stability } = segmentStability(
    sweepX,
    sample ? Int32Array.from(sample, (i) => labels[i]!) : labels,
    choice.k,
    plan.method,
    { ...options, seed, ...(limits ? { sizeBounds: limits.bounds } : {}) },
    (d, t) => onProgress?.('stability', d, t),
  );
  onProgress?.('explaining segments', 0, 1);
  const profiled = profiledColumns(table, selection, options.labels);
  const segments = namedSegments(profileSegments(profiled, labels, choice.k), aligned, families).map((s, j) =>
    stability ? { ...s, stability: stability[j]! } : s,
  );
  // Bisecting: the tree of splits, each node named; leaf j of the tree is the segment now at the position of old label j.
  const splitTree =
    plan.bisecting &&
    describeSplitTree(
      plan.bisecting(),
      choice.k,
      profiled,
      table.rowCount,
      Array.from({ length: choice.k }, (_, j) => segments[order.indexOf(j)]!),
    );
  // On large data the trees grow on the sweep's sample; precision and recall count every customer.
  const rules = segmentRules(
    selection.columns.map((c) => ({ column: findColumn(table, c.name)!, categorical: c.kind === 'string' || codes.includes(c.name) })),
    labels,
    choice.k,
    options.rulesDepth,
    sample,
    segments.map((s) => s.id),
  );
  onProgress?.('explaining segments', 1, 1);
  const result = segmentationResult({
    rules,
    rows: table.rowCount,
    key,
    keys,
    preprocessing: { ...report, dropped: selection.dropped, context: selection.context },
    columns: columnsWithRoles(selection),
    pipeline,
    matrix,
    families,
    sweep,
    sweepRows: sweepX.rows,
    choice,
    range: { auto: kOption === 'auto', kMin, kMax: sweepMax, kMaxRequested: kMax, byBic: plan.method === 'gmm', advice },
    labels,
    distances,
    ...(probabilities ? { probabilities } : {}),
    method: {
      ...plan.info,
      ...(sizeLimits ? { sizeLimits } : {}),
      ...(splitTree ? { tree: splitTree } : {}),
      ...(plan.merges ? { dendrogram: lastMerges(plan.merges, 49, labels) } : {}),
    },
    model: {
      method: plan.method,
      methodModel,
      seed,
      options: given,
      training: { rows: table.rowCount, fingerprint: fingerprint(selection.columns, table.rowCount) },
    },
    centroids: centers,
    inertia: fit.inertia,
    segments,
    warnings: [...selection.dropped.map((d) => `column "${d.column}" not used: ${d.reason}`), ...fit.warnings],
    ...(measured ? { stability: measured } : {}),
    ...(aligned ? { baseline: completeComparison(aligned, segments, new Map(options.baseline!.model.segments.map((s) => [s.id, s.size]))) } : {}),
  });
  const { distancePercentiles, unusual: rule } = result.model;
  const placed = placeAgainstTraining(labels, distances, distancePercentiles!, rule);
  const segmentIds = segments.map((s) => s.id);
  return { ...result, unusual: unusualCustomers({ table, pipeline, matrix, centers, labels, keys, segmentIds, placed, rule: rule! }) };
}

/**
 * The columns a segmentation profiles: the features, then the other columns as context (`contextColumns`),
 * with roles and labels.
 */
export function profiledColumns(table: Table, selection: FeatureSelection, labels?: LabelMap): ProfiledColumn[] {
  const features = new Set(selection.columns.map((c) => c.name));
  // Features in the order they were chosen (the pipeline's, which charts pair with them), then the others.
  const names = [...features, ...contextColumns(selection.roles, features, selection.dropped)];
  return names.map((name) => ({
    column: findColumn(table, name)!,
    role: selection.roles.find((r) => r.column === name)!.role,
    feature: features.has(name),
    label: columnLabel(name, labels),
  }));
}

/** Per-row silhouette values of a segmentation (exact; O(n² · d)), for plots and per-segment figures. */
export function segmentationSilhouette(result: Segmentation): Float64Array {
  return silhouette(result.matrix, result.labels, result.k).values;
}

/** The method's parameters for the model, permuted into segment order. */
function methodParameters(fit: ClusterFit, order: readonly number[]): Partial<SegmentaModel> {
  const details = fit.details;
  if (!details) return {};
  switch (details.method) {
    case 'gmm': {
      const g = details.fit;
      return {
        gmm: {
          covariance: g.covariance,
          weights: order.map((j) => g.weights[j]!),
          means: order.map((j) => g.means[j]!),
          covariances: order.map((j) => g.covariances[j]!),
        },
      };
    }
    case 'kprototypes': {
      const kp = details.fit;
      return {
        kprototypes: { gamma: kp.gamma, layout: details.layout, numeric: order.map((j) => kp.numeric[j]!), categorical: order.map((j) => kp.categorical[j]!) },
      };
    }
    default: {
      const unknown: never = details;
      throw new Error(`no model parameters for ${JSON.stringify(unknown)}`);
    }
  }
}

/** Columns of an n × k row-major matrix permuted so that new column j is old column order[j]. */
function reorderColumns(values: Float64Array, order: readonly number[]): Float64Array {
  const k = order.length,
    out = new Float64Array(values.length);
  for (let i = 0; i < values.length / k; i++) order.forEach((old, j) => (out[i * k + j] = values[i * k + old]!));
  return out;
}

/**
 * The last `count` merges of a linkage (the top of the tree) with their children's sizes and the segment
 * (0-based label) of a customer in each child, for a readable dendrogram coloured by segment below the cut.
 */
function lastMerges(
  merges: readonly Merge[],
  count: number,
  labels: Int32Array,
): Array<Merge & { sizeA: number; sizeB: number; labelA: number; labelB: number }> {
  const n = merges.length + 1;
  const sizeOf = (id: number): number => (id < n ? 1 : merges[id - n]!.size);
  const labelOf = (id: number): number => {
    while (id >= n) id = merges[id - n]!.a;
    return labels[id]!;
  };
  return merges
    .slice(Math.max(0, merges.length - count))
    .map((m) => ({ ...m, sizeA: sizeOf(m.a), sizeB: sizeOf(m.b), labelA: labelOf(m.a), labelB: labelOf(m.b) }));
}
