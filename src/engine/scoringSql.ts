import type { SegmentaModel } from '../model/model.js';
import type { Pipeline } from '../preprocess/pipeline.js';
import { UsageError } from '../util/errors.js';
import { caseOn, dialectOf, featureName, nearestCentreSql, scaledFeatureSql, type Dialect, type SqlDialect } from './sqlDialect.js';

export { SQL_DIALECTS, type SqlDialect } from './sqlDialect.js';

/**
 * The common part of scoring and of a Lloyd iteration in SQL: `scaled` (the preprocessed features f0..),
 * `distances` (squared distances d1..dk to the centres) and `nearest` (1-based `segment`, ties to the lower
 * number). `nearest` keeps `segmenta_key`, d1..dk and, with `carryFeatures`, f0.. as well. Written as CTEs
 * (`prefix` "WITH …", `from` "nearest"), or as nested subqueries where the dialect has no CTEs (ClickHouse
 * 18: `prefix` empty, `from` the nested query). Use as `${prefix}SELECT … FROM ${from} …`. O(size of model).
 */
export function nearestSql(
  pipeline: Pipeline,
  centres: ReadonlyArray<ArrayLike<number>>,
  d: Dialect,
  from: string,
  keyExpr: string | null,
  carryFeatures = false,
): { prefix: string; from: string } {
  const features = scaledFeatureSql(pipeline, d);
  const { distances, nearest } = nearestCentreSql(centres, d);
  const carried = carryFeatures ? features.map((_, t) => `${featureName(t)}, `).join('') : '';
  const carriedLine = carryFeatures ? ` ${carried.trimEnd()}` : '';
  const ds = distances.map((_, j) => `d${j + 1}`).join(', ');
  const scaled = `SELECT ${keyExpr ? `${keyExpr} AS segmenta_key` : 'NULL AS segmenta_key'},
${features.map((f, t) => `    ${f} AS ${featureName(t)}`).join(',\n')}
  FROM ${from}${d.fence}`;
  const distancesFrom = (source: string): string => `SELECT segmenta_key,${carriedLine}
${distances.map((x) => `    ${x}`).join(',\n')}
  FROM ${source}${d.fence}`;
  const nearestFrom = (source: string): string => `SELECT segmenta_key, ${carried}${ds}, ${nearest} AS segment
  FROM ${source}${d.fence}`;
  if (!d.ctes) return { prefix: '', from: `(\n${nearestFrom(`(\n${distancesFrom(`(\n${scaled}\n) AS scaled`)}\n) AS distances`)}\n) AS nearest` };
  return {
    prefix: `WITH scaled AS (
  ${scaled}
), distances AS (
  ${distancesFrom('scaled')}
), nearest AS (
  ${nearestFrom('distances')}
)
`,
    from: 'nearest',
  };
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
    throw new UsageError(
      `export-sql writes nearest-centre scoring for kmeans and hierarchical models; this model is ${model.method} (export-sql --rules writes its segments' rules)`,
    );
  }
  const k = model.centroids.length;
  const key = model.key === null ? null : dialect.ident(model.key);
  const { own } = nearestCentreSql(model.centroids, dialect);
  const on = caseOn(dialect, 'segment');
  const names = model.segments.map((s, j) => `    WHEN ${on.when(String(j + 1))} THEN ${dialect.literal(s.name)}`).join('\n');
  // Segment numbers kept from a baseline need not run 1..k: the nearest position is mapped to its number.
  const numbered = model.segments.every((s, j) => s.id === j + 1);
  const segment = numbered ? 'segment' : `${on.head} ${model.segments.map((s, j) => `WHEN ${on.when(String(j + 1))} THEN ${s.id}`).join(' ')} END AS segment`;
  const n = nearestSql(model.pipeline, model.centroids, dialect, table, key);
  // The comment holds only words and numbers of our own: never a value read from the model file.
  return `-- Segmenta scoring query (${dialectName}): ${k} segments, ${model.method === 'kmeans' ? 'k-means' : 'hierarchical'}
${n.prefix}SELECT segmenta_key AS ${key ?? dialect.ident('key')}, ${segment}, ${on.head}
${names}
  END AS segment_name, SQRT(${own}) AS distance
FROM ${n.from};
`;
}
