import type { ColumnProfile, TableProfile } from '../profile/profileTable.js';
import { SPEARMAN_SAMPLE } from '../profile/profileTable.js';
import { spearmanMatrix } from '../profile/correlation.js';
import { quantilesOfCountSql } from './engineSql.js';
import { keyInEngine, keyKindOf } from './fitPipelineInEngine.js';
import { exactQuantiles, oneColumnAtATime, quartileItems } from './scalingInEngine.js';
import { skewnessInEngine } from './scalingInEngine.js';
import { sampleFromEngine } from './sampleFromEngine.js';
import { toNumber, type SqlEngine } from './sqlEngine.js';
import { numericValueSql, tableStats, type ColumnStats } from './tableStats.js';

/**
 * The profile of a database table (the same document as `profileTable` gives for a file), computed in its
 * engine: counts, exact distinct counts, min/max/mean/std, quartiles (DuckDB's approximate quantiles above 5M
 * rows), adjusted skewness, the five most frequent values of text columns, first and last dates, and Pearson
 * correlations by SQL `corr`; Spearman correlations on a seeded sample of 200,000 rows pulled out (the only
 * rows that leave the engine). A few scans of the table.
 */
export async function profileInEngine(engine: SqlEngine, table: string, seed = 0): Promise<TableProfile> {
  const d = engine.dialect;
  const from = engine.tableRef(table);
  const described = await engine.columns(table);
  const stats = await tableStats(engine, table, described, { allDistinct: true });
  const rows = stats.rows;
  const usable = stats.columns.filter((s) => s.column.kind !== 'other');
  const numbers = usable.filter((s) => s.column.kind === 'number');
  const values = numbers.map((s) => numericValueSql(engine, s.column));
  const first = (
    await engine.query(
      `SELECT ${[
        'COUNT(*) AS segmenta_n',
        ...numbers.map((_, j) => `AVG(${values[j]}) AS segmenta_mean${j}, STDDEV_SAMP(${values[j]}) AS segmenta_std${j}`),
        ...usable
          .map((s, j) =>
            s.column.kind === 'date'
              ? `CAST(MIN(${d.ident(s.column.name)}) AS ${d.text}) AS segmenta_first${j}, CAST(MAX(${d.ident(s.column.name)}) AS ${d.text}) AS segmenta_last${j}`
              : '',
          )
          .filter(Boolean),
      ].join(', ')} FROM ${from}`,
    )
  )[0]!;
  const exact = exactQuantiles(d, rows);
  const quantiles = quantilesOfCountSql(d, exact);
  const quartiles = await oneColumnAtATime(
    engine,
    from,
    values.map((v, j) => quartileItems(quantiles, v, numbers[j]!.present, j)),
    !exact,
  );
  const skew = await skewnessInEngine(
    engine,
    from,
    values,
    numbers.map((s) => s.present),
  );
  const columns: ColumnProfile[] = [];
  for (const [j, s] of usable.entries()) {
    const base = { name: s.column.name, count: s.present, missing: rows - s.present, distinct: s.distinct! };
    if (s.column.kind === 'string') columns.push({ ...base, type: 'category', top: await topValues(engine, from, s) });
    else if (s.column.kind === 'date')
      columns.push({ ...base, type: 'date', first: String(first[`segmenta_first${j}`]), last: String(first[`segmenta_last${j}`]) });
    else {
      const t = numbers.indexOf(s);
      const figures =
        s.present > 0
          ? {
              min: s.min!,
              max: s.max!,
              mean: toNumber(first[`segmenta_mean${t}`]),
              std: toNumber(first[`segmenta_std${t}`]),
              q1: toNumber(quartiles[`segmenta_a${t}`]),
              median: toNumber(quartiles[`segmenta_m${t}`]),
              q3: toNumber(quartiles[`segmenta_b${t}`]),
              skewness: skew[t]!,
            }
          : {};
      columns.push({ ...base, type: s.column.integer ? 'integer' : 'number', ...figures });
    }
  }
  const pairs = numbers.flatMap((_, a) => numbers.map((__, b) => [a, b] as const).filter(([x, y]) => x < y));
  const corr = pairs.length
    ? (await engine.query(`SELECT ${pairs.map(([a, b]) => `corr(${values[a]}, ${values[b]}) AS segmenta_r${a}_${b}`).join(', ')} FROM ${from}`))[0]!
    : {};
  const pearson = numbers.map((_, a) => numbers.map((__, b) => (a === b ? 1 : toNumber(corr[`segmenta_r${Math.min(a, b)}_${Math.max(a, b)}`]))));
  const key = keyInEngine(stats, `${engine.label} table ${table}`);
  const sample = await sampleFromEngine(engine, table, { key, keyKind: keyKindOf(stats, key), features: numbers }, rows, SPEARMAN_SAMPLE, seed);
  const vectors = sample.table.columns.map((c) => c.values as Float64Array);
  return {
    rows,
    columns,
    correlations: { columns: numbers.map((s) => s.column.name), pearson, spearman: spearmanMatrix(vectors), spearmanRows: sample.table.rowCount },
  };
}

/** The five most frequent values of a text column (ties by text, byte-wise). */
async function topValues(engine: SqlEngine, from: string, s: ColumnStats): Promise<Array<{ value: string; count: number }>> {
  const d = engine.dialect;
  const q = d.ident(s.column.name);
  const rows = await engine.query(
    // Grouped by the alias: ClickHouse 18 reads GROUP BY 1 as a constant; it orders text by bytes already.
    `SELECT CAST(${q} AS ${d.text}) AS segmenta_v, COUNT(*) AS segmenta_n FROM ${from} WHERE ${q} IS NOT NULL GROUP BY segmenta_v ORDER BY segmenta_n DESC, ${d.orderByText('segmenta_v', q)} LIMIT 5`,
  );
  return rows.map((r) => ({ value: String(r['segmenta_v']), count: toNumber(r['segmenta_n']) }));
}
