import type { Column, Table } from '../data/table.js';
import { seededOrderSql, textOrderSql } from './engineSql.js';
import type { EnginePreparation } from './fitPipelineInEngine.js';
import type { SqlEngine } from './sqlEngine.js';
import { numericValueSql, type ColumnStats } from './tableStats.js';

/**
 * What a sample is drawn by and of: the key (and how it sorts), the feature columns, and optionally other
 * columns pulled along to describe the segments (`context`: never used to draw or order the sample).
 */
export type SampleColumns = Pick<EnginePreparation, 'key' | 'keyKind' | 'features'> & { readonly context?: readonly ColumnStats[] };

/** A seeded sample of a database table as an in-memory table of its key and feature columns. */
export interface EngineSample {
  readonly table: Table;
  /** Each sampled row's key text ("" without a key column). */
  readonly keys: readonly string[];
}

/**
 * Pulls at most `size` rows of the key and feature columns out of the engine, in a fixed order. With more
 * rows than `size`, the `size` rows whose md5(seed:key) is smallest (without a key: md5 of the feature
 * values' text) — a seeded uniform sample, the same rows in every engine when the key reads the same. The
 * sample is then ordered by the key (without one: by the feature values), so the same data give the same
 * sample whatever the physical order.
 * O(size) memory; the engine does the choosing.
 */
export async function sampleFromEngine(engine: SqlEngine, table: string, prep: SampleColumns, rows: number, size: number, seed: number): Promise<EngineSample> {
  const d = engine.dialect;
  const keyColumn = prep.key.column;
  // Every alias is prefixed: ClickHouse reads a name as an alias of the same SELECT before a column (see featureName).
  const selects: string[] = [];
  const aliases: string[] = [];
  const select = (expr: string, alias: string): void => void (selects.push(`${expr} AS ${alias}`), aliases.push(alias));
  const orderBy: string[] = [];
  if (keyColumn !== null) select(`CAST(${d.ident(keyColumn)} AS ${d.text})`, 'segmenta_key');
  prep.features.forEach((s, j) => {
    const q = d.ident(s.column.name);
    select(s.column.kind === 'string' ? `CAST(${q} AS ${d.text})` : numericValueSql(engine, s.column), `segmenta_c${j}`);
    if (s.column.kind === 'date') select(`CAST(${q} AS ${d.text})`, `segmenta_t${j}`);
    orderBy.push(`${s.column.kind === 'string' ? d.byteOrder(`segmenta_c${j}`) : `segmenta_c${j}`} NULLS LAST`);
  });
  (prep.context ?? []).forEach((s, j) => {
    const q = d.ident(s.column.name);
    select(s.column.kind === 'string' ? `CAST(${q} AS ${d.text})` : numericValueSql(engine, s.column), `segmenta_x${j}`);
    if (s.column.kind === 'date') select(`CAST(${q} AS ${d.text})`, `segmenta_y${j}`);
  });
  const from = engine.tableRef(table);
  let source = `SELECT ${selects.join(', ')}, ${keyColumn !== null ? orderKey(engine, keyColumn, prep) : '0'} AS segmenta_order FROM ${from}`;
  if (rows > size) {
    const text = rowIdentitySql(engine, prep);
    // A seeded Bernoulli pre-filter on the hash keeps slightly more than `size` rows (4 standard deviations
    // to spare), so the exact top-`size` by hash sorts those few, not the whole table: bounded memory.
    const hash = seededOrderSql(d, seed, text);
    const share = Math.min(1, (size + 4 * Math.sqrt(size) + 16) / rows);
    const threshold = Math.min(0xffffffff, Math.ceil(share * 2 ** 32))
      .toString(16)
      .padStart(8, '0');
    const prefix = d.byteOrder(`substr(${hash}, 1, 8)`);
    source = `${source} WHERE ${share < 1 ? `${prefix} <= '${threshold}'` : 'TRUE'} ORDER BY ${d.byteOrder(hash)} LIMIT ${size}`;
  }
  const order = keyColumn !== null ? 'segmenta_order' : orderBy.join(', ');
  const width = selects.length;
  const cells: unknown[][] = Array.from({ length: width }, () => []);
  await engine.stream(`SELECT ${aliases.join(', ')} FROM (${source}) sampled ORDER BY ${order}`, (batch) => {
    for (const r of batch) for (let j = 0; j < width; j++) cells[j]!.push(r[j] ?? null);
  });
  let at = 0;
  const keys = keyColumn !== null ? cells[at++]!.map((v) => String(v)) : undefined;
  const n = cells[0]?.length ?? 0;
  const columns: Column[] = [...prep.features, ...(prep.context ?? [])].map((s) => {
    const raw = cells[at++]!;
    if (s.column.kind === 'string') return { name: s.column.name, kind: 'string', values: raw.map((v) => (v === null ? null : String(v))) };
    const values = Float64Array.from(raw, (v) => (v === null ? NaN : Number(v)));
    if (s.column.kind === 'date') {
      const text = cells[at++]!.map((v) => (v === null ? null : String(v)));
      return { name: s.column.name, kind: 'date', values, text };
    }
    return { name: s.column.name, kind: 'number', values, integer: s.column.integer };
  });
  return {
    table: { rowCount: n, columns, source: { path: engine.label, format: 'database', table, sampledRows: n } },
    keys: keys ?? Array.from({ length: n }, () => ''),
  };
}

/** The key as it sorts: numbers as numbers, text byte-wise. */
function orderKey(engine: SqlEngine, keyColumn: string, prep: SampleColumns): string {
  const q = engine.dialect.ident(keyColumn);
  return prep.keyKind === 'number' ? `CAST(${q} AS ${engine.dialect.double})` : textOrderSql(engine.dialect, q);
}

/** The text a row's seeded random numbers are drawn from: its key, or (without one) its feature values. */
export function rowIdentitySql(engine: SqlEngine, prep: SampleColumns): string {
  const d = engine.dialect;
  if (prep.key.column !== null) return `CAST(${d.ident(prep.key.column)} AS ${d.text})`;
  return prep.features.map((s) => `COALESCE(CAST(${d.ident(s.column.name)} AS ${d.text}), '')`).join(` || '|' || `);
}
