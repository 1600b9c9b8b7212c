import { absoluteTolerance, divideByMass, relocateEmpty, shiftConverged, totalShift } from '../cluster/updateCenters.js';
import { OPTION_DEFAULTS } from '../options/segmentOptions.js';
import type { Pipeline } from '../preprocess/pipeline.js';
import { zeros, type Matrix } from '../util/matrix.js';
import { exactSumSql, readExactSum } from './engineSql.js';
import { nearestSql } from './scoringSql.js';
import { featureName, nearestCentreSql, scaledFeatureSql } from './sqlDialect.js';
import { toNumber, type SqlEngine } from './sqlEngine.js';

/** Where Lloyd's algorithm runs and on what: the engine, the table, its fitted pipeline and value bounds. */
export interface EngineData {
  readonly engine: SqlEngine;
  readonly table: string;
  readonly rows: number;
  readonly pipeline: Pipeline;
  /** Upper bounds of |value| of each preprocessed column (exact sums are sized by them). */
  readonly bounds: readonly number[];
}

/** The outcome of Lloyd's algorithm run in the engine. */
export interface EngineLloyd {
  readonly centers: Matrix;
  readonly iterations: number;
  readonly converged: boolean;
  readonly relocations: number;
}

/** Final per-segment figures under given centres: sizes and the total within-segment sum of squares. */
export interface EngineAssignment {
  readonly sizes: readonly number[];
  readonly inertia: number;
}

/**
 * Lloyd's k-means iterations executed as SQL: each iteration is one GROUP BY in the engine that assigns every
 * row to its nearest centre and returns per-segment counts and exact sums; only the k centres travel. It
 * stops as `lloyd` does — no label changed (the new centres equal the old ones exactly, as the sums are
 * exact) or the total squared centre shift ≤ tol × mean feature variance — after at most maxIter
 * iterations; an empty segment takes the row farthest from its centre, as `updateCenters` does.
 * O(iterations) scans of the table.
 */
export async function lloydInEngine(
  data: EngineData,
  init: Matrix,
  options: { maxIter?: number; tol?: number; onIteration?: (iteration: number, shift: number) => void } = {},
): Promise<EngineLloyd> {
  const { engine, pipeline, bounds } = data;
  const { maxIter = OPTION_DEFAULTS.maxIter, tol = OPTION_DEFAULTS.tol } = options;
  const d = engine.dialect;
  const from = engine.tableRef(data.table);
  const dims = init.cols,
    k = init.rows;
  const tolAbs = absoluteTolerance(tol, await meanVariance(data));
  let centers: Matrix = { rows: k, cols: dims, data: init.data.slice() };
  let iterations = 0,
    relocations = 0,
    converged = false;
  for (let it = 0; it < maxIter; it++) {
    iterations = it + 1;
    const list = rowsOf(centers);
    const sums = Array.from({ length: dims }, (_, t) => exactSumSql(d, featureName(t), bounds[t]!));
    const near = nearestSql(pipeline, list, d, from, null, true);
    const grouped = await engine.query(
      `${near.prefix}SELECT segment, COUNT(*) AS n, ${sums.map((x, t) => `${x.sql} AS s${t}`).join(', ')} FROM ${near.from} GROUP BY segment`,
    );
    const next = zeros(k, dims);
    const mass = new Float64Array(k);
    for (const r of grouped) {
      const j = toNumber(r['segment']) - 1;
      mass[j] = toNumber(r['n']);
      for (let t = 0; t < dims; t++) next.data[j * dims + t] = readExactSum(r[`s${t}`], sums[t]!.shift);
    }
    const empty = Array.from({ length: k }, (_, j) => j).filter((j) => mass[j] === 0);
    if (empty.length > 0) {
      relocations += empty.length;
      const { own } = nearestCentreSql(list, d);
      const fs = Array.from({ length: dims }, (_, t) => featureName(t)).join(', ');
      const far = await engine.query(`${near.prefix}SELECT segment, ${fs} FROM ${near.from} ORDER BY ${own} DESC, ${fs} LIMIT ${empty.length}`);
      relocateEmpty(next.data, mass, dims, empty, (e) => {
        const r = far[e]!;
        return { old: toNumber(r['segment']) - 1, weight: 1, value: (t) => toNumber(r[featureName(t)]) };
      });
    }
    divideByMass(next.data, mass, dims);
    const shift = totalShift(centers, next);
    centers = next;
    options.onIteration?.(iterations, shift);
    if (shiftConverged(shift, tolAbs)) {
      converged = true;
      break;
    }
  }
  return { centers, iterations, converged, relocations };
}

/** Segment sizes and inertia (exact sum of squared distances to the own centre) under `centers`. One scan. */
export async function assignInEngine(data: EngineData, centers: Matrix): Promise<EngineAssignment> {
  const { engine, pipeline, bounds } = data;
  const list = rowsOf(centers);
  const { own } = nearestCentreSql(list, engine.dialect);
  const reach = Math.max(...list.map((c) => Array.from(c).reduce((s, v, t) => s + (bounds[t]! + Math.abs(v)) ** 2, 0)));
  const total = exactSumSql(engine.dialect, own, reach);
  const near = nearestSql(pipeline, list, engine.dialect, engine.tableRef(data.table), null);
  const grouped = await engine.query(`${near.prefix}SELECT segment, COUNT(*) AS n, ${total.sql} AS inertia FROM ${near.from} GROUP BY segment`);
  const sizes = Array.from({ length: centers.rows }, () => 0);
  let inertia = 0;
  for (const r of grouped) {
    sizes[toNumber(r['segment']) - 1] = toNumber(r['n']);
    inertia += readExactSum(r['inertia'], total.shift);
  }
  return { sizes, inertia };
}

/** Mean over preprocessed columns of their population variance (scikit-learn's scale for tol). One scan. */
async function meanVariance({ engine, pipeline, bounds, rows, table }: EngineData): Promise<number> {
  const d = engine.dialect;
  const features = scaledFeatureSql(pipeline, d);
  const plain = features.map((f, t) => exactSumSql(d, f, bounds[t]!));
  const squared = features.map((f, t) => exactSumSql(d, `(${f}) * (${f})`, bounds[t]! ** 2));
  const items = features.flatMap((_, t) => [`${plain[t]!.sql} AS segmenta_s${t}`, `${squared[t]!.sql} AS segmenta_q${t}`]);
  const r = (await engine.query(`SELECT ${items.join(', ')} FROM ${engine.tableRef(table)}`))[0]!;
  let total = 0;
  features.forEach((_, t) => {
    const mean = readExactSum(r[`segmenta_s${t}`], plain[t]!.shift) / rows;
    total += Math.max(0, readExactSum(r[`segmenta_q${t}`], squared[t]!.shift) / rows - mean * mean);
  });
  return features.length ? total / features.length : 0;
}

function rowsOf(m: Matrix): Float64Array[] {
  return Array.from({ length: m.rows }, (_, j) => m.data.slice(j * m.cols, (j + 1) * m.cols));
}
