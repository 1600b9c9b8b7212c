import { nameTokens } from '../data/detectKey.js';
import type { EngineColumn, SqlEngine } from './sqlEngine.js';
import { toNumber } from './sqlEngine.js';

/** What one aggregate scan tells of a column. */
export interface ColumnStats {
  readonly column: EngineColumn;
  /** Non-null cells. */
  readonly present: number;
  /** Distinct non-null values (text columns, identifier-named and integer columns only; else undefined). */
  readonly distinct?: number;
  /** Smallest and largest value (numbers; dates as days since 1970-01-01). */
  readonly min?: number;
  readonly max?: number;
}

/** A table's row count and per-column statistics. */
export interface TableStats {
  readonly rows: number;
  readonly columns: readonly ColumnStats[];
}

/** The value of a number or date column as a DOUBLE expression (dates as days since 1970-01-01). */
export function numericValueSql(engine: SqlEngine, c: EngineColumn): string {
  const q = engine.dialect.ident(c.name);
  return c.kind === 'date' ? engine.dialect.epochDays(q) : `CAST(${q} AS ${engine.dialect.double})`;
}

/**
 * Row count, and per column: non-null count, min and max of numbers and dates, and an exact distinct count of
 * the columns that may be a key or a category (of every column with `allDistinct`, as a profile needs). One scan of the table in the engine; only the figures travel.
 */
export async function tableStats(
  engine: SqlEngine,
  table: string,
  columns: readonly EngineColumn[],
  options: { allDistinct?: boolean } = {},
): Promise<TableStats> {
  // Aliases carry segmenta_: ClickHouse reads a name as an alias before a column (see featureName).
  const items = ['COUNT(*) AS segmenta_n'];
  const wantsDistinct = (c: EngineColumn): boolean =>
    options.allDistinct === true ||
    c.kind === 'string' ||
    (c.kind === 'number' && c.integer) ||
    nameTokens(c.name).some((t) => t === 'id' || t === 'key' || t === 'uuid');
  columns.forEach((c, j) => {
    const q = engine.dialect.ident(c.name);
    items.push(`COUNT(${q}) AS segmenta_p${j}`);
    if (c.kind === 'number' || c.kind === 'date')
      items.push(`MIN(${numericValueSql(engine, c)}) AS segmenta_lo${j}`, `MAX(${numericValueSql(engine, c)}) AS segmenta_hi${j}`);
    if (wantsDistinct(c)) items.push(`COUNT(DISTINCT ${q}) AS segmenta_u${j}`);
  });
  const [row] = await engine.query(`SELECT ${items.join(', ')} FROM ${engine.tableRef(table)}`);
  const r = row ?? {};
  return {
    rows: toNumber(r['segmenta_n']),
    columns: columns.map((column, j) => ({
      column,
      present: toNumber(r[`segmenta_p${j}`]),
      ...(r[`segmenta_u${j}`] !== undefined ? { distinct: toNumber(r[`segmenta_u${j}`]) } : {}),
      ...(r[`segmenta_lo${j}`] !== undefined ? { min: toNumber(r[`segmenta_lo${j}`]), max: toNumber(r[`segmenta_hi${j}`]) } : {}),
    })),
  };
}
