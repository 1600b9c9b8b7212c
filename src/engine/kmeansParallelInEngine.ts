import { kmeans } from '../cluster/kmeans.js';
import { DataError } from '../util/errors.js';
import type { Matrix } from '../util/matrix.js';
import { seededOrderSql, seededUniformSql } from './engineSql.js';
import type { EngineData } from './lloydInEngine.js';
import { featureName, scaledFeatureSql, sqlNumber, squaredDistanceSql } from './sqlDialect.js';
import { toNumber } from './sqlEngine.js';

/** Options of k-means|| seeding. */
export interface KMeansParallelOptions {
  readonly k: number;
  readonly seed: number;
  /** Rounds of oversampling (Bahmani et al. find 5 enough). */
  readonly rounds?: number;
  /** Expected candidates per round, as a multiple of k (ℓ = oversampling · k). */
  readonly oversampling?: number;
  /** SQL giving each row's identity text for its seeded random numbers (the key, or the feature values). */
  readonly rowText: string;
}

/**
 * k-means|| seeding ("scalable k-means++", Bahmani et al. 2012) run in the engine for tables too large to
 * sample well: one seeded row to start, then `rounds` passes that each keep every row independently with
 * probability ℓ·D²(x)/φ (D² its squared distance to the nearest candidate, φ their sum, ℓ = oversampling·k,
 * the random number a seeded md5 of the row), then one pass weighting each candidate by the rows nearest to
 * it; the ~ℓ·rounds weighted candidates are reduced to k centres in memory by weighted k-means++ and
 * k-means. 2·rounds + 2 scans; only candidates travel. Deterministic for a seed.
 */
export async function kmeansParallelInEngine(data: EngineData, o: KMeansParallelOptions): Promise<Matrix> {
  const { engine, pipeline } = data;
  const d = engine.dialect;
  const rounds = o.rounds ?? 5,
    ell = (o.oversampling ?? 2) * o.k;
  const features = scaledFeatureSql(pipeline, d);
  const dims = features.length;
  const scaled = `SELECT ${o.rowText} AS segmenta_row, ${features.map((f, t) => `${f} AS ${featureName(t)}`).join(', ')} FROM ${engine.tableRef(data.table)}${d.fence}`;
  const fs = Array.from({ length: dims }, (_, t) => featureName(t)).join(', ');
  const read = (rows: Array<Record<string, unknown>>): number[][] => rows.map((r) => Array.from({ length: dims }, (_, t) => toNumber(r[featureName(t)])));
  // The rows with their squared distance to each candidate as e0, e1…: from differences named once in a
  // subquery where the dialect prefers it (the same bits), else written inline.
  const withDistances = (candidates: number[][]): string => {
    const rows = `(${scaled}) s${d.fence}`;
    if (!d.namedDifferences) return `SELECT segmenta_row, ${fs}, ${candidates.map((c, j) => `${squaredDistanceSql(c)} AS e${j}`).join(', ')} FROM ${rows}`;
    const x = (j: number, t: number): string => `segmenta_x${j}_${t}`;
    const diffs = candidates.flatMap((c, j) => Array.from(c, (v, t) => `${featureName(t)} - (${sqlNumber(v)}) AS ${x(j, t)}`));
    const ds = candidates.map((c, j) => `${Array.from(c, (_, t) => `${x(j, t)} * ${x(j, t)}`).join(' + ')} AS e${j}`);
    return `SELECT segmenta_row, ${fs}, ${ds.join(', ')} FROM (SELECT segmenta_row, ${fs}, ${diffs.join(', ')} FROM ${rows}) x${d.fence}`;
  };
  // Rows with their squared distance to the nearest candidate (dmin) and, with `which`, that candidate's number.
  const withNearest = (candidates: number[][], which = false): string => {
    const es = candidates.map((_, j) => `e${j}`);
    const withMin = `SELECT segmenta_row, ${fs}${which ? `, ${es.join(', ')}` : ''}, ${d.least(es)} AS dmin FROM (${withDistances(candidates)}) e${d.fence}`;
    if (!which) return withMin;
    return `SELECT segmenta_row, dmin, CASE ${es.map((e, j) => `WHEN ${e} = dmin THEN ${j}`).join(' ')} END AS nearest FROM (${withMin}) m${d.fence}`;
  };
  let candidates = read(await engine.query(`SELECT ${fs} FROM (${scaled}) s ORDER BY ${seededOrderSql(d, `${o.seed}:start`, 'segmenta_row')} LIMIT 1`));
  for (let r = 1; r <= rounds; r++) {
    const rows = withNearest(candidates);
    const [total] = await engine.query(`SELECT SUM(dmin) AS phi FROM (${rows}) n`);
    const phi = toNumber(total?.['phi']);
    if (!(phi > 0)) break;
    const u = seededUniformSql(d, `${o.seed}:${r}`, 'segmenta_row');
    const picked = await engine.query(
      `SELECT ${fs} FROM (${rows}) n WHERE ${u} * ${sqlNumber(phi)} < ${sqlNumber(ell)} * dmin ORDER BY ${seededOrderSql(d, `${o.seed}:${r}`, 'segmenta_row')}`,
    );
    candidates = candidates.concat(read(picked));
  }
  const weights = new Float64Array(candidates.length);
  for (const r of await engine.query(`SELECT nearest, COUNT(*) AS n FROM (${withNearest(candidates, true)}) n GROUP BY nearest`)) {
    weights[toNumber(r['nearest'])] = toNumber(r['n']);
  }
  const x: Matrix = { rows: candidates.length, cols: dims, data: Float64Array.from(candidates.flat()) };
  if (x.rows < o.k) throw new DataError(`k-means|| found only ${x.rows} distinct candidate centres for k = ${o.k}; use a smaller --k or --init sample`);
  if (x.rows === o.k) return x;
  return kmeans(x, { k: o.k, weights, seed: o.seed, nInit: 10 }).centers;
}
