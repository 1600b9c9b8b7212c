import { sweepUpperK } from '../pipeline/kRange.js';
import { findColumn } from '../data/table.js';
import { assignNearest } from '../cluster/assignNearest.js';
import { orderBySize } from '../cluster/renumberBySize.js';
import { fingerprint } from '../model/fingerprint.js';
import { distancesToOwnCentre } from '../model/predict.js';
import { transformTable } from '../preprocess/pipeline.js';
import { chooseK } from '../select/chooseK.js';
import { sweepK } from '../select/sweepK.js';
import { segmentStability } from '../stability/segmentStability.js';
import type { Segmentation, SegmentOptions } from '../pipeline/segment.js';
import type { Matrix } from '../util/matrix.js';
import { columnsWithRoles, segmentationResult } from '../pipeline/segmentationResult.js';
import { droppedWarnings, explainSegments, profiledColumn } from '../pipeline/explainSegments.js';
import { checkLabels } from '../explain/columnLabels.js';
import { DataError, UsageError } from '../util/errors.js';
import { resolveSegmentOptions, type ResolvedOptions } from '../options/segmentOptions.js';
import { fitPipelineInEngine, type EnginePreparation } from './fitPipelineInEngine.js';
import { contextColumns } from '../preprocess/selectFeatures.js';
import { featureFamilies } from '../explain/featureFamilies.js';
import { adviceWhenNoGroups } from '../pipeline/structureTries.js';
import { assignInEngine, lloydInEngine, type EngineAssignment, type EngineData, type EngineLloyd } from './lloydInEngine.js';
import { kmeansParallelInEngine } from './kmeansParallelInEngine.js';
import { rowIdentitySql, sampleFromEngine } from './sampleFromEngine.js';
import type { SqlEngine } from './sqlEngine.js';
import { tableStats, type TableStats } from './tableStats.js';
import type { Table } from '../data/table.js';

/** What an engine run adds to a segmentation: where it ran and what travelled. */
export interface EngineRunInfo {
  readonly engine: string;
  readonly table: string;
  /** Rows pulled out of the engine (the seeded sample k was chosen on); 0 rows otherwise. */
  readonly sampleRows: number;
  /** Lloyd iterations run as SQL in the engine (0 when the whole table fitted in the sample). */
  readonly engineIterations: number;
  readonly converged: boolean;
  /** Segment sizes over the whole table, in segment order. */
  readonly sizes: readonly number[];
  /** Each start tried (the sample's centres, k-means||): Lloyd iterations and whole-table inertia; the lowest wins. */
  readonly starts: ReadonlyArray<{ init: 'sample' | 'kmeans||'; iterations: number; inertia: number }>;
}

/** A segmentation computed in a database: per-row figures (keys, labels, matrix, PCA) are of the sample. */
export interface EngineSegmentation extends Segmentation {
  readonly engine: EngineRunInfo;
  /** The sampled rows (key and feature columns) that keys, labels, matrix and PCA refer to. */
  readonly sampleTable: Table;
  /** The table's row count and per-column statistics, as computed in the engine. */
  readonly tableStats: TableStats;
}

/** How the final k-means on the whole table may start (see segmentInEngine). */
const ENGINE_INITS = ['sample', 'kmeans||', 'both'] as const;
export type EngineInit = (typeof ENGINE_INITS)[number];

/** Refuses an unknown `--init` before any work (it is otherwise read only after the sample and the k sweep). */
export function checkEngineInit(init: unknown): asserts init is EngineInit | undefined {
  if (init !== undefined && !(ENGINE_INITS as readonly unknown[]).includes(init))
    throw new UsageError(`invalid --init: ${String(init)} (expected ${ENGINE_INITS.join(', ')})`);
}

/**
 * Segments the customers of a database table without moving the table: statistics and preprocessing by SQL
 * aggregates, k chosen on a seeded sample by the same sweep and vote as `segment` (k-means++ with restarts
 * on the sample), then — when the table has more rows than the sample — Lloyd iterations as SQL in the engine
 * from the sample's centres, until they converge; segment sizes over the whole table. A table no larger than
 * the sample is clustered whole exactly as `segment` clusters a file. `init` says where the Lloyd iterations
 * start: the sample's best centres (default), k-means|| seeds drawn in the engine, or both, keeping the run
 * with the lower inertia over the whole table. Only k-means runs in an engine.
 */
export async function segmentInEngine(engine: SqlEngine, table: string, given: SegmentOptions & { init?: EngineInit } = {}): Promise<EngineSegmentation> {
  const options = resolveSegmentOptions(given);
  checkEngineInit(options.init);
  const { k: kOption, kMin, kMax, seed, onProgress } = options;
  refuseInMemoryOnly(options);
  const { stats, prep, featureNames, sample, matrix } = await prepareInEngine(engine, table, options);
  const { sweepMax, sweep, choice, families, advice } = chooseOnSample(matrix, sample.table, prep, `${engine.label} table ${table}`, options);
  const sampleFit = sweep.fits.get(choice.k)!;
  const data: EngineData = { engine, table, rows: stats.rows, pipeline: prep.pipeline, bounds: prep.bounds };
  const init = options.init ?? 'sample';
  const runs = await wholeTableFits(data, init, sample.table.rowCount, sampleFit.centers, choice.k, rowIdentitySql(engine, prep), options);
  const best = runs.reduce((a, b) => (b.assigned.inertia < a.assigned.inertia ? b : a));
  const { lloyd, assigned } = best;
  const { centers, order } = orderBySize(assigned.sizes, lloyd.centers);
  const sizes = order.map((j) => assigned.sizes[j]!);
  const { labels } = assignNearest(matrix, centers);
  const distances = distancesToOwnCentre(matrix, centers, labels);
  // Stability is measured on the sample, with each sampled customer in its whole-table segment.
  const { measured, segments: stability } = segmentStability(matrix, labels, choice.k, 'kmeans', { ...options, seed }, (d, t) =>
    onProgress?.('stability', d, t),
  );
  onProgress?.('explaining segments', 0, 1);
  // Profiles (means, medians, level shares) and rules come from the sample; sizes and shares from the whole table.
  const { segments, rules } = explainSegments({
    table: sample.table,
    profiled: sample.table.columns.map((c) => profiledColumn(c, prep.roles, featureNames, options.labels)),
    features: prep.features.map((f) => f.column.name),
    pipeline: prep.pipeline,
    labels,
    k: choice.k,
    families,
    ...(stability ? { stability } : {}),
    whole: { sizes, rows: stats.rows },
    rulesDepth: options.rulesDepth,
  });
  const warnings = engineWarnings(prep, sampleFit.warnings, lloyd, choice.k, options.maxIter);
  onProgress?.('explaining segments', 1, 1);
  return {
    ...segmentationResult({
      rules,
      rows: stats.rows,
      key: prep.key,
      keys: sample.keys,
      preprocessing: { ...prep.report, dropped: prep.dropped, context: prep.contextReasons },
      columns: columnsWithRoles({ roles: prep.roles, columns: prep.features.map((f) => f.column) }),
      pipeline: prep.pipeline,
      matrix,
      families,
      sweep,
      sweepRows: matrix.rows,
      choice,
      range: { auto: kOption === 'auto', kMin, kMax: sweepMax, kMaxRequested: kMax, byBic: false, advice },
      labels,
      distances,
      method: { method: 'kmeans', engine: engine.dialect.name, init, start: best.init },
      model: {
        method: 'kmeans',
        seed,
        options: given,
        training: {
          rows: stats.rows,
          fingerprint: fingerprint(
            sample.table.columns.filter((c) => featureNames.has(c.name)),
            sample.table.rowCount,
          ),
        },
      },
      centroids: centers,
      inertia: assigned.inertia,
      segments,
      warnings,
      ...(measured ? { stability: measured } : {}),
    }),
    sampleTable: sample.table,
    tableStats: stats,
    engine: engineRunInfo(engine.label, table, sample.table.rowCount, sizes, runs, best),
  };
}

/** Options as `segmentInEngine` resolves them. */
type EngineOptions = ResolvedOptions<SegmentOptions & { init?: EngineInit }>;

/**
 * Step 1 in the engine: the table's statistics, the pipeline fitted from SQL aggregates, and the seeded sample
 * (features, and the context columns that describe who is in each segment) with its preprocessed matrix.
 */
async function prepareInEngine(engine: SqlEngine, table: string, options: EngineOptions) {
  const { seed, onProgress, sweepSampleSize } = options;
  onProgress?.('reading table statistics', 0, 1);
  const columns = await engine.columns(table);
  const stats = await tableStats(engine, table, columns);
  const source = `${engine.label} table ${table}`;
  if (options.labels)
    checkLabels(
      options.labels,
      columns.map((c) => c.name),
      'labels',
    );
  if (stats.rows < 2) throw new DataError(`${source} has ${stats.rows} row(s); segmenting needs at least 2 customers (better: hundreds)`);
  const prep = await fitPipelineInEngine(engine, table, stats, options);
  onProgress?.('sampling', 0, 1);
  // Columns that are not features ride along in the sample, to describe who is in each segment.
  const featureNames = new Set(prep.features.map((f) => f.column.name));
  const contextNames = new Set(contextColumns(prep.roles, featureNames, prep.dropped));
  const context = stats.columns.filter((s) => contextNames.has(s.column.name) && s.column.kind !== 'other');
  const sample = await sampleFromEngine(engine, table, { ...prep, context }, stats.rows, sweepSampleSize, seed);
  const matrix = transformTable(prep.pipeline, sample.table);
  return { stats, prep, featureNames, sample, matrix };
}

/** Step 2: the k sweep and vote on the sample, with the feature families and the advice read off it. */
function chooseOnSample(matrix: Matrix, sampleTable: Table, prep: EnginePreparation, source: string, options: EngineOptions) {
  const { k: kOption, kMin, kMax, seed, onProgress } = options;
  const sweepMax = sweepUpperK(matrix, source, kOption, kMin, kMax);
  const { init: _init, ...sweepOptions } = options;
  const sweep = sweepK(matrix, { ...sweepOptions, kMin, kMax: sweepMax, seed, onProgress: (d, t) => onProgress?.('choosing k', d, t) });
  const choice = chooseK(sweep, kOption === 'auto' ? undefined : kOption);
  // Families and the advice when no k reproduces are read off the sample, which is in memory.
  const sampleFeatures = prep.features.map((f) => findColumn(sampleTable, f.column.name)!);
  const families = featureFamilies(sampleFeatures, seed);
  const codes = prep.roles.filter((r) => r.role === 'code').map((r) => r.column);
  const ks = sweep.figures.map((f) => f.k);
  const advice = adviceWhenNoGroups(choice, sampleTable, sampleFeatures, { ...options, codes, auto: kOption === 'auto', byBic: false }, families, ks);
  return { sweepMax, sweep, choice, families, advice };
}

/** The warnings of a database run: columns left out, the engine's notes, the sample's fit and the Lloyd iterations. */
function engineWarnings(prep: EnginePreparation, sampleWarnings: readonly string[], lloyd: EngineLloyd, k: number, maxIter: number): string[] {
  return [
    ...droppedWarnings(prep.dropped),
    ...prep.notes,
    ...sampleWarnings,
    ...(lloyd.converged ? [] : [`k-means in the database did not converge within ${maxIter} iterations; raise --max-iter`]),
    ...(lloyd.relocations > 0 ? [`k = ${k}: ${lloyd.relocations} empty segment(s) were relocated to the farthest rows`] : []),
  ];
}

/** Where a database run ran and what travelled: the sample's rows, the winning start's iterations, every start tried. */
function engineRunInfo(
  engine: string,
  table: string,
  sampleRows: number,
  sizes: readonly number[],
  runs: readonly WholeTableFit[],
  best: WholeTableFit,
): EngineRunInfo {
  return {
    engine,
    table,
    sampleRows,
    engineIterations: best.lloyd.iterations,
    converged: best.lloyd.converged,
    sizes,
    starts: runs.map((r) => ({ init: r.init, iterations: r.lloyd.iterations, inertia: r.assigned.inertia })),
  };
}

/** Refuses what needs every row in memory: another method than k-means, and size limits. */
function refuseInMemoryOnly(options: { readonly method: string; readonly minSize?: unknown; readonly maxSize?: unknown }): void {
  if (options.method !== 'kmeans') {
    throw new UsageError(
      `--db runs k-means inside the database; --method ${options.method} needs the rows in memory (export the table to a file and run segmenta run FILE)`,
    );
  }
  if (options.minSize !== undefined || options.maxSize !== undefined)
    throw new UsageError(
      '--min-size and --max-size need the rows in memory; --db does not take them yet (export the table to a file and run segmenta run FILE)',
    );
}

/** One k-means run on the whole table: where it started, its Lloyd iterations and its assignment. */
interface WholeTableFit {
  readonly init: 'sample' | 'kmeans||';
  readonly lloyd: EngineLloyd;
  readonly assigned: EngineAssignment;
}

/**
 * k-means on the whole table from each start `init` asks for: the sample's centres (when the sample is the
 * whole table, its fit as it is) and/or k-means|| seeds drawn in the engine; Lloyd iterations as SQL.
 */
async function wholeTableFits(
  data: EngineData,
  init: EngineInit,
  sampleRows: number,
  sampleCenters: Matrix,
  k: number,
  rowText: string,
  options: { readonly seed: number; readonly maxIter: number; readonly tol: number; readonly onProgress?: SegmentOptions['onProgress'] },
): Promise<WholeTableFit[]> {
  const { seed, maxIter, onProgress } = options;
  const starts: Array<'sample' | 'kmeans||'> = init === 'both' ? ['sample', 'kmeans||'] : [init];
  const runs: WholeTableFit[] = [];
  for (const start of starts) {
    if (start === 'sample' && data.rows <= sampleRows) {
      // The whole table is the sample: its fit is the in-memory k-means on every row.
      runs.push({
        init: start,
        lloyd: { centers: sampleCenters, iterations: 0, converged: true, relocations: 0 },
        assigned: await assignInEngine(data, sampleCenters),
      });
      continue;
    }
    const from = start === 'kmeans||' ? await kmeansParallelInEngine(data, { k, seed, rowText }) : sampleCenters;
    const lloyd = await lloydInEngine(data, from, {
      maxIter,
      tol: options.tol,
      onIteration: (i) => onProgress?.(`k-means in the database (${start})`, i, maxIter),
    });
    runs.push({ init: start, lloyd, assigned: await assignInEngine(data, lloyd.centers) });
  }
  return runs;
}
