import type { SegmentaModel } from '../model/model.js';
import type { CategoryStep, NumericStep } from '../preprocess/pipeline.js';
import { UsageError } from '../util/errors.js';

/** SQL dialects the scoring query can be written in. */
export type SqlDialect = 'duckdb' | 'postgres' | 'clickhouse' | 'trino' | 'bigquery';
export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'postgres', 'clickhouse', 'trino', 'bigquery'];

interface Dialect {
  ident(name: string): string;
  double: string;
  text: string;
  /** Days since 1970-01-01 of a date/timestamp expression. */
  epochDays(expr: string): string;
}

const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: { ident: (n) => `"${n.replaceAll('"', '""')}"`, double: 'DOUBLE', text: 'VARCHAR', epochDays: (e) => `(epoch(${e}) / 86400.0)` },
  postgres: { ident: (n) => `"${n.replaceAll('"', '""')}"`, double: 'DOUBLE PRECISION', text: 'TEXT', epochDays: (e) => `(EXTRACT(EPOCH FROM ${e}) / 86400.0)` },
  clickhouse: { ident: (n) => `\`${n.replaceAll('`', '\\`')}\``, double: 'Float64', text: 'String', epochDays: (e) => `(toUnixTimestamp(${e}) / 86400.0)` },
  trino: { ident: (n) => `"${n.replaceAll('"', '""')}"`, double: 'DOUBLE', text: 'VARCHAR', epochDays: (e) => `(to_unixtime(CAST(${e} AS TIMESTAMP)) / 86400.0)` },
  bigquery: { ident: (n) => `\`${n.replaceAll('`', '\\`')}\``, double: 'FLOAT64', text: 'STRING', epochDays: (e) => `(UNIX_SECONDS(TIMESTAMP(${e})) / 86400.0)` },
};

/** A number as an SQL literal that reads back as the same double (17 significant digits). */
function num(v: number): string {
  if (!Number.isFinite(v)) throw new UsageError(`the model holds a non-finite number (${v}); it cannot be written as SQL`);
  const s = String(v);
  return /[eE]/.test(s) ? v.toPrecision(17) : s;
}

function str(v: string): string {
  return `'${v.replaceAll("'", "''")}'`;
}

/**
 * The scoring query of a k-means or hierarchical model in a SQL dialect: it replays the model's
 * preprocessing (imputation, log1p, one-hot, scaling) on `table`, computes the squared distance to every
 * segment centre, takes the nearest (ties to the lower segment number, as `predict`), and returns the key,
 * `segment`, `segment_name` and `distance`. Users schedule it themselves in their warehouse. O(size of model).
 */
export function scoringSql(model: SegmentaModel, dialectName: SqlDialect, table: string): string {
  const dialect = DIALECTS[dialectName];
  if (!dialect) throw new UsageError(`invalid --dialect: ${String(dialectName)} (expected ${SQL_DIALECTS.join(', ')})`);
  if (model.method !== 'kmeans' && model.method !== 'hierarchical') {
    throw new UsageError(`export-sql writes nearest-centre scoring for kmeans and hierarchical models; this model is ${model.method}`);
  }
  const features: string[] = [];
  for (const step of model.pipeline.steps) features.push(...featureExpressions(step, dialect));
  const k = model.centroids.length;
  const key = model.key === null ? null : dialect.ident(model.key);
  const scaled = features.map((f, t) => `    ${f} AS f${t}`).join(',\n');
  const distances = model.centroids
    .map((c, j) => `    ${c.map((v, t) => `(f${t} - (${num(v)})) * (f${t} - (${num(v)}))`).join(' + ')} AS d${j + 1}`)
    .join(',\n');
  const nearest = Array.from({ length: k }, (_, j) => {
    const others = Array.from({ length: k }, (_, o) => o).filter((o) => o !== j);
    const cond = others.map((o) => (o < j ? `d${j + 1} < d${o + 1}` : `d${j + 1} <= d${o + 1}`)).join(' AND ');
    return `    WHEN ${cond || 'TRUE'} THEN ${j + 1}`;
  }).join('\n');
  const names = model.segments.map((s) => `    WHEN ${s.id} THEN ${str(s.name)}`).join('\n');
  const distanceOf = Array.from({ length: k }, (_, j) => `WHEN ${j + 1} THEN d${j + 1}`).join(' ');
  return `-- Segmenta ${model.segmentaVersion} scoring query (${dialectName}): ${k} segments, ${model.method}, seed ${model.seed}
WITH scaled AS (
  SELECT ${key ? `${key} AS segmenta_key` : 'NULL AS segmenta_key'},
${scaled}
  FROM ${table}
), distances AS (
  SELECT segmenta_key,
${distances}
  FROM scaled
), nearest AS (
  SELECT segmenta_key, d1${Array.from({ length: k - 1 }, (_, j) => `, d${j + 2}`).join('')}, CASE
${nearest}
  END AS segment
  FROM distances
)
SELECT segmenta_key AS ${key ?? dialect.ident('key')}, segment, CASE segment
${names}
  END AS segment_name, SQRT(CASE segment ${distanceOf} END) AS distance
FROM nearest;
`;
}

function featureExpressions(step: NumericStep | CategoryStep, d: Dialect): string[] {
  const col = d.ident(step.column);
  if (step.kind === 'number') {
    const raw = step.source === 'date' ? d.epochDays(col) : `CAST(${col} AS ${d.double})`;
    let v = `COALESCE(${raw}, ${num(step.fill)})`;
    if (step.log) v = `LN(1 + GREATEST(${v}, 0))`;
    return [`((${v}) - (${num(step.center)})) / (${num(step.scale)})`];
  }
  const value = `COALESCE(CAST(${col} AS ${d.text}), ${str(step.fill)})`;
  const indicators = step.levels.map((l) => `CASE WHEN ${value} = ${str(l)} THEN 1 ELSE 0 END`);
  if (step.other) indicators.push(`CASE WHEN ${value} IN (${step.levels.map(str).join(', ')}) THEN 0 ELSE 1 END`);
  return indicators.map((ind, w) => `((${ind}) - (${num(step.centers[w]!)})) / (${num(step.scales[w]!)})`);
}
