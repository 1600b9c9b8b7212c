import type { SegmentaModel } from '../model/model.js';
import type { Pipeline } from '../preprocess/pipeline.js';
import { UsageError } from '../util/errors.js';
import { dialectOf, nearestCentreSql, scaledFeatureSql, type Dialect, type SqlDialect } from './sqlDialect.js';

export { SQL_DIALECTS, type SqlDialect } from './sqlDialect.js';

/**
 * The common part of scoring and of a Lloyd iteration in SQL: CTEs `scaled` (the preprocessed features f0..),
 * `distances` (squared distances d1..dk to the centres) and `nearest` (1-based `segment`, ties to the lower
 * number). `nearest` keeps `segmenta_key`, d1..dk and, with `carryFeatures`, f0.. as well. O(size of model).
 */
export function nearestCtes(
  pipeline: Pipeline,
  centres: ReadonlyArray<ArrayLike<number>>,
  d: Dialect,
  from: string,
  keyExpr: string | null,
  carryFeatures = false,
): string {
  const features = scaledFeatureSql(pipeline, d);
  const { distances, nearest } = nearestCentreSql(centres);
  const carried = carryFeatures ? features.map((_, t) => `f${t}, `).join('') : '';
  const carriedLine = carryFeatures ? ` ${carried.trimEnd()}` : '';
  const ds = distances.map((_, j) => `d${j + 1}`).join(', ');
  return `WITH scaled AS (
  SELECT ${keyExpr ? `${keyExpr} AS segmenta_key` : 'NULL AS segmenta_key'},
${features.map((f, t) => `    ${f} AS f${t}`).join(',\n')}
  FROM ${from}${d.fence}
), distances AS (
  SELECT segmenta_key,${carriedLine}
${distances.map((x) => `    ${x}`).join(',\n')}
  FROM scaled${d.fence}
), nearest AS (
  SELECT segmenta_key, ${carried}${ds}, ${nearest} AS segment
  FROM distances${d.fence}
)`;
}

/**
 * The scoring query of a k-means or hierarchical model in a SQL dialect: it replays the model's
 * preprocessing (imputation, log1p, one-hot, scaling) on `table`, computes the squared distance to every
 * segment centre, takes the nearest (ties to the lower segment number, as `predict`), and returns the key,
 * `segment`, `segment_name` and `distance`. Users schedule it themselves in their warehouse. O(size of model).
 */
export function scoringSql(model: SegmentaModel, dialectName: SqlDialect, table: string): string {
  const dialect = dialectOf(dialectName);
  if (model.method !== 'kmeans' && model.method !== 'hierarchical') {
    throw new UsageError(`export-sql writes nearest-centre scoring for kmeans and hierarchical models; this model is ${model.method}`);
  }
  const k = model.centroids.length;
  const key = model.key === null ? null : dialect.ident(model.key);
  const { own } = nearestCentreSql(model.centroids);
  const names = model.segments.map((s, j) => `    WHEN ${j + 1} THEN ${dialect.literal(s.name)}`).join('\n');
  // Segment numbers kept from a baseline need not run 1..k: the nearest position is mapped to its number.
  const numbered = model.segments.every((s, j) => s.id === j + 1);
  const segment = numbered ? 'segment' : `CASE segment ${model.segments.map((s, j) => `WHEN ${j + 1} THEN ${s.id}`).join(' ')} END AS segment`;
  // The comment holds only words and numbers of our own: never a value read from the model file.
  return `-- Segmenta scoring query (${dialectName}): ${k} segments, ${model.method === 'kmeans' ? 'k-means' : 'hierarchical'}
${nearestCtes(model.pipeline, model.centroids, dialect, table, key)}
SELECT segmenta_key AS ${key ?? dialect.ident('key')}, ${segment}, CASE segment
${names}
  END AS segment_name, SQRT(${own}) AS distance
FROM nearest;
`;
}
