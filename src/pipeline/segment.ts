import { sweepUpperK } from './kRange.js';
import { planMethod } from '../cluster/methods/planMethod.js';
import type { MethodInfo } from '../cluster/methods/clusterMethod.js';
import { distancesToOwnCentre } from '../model/predict.js';
import { placeAgainstTraining } from '../stats/distancePercentile.js';
import { unusualCustomers } from '../explain/unusualCustomers.js';
import { sizeConstrainedKMeans } from '../cluster/sizeConstrainedKMeans.js';
import { describeSplitTree } from '../explain/splitTree.js';
import { sizeLimitPlan } from './sizeLimitPlan.js';
import { permuteClusters, renumberBySize } from '../cluster/renumberBySize.js';
import { alignToBaseline, completeComparison } from '../baseline/alignToBaseline.js';
import { detectKey } from '../data/detectKey.js';
import { findColumn, rowKeys, type Table } from '../data/table.js';
import { featureFamilies } from '../explain/featureFamilies.js';
import type { ProfiledColumn } from '../explain/profileSegments.js';
import { silhouette } from '../metrics/silhouette.js';
import { fingerprint } from '../model/fingerprint.js';
import { fitPipeline } from '../preprocess/pipeline.js';
import { categoryUse, contextColumns, selectFeatures, type FeatureSelection } from '../preprocess/selectFeatures.js';
import { checkLabels, type LabelMap } from '../explain/columnLabels.js';
import { chooseK } from '../select/chooseK.js';
import { adviceWhenNoGroups } from './structureTries.js';
import { sweepK, type ClusterFit, type KSweep } from '../select/sweepK.js';
import { kmeans } from '../cluster/kmeans.js';
import { segmentStability } from '../stability/segmentStability.js';
import { DataError, UsageError } from '../util/errors.js';
import { resolveSegmentOptions, type ResolvedOptions } from '../options/segmentOptions.js';
import { createRandom } from '../util/random.js';
import { sampleIndices } from '../util/sample.js';
import { takeRows } from '../util/matrix.js';
import { columnsWithRoles, segmentationResult } from './segmentationResult.js';
import { droppedWarnings, explainSegments, profiledColumn } from './explainSegments.js';
import type { Segmentation, SegmentationMethod, SegmentOptions } from './segmentation.js';
import { gather } from '../util/gather.js';

export type { Segment, Segmentation, SegmentOptions } from './segmentation.js';

/** The options `segment` runs with: the caller's, completed by the declared defaults. */
type Options = ResolvedOptions<SegmentOptions>;

/** Step 1, prepare: the key, the features and their preprocessing, the method, and the rows k is chosen on. */
function prepare(table: Table, options: Options) {
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
  const sweepMax = sweepUpperK(matrix, file, options.k, options.kMin, options.kMax);
  options.onProgress?.('clustering', 0, 1);
  const plan = planMethod(matrix, pipeline, options);
  // On large data k-means chooses k on a seeded sample, then refines the chosen centres on every row.
  const sampled = plan.method === 'kmeans' && matrix.rows > options.sweepSampleSize;
  const sample = sampled ? sampleIndices(matrix.rows, options.sweepSampleSize, createRandom(options.seed ^ 0x5a3b1e)) : undefined;
  const sweepX = sample ? takeRows(matrix, sample) : matrix;
  const limits = sizeLimitPlan(options, plan.method, matrix.rows, sweepX, options.kMin, sweepMax);
  return { table, key, selection, codes, pipeline, matrix, report, sweepMax, plan, sample, sweepX, limits };
}
type Prepared = ReturnType<typeof prepare>;

/** Step 2, sweep and choose: every k of the range with the six criteria and the method's votes, then the vote. */
function sweepAndChoose(p: Prepared, options: Options, reuse: SegmentReuse) {
  const { plan, limits } = p;
  const range = { kMin: limits?.kMin ?? options.kMin, kMax: limits?.kMax ?? p.sweepMax };
  const sweep = reuse.sweep
    ? reusedSweep(reuse.sweep, p, range)
    : sweepK(p.sweepX, { ...options, ...range, fitK: limits?.fitK ?? plan.fitK, onProgress: (d, t) => options.onProgress?.('choosing k', d, t) });
  const ks = sweep.figures.map((f) => f.k);
  const choice = chooseK(sweep, options.k === 'auto' ? undefined : options.k, { byBic: plan.byBic, extraVotes: plan.votes(ks) });
  const families = featureFamilies(p.selection.columns, options.seed);
  // No k reproduces: measure on this file what would make one reproduce (never "try a wider range").
  const advice = adviceWhenNoGroups(
    choice,
    p.table,
    p.selection.columns,
    { ...options, codes: p.codes, auto: options.k === 'auto', byBic: plan.byBic },
    families,
    ks,
  );
  return { sweep, choice, families, advice };
}
type Chosen = ReturnType<typeof sweepAndChoose>;

/** What a caller may hand back from an earlier `segment` of the same data and setup. */
export interface SegmentReuse {
  /** That run's `kSweep`: the k is then chosen (or the given k explained) on it, without sweeping again. */
  readonly sweep?: KSweep;
}

/**
 * An earlier sweep, checked to be of this range and these rows (else a UsageError: it was made on other data
 * or another range); the method's plan resumes where that sweep left it (bisecting: the tree grown). O(|k|).
 */
function reusedSweep(sweep: KSweep, p: Prepared, range: { kMin: number; kMax: number }): KSweep {
  const ks = sweep.figures.map((f) => f.k);
  const rows = [...sweep.fits.values()].every((fit) => fit.labels.length === p.sweepX.rows);
  if (!rows || ks[0] !== range.kMin || ks.at(-1) !== range.kMax)
    throw new UsageError(`the k sweep given to reuse was made on other data or another range (k from ${ks[0]} to ${ks.at(-1)}); sweep again`);
  p.plan.resume?.(range.kMax);
  return sweep;
}

/** Step 3, fit: the chosen k on every row (a sampled sweep's centres refined, size limits enforced). */
function fitChosen(p: Prepared, { sweep, choice }: Chosen, options: Options) {
  const { matrix, limits } = p;
  const refined = p.sample ? kmeans(matrix, { ...options, k: choice.k, init: sweep.fits.get(choice.k)!.centers }) : undefined;
  const fit: ClusterFit =
    refined && limits
      ? sizeConstrainedKMeans(matrix, refined.centers, limits.bounds(matrix.rows), options.maxIter, options.tol)
      : (refined ?? sweep.fits.get(choice.k)!);
  const sizeLimits = limits && { ...limits.bounds(matrix.rows), unconstrainedInertia: refined?.inertia ?? fit.unconstrainedInertia! };
  return { fit, sizeLimits };
}

/** Step 4, order: segments numbered by size, or by a baseline's numbers; each customer's distance to its centre. */
function orderSegments(p: Prepared, k: number, fit: ClusterFit, options: Options) {
  const { table, key } = p;
  const keys = rowKeys(key.column === null ? undefined : findColumn(table, key.column), table.rowCount);
  const sized = renumberBySize(fit.labels, fit.centers);
  // With a baseline, segments are reordered by their numbers: kept ones first (baseline numbers), then new ones.
  const aligned = options.baseline && alignToBaseline(options.baseline, table, key.column, keys, sized.labels, k);
  const { labels, centers } = aligned ? permuteClusters(sized.labels, sized.centers, aligned.order) : sized;
  const order = aligned ? aligned.order.map((j) => sized.order[j]!) : sized.order;
  return { keys, aligned, labels, centers, order, distances: distancesToOwnCentre(p.matrix, centers, labels) };
}
type Ordered = ReturnType<typeof orderSegments>;

/** Step 5, explain: stability, profiles, names, descriptions, the split tree of bisecting k-means, and rules. */
function explain(p: Prepared, { choice, families }: Chosen, o: Ordered, options: Options) {
  const { plan, sample } = p;
  const { measured, segments: stability } = segmentStability(
    p.sweepX,
    sample ? gather(o.labels, sample) : o.labels,
    choice.k,
    plan.method,
    { ...options, ...(p.limits ? { sizeBounds: p.limits.bounds } : {}) },
    (d, t) => options.onProgress?.('stability', d, t),
  );
  options.onProgress?.('explaining segments', 0, 1);
  const profiled = profiledColumns(p.table, p.selection, options.labels);
  // On large data the trees grow on the sweep's sample; precision and recall count every customer.
  const { segments, rules } = explainSegments({
    table: p.table,
    profiled,
    features: p.selection.columns.map((c) => c.name),
    pipeline: p.pipeline,
    labels: o.labels,
    k: choice.k,
    families,
    ...(stability ? { stability } : {}),
    ...(o.aligned ? { kept: o.aligned } : {}),
    rulesDepth: options.rulesDepth,
    ...(sample ? { ruleRows: sample } : {}),
  });
  // Bisecting: the tree of splits, each node named; leaf j of the tree is the segment now at the position of old label j.
  const tree =
    plan.bisecting &&
    describeSplitTree(
      plan.bisecting(),
      choice.k,
      profiled,
      p.table.rowCount,
      Array.from({ length: choice.k }, (_, j) => segments[o.order.indexOf(j)]!),
    );
  options.onProgress?.('explaining segments', 1, 1);
  return { measured, segments, rules, tree };
}

/**
 * Segments the customers of a table in named steps: prepare (key, features, preprocessing, method), sweep k
 * and choose it (six criteria and the method's votes; whether the data hold groups), fit the chosen k on every
 * row, order the segments (by size or a baseline's numbers), explain them (stability, profiles, names, rules),
 * and assemble the result with PCA, the reusable model and the unusual customers. Deterministic for a given
 * seed. `reuse.sweep` (an earlier run's `kSweep` on the same data and setup) skips the sweep: another k is then
 * explained against the same criteria, as a full run with that k would. Throws DataError / UsageError with one
 * clear line for bad input.
 */
export function segment(table: Table, given: SegmentOptions = {}, reuse: SegmentReuse = {}): Segmentation {
  const options = resolveSegmentOptions(given);
  const p = prepare(table, options);
  const chosen = sweepAndChoose(p, options, reuse);
  const { choice, sweep } = chosen;
  const { fit, sizeLimits } = fitChosen(p, chosen, options);
  const o = orderSegments(p, choice.k, fit, options);
  const { measured, segments, rules, tree } = explain(p, chosen, o, options);
  const { kMin, kMax, seed } = options;
  const probabilities = p.plan.probabilities(fit, o.order);
  const result = segmentationResult({
    rules,
    rows: table.rowCount,
    key: p.key,
    keys: o.keys,
    preprocessing: { ...p.report, dropped: p.selection.dropped, context: p.selection.context },
    columns: columnsWithRoles(p.selection),
    pipeline: p.pipeline,
    matrix: p.matrix,
    families: chosen.families,
    sweep,
    sweepRows: p.sweepX.rows,
    choice,
    range: { auto: options.k === 'auto', kMin, kMax: p.sweepMax, kMaxRequested: kMax, byBic: p.plan.byBic, advice: chosen.advice },
    labels: o.labels,
    distances: o.distances,
    ...(probabilities ? { probabilities } : {}),
    method: methodInfo(p.plan.info(o.labels), sizeLimits, tree),
    model: {
      method: p.plan.method,
      methodModel: p.plan.parameters(fit, o.order),
      seed,
      options: given,
      training: { rows: table.rowCount, fingerprint: fingerprint(p.selection.columns, table.rowCount) },
    },
    centroids: o.centers,
    inertia: fit.inertia,
    segments,
    warnings: [...droppedWarnings(p.selection.dropped), ...fit.warnings],
    ...(measured ? { stability: measured } : {}),
    ...(o.aligned ? { baseline: completeComparison(o.aligned, segments, new Map(options.baseline!.model.segments.map((s) => [s.id, s.size]))) } : {}),
  });
  const { distancePercentiles, unusual: rule } = result.model;
  const placed = placeAgainstTraining(o.labels, o.distances, distancePercentiles!, rule);
  const segmentIds = segments.map((s) => s.id);
  const unusual = unusualCustomers({
    table,
    pipeline: p.pipeline,
    matrix: p.matrix,
    centers: o.centers,
    labels: o.labels,
    keys: o.keys,
    segmentIds,
    placed,
    rule: rule!,
  });
  return { ...result, unusual };
}

/**
 * What summary.json says about the method: its own info, then the size limits met (k-means) or the named
 * split tree (bisecting), keys in the order summary.json has always had them.
 */
function methodInfo(info: MethodInfo, sizeLimits: SegmentationMethod['sizeLimits'], tree: SegmentationMethod['tree']): SegmentationMethod {
  // Only k-means has size limits and only bisecting k-means a split tree: a hierarchical dendrogram stays last.
  return { ...info, ...(sizeLimits ? { sizeLimits } : {}), ...(tree ? { tree } : {}) };
}

/**
 * The columns a segmentation profiles: the features, then the other columns as context (`contextColumns`),
 * with roles and labels.
 */
function profiledColumns(table: Table, selection: FeatureSelection, labels?: LabelMap): ProfiledColumn[] {
  const features = new Set(selection.columns.map((c) => c.name));
  // Features in the order they were chosen (the pipeline's, which charts pair with them), then the others.
  const names = [...features, ...contextColumns(selection.roles, features, selection.dropped)];
  return names.map((name) => profiledColumn(findColumn(table, name)!, selection.roles, features, labels));
}

/** Per-row silhouette values of a segmentation (exact; O(n² · d)), for plots and per-segment figures. */
export function segmentationSilhouette(result: Segmentation): Float64Array {
  return silhouette(result.matrix, result.labels, result.k).values;
}
