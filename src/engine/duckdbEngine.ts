import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DataError, EngineError } from '../util/errors.js';
import { DIALECTS } from './sqlDialect.js';
import { ENGINE_DIALECTS } from './engineDialect.js';
import { dottedTableRef, missingTableError, splitTableName, type EngineColumn, type EngineColumnKind, type SqlEngine } from './sqlEngine.js';

const NUMBER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*)$/;
const INTEGER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;
const DATE = /^(DATE|TIMESTAMP.*)$/;
/** A `--table` that names a file (DuckDB reads it in place) rather than a table. */
const FILE_LIKE = /[/\\*]|\.(csv|tsv|txt|parquet|json|ndjson|jsonl)(\.gz)?$/i;

/** DuckDB's buffer memory in the engine (it spills sorts and aggregates to disk beyond it); env SEGMENTA_DUCKDB_MEMORY. */
const MEMORY_LIMIT = '512MB';

/**
 * The DuckDB engine on a database file (or in memory, reading files named as tables). DuckDB runs inside this
 * process, so its buffers are bounded (MEMORY_LIMIT, spilling to disk beyond): the process stays the same
 * size whether the table has five or fifty million rows.
 */
export async function openDuckDb(path: string): Promise<SqlEngine> {
  const label = path === ':memory:' ? 'duckdb:' : `duckdb:${path}`;
  let instance: DuckDBInstance, conn: DuckDBConnection;
  try {
    instance = await DuckDBInstance.create(path, { threads: '2', memory_limit: process.env['SEGMENTA_DUCKDB_MEMORY'] ?? MEMORY_LIMIT });
    conn = await instance.connect();
  } catch (e) {
    throw new EngineError(`cannot open ${label}: ${firstLine(e)}`);
  }
  const fail = (e: unknown): never => {
    const msg = firstLine(e);
    if (/^(Catalog|Binder|Conversion|Invalid Input|IO) Error/.test(msg)) throw new DataError(`${label}: ${msg}`);
    if (/^Out of Range Error/.test(msg))
      throw new DataError(`${label}: ${msg} (a column holds values too large to compute with; divide it by a power of ten, e.g. in a view)`);
    if (/Permission|read-only/i.test(msg)) throw new EngineError(`${label}: ${msg}; check that the database file is writable (or leave out --write-table)`);
    throw new EngineError(`${label}: ${msg}`);
  };
  const engine: SqlEngine = {
    dialect: ENGINE_DIALECTS.duckdb,
    label,
    async query(sql) {
      try {
        return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Array<Record<string, unknown>>;
      } catch (e) {
        return fail(e);
      }
    },
    async execute(sql) {
      try {
        await conn.run(sql);
      } catch (e) {
        fail(e);
      }
    },
    async transaction(work) {
      await engine.execute('BEGIN TRANSACTION');
      try {
        const out = await work();
        await engine.execute('COMMIT');
        return out;
      } catch (e) {
        await conn.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
    },
    async stream(sql, onRows) {
      try {
        const result = await conn.stream(sql);
        for (;;) {
          const chunk = await result.fetchChunk();
          if (!chunk || chunk.rowCount === 0) break;
          onRows(chunk.getRows() as unknown[][]);
        }
      } catch (e) {
        fail(e);
      }
    },
    async columns(table) {
      const ref = engine.tableRef(table);
      let rows: Array<Record<string, unknown>>;
      try {
        rows = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${ref}`)).getRowObjectsJS() as Array<Record<string, unknown>>;
      } catch (e) {
        if (FILE_LIKE.test(table)) throw new DataError(`${label}: cannot read ${table}: ${firstLine(e)}`);
        const tables = (await engine.query(`SELECT table_schema || '.' || table_name AS t, table_name AS n FROM information_schema.tables ORDER BY 1`)).map(
          (r) => String(r['n']),
        );
        throw missingTableError(label, table, tables, 'it has no tables');
      }
      return rows.map((r) => {
        const type = String(r['column_type']);
        const kind: EngineColumnKind = NUMBER.test(type) ? 'number' : DATE.test(type) ? 'date' : /^(VARCHAR|BOOLEAN|ENUM.*)$/.test(type) ? 'string' : 'other';
        return { name: String(r['column_name']), kind, integer: INTEGER.test(type), sqlType: type } satisfies EngineColumn;
      });
    },
    tableRef(table) {
      return FILE_LIKE.test(table) ? DIALECTS.duckdb.literal(table) : dottedTableRef(table, DIALECTS.duckdb);
    },
    async interrupt() {
      conn.interrupt();
    },
    async qualifiedName(table) {
      // DuckDB compares identifiers without case, quoted or not; a file read in place is its own name.
      if (FILE_LIKE.test(table)) return { schema: '', name: table };
      const { schema, name } = splitTableName(table);
      const current = schema ?? String((await engine.query('SELECT current_schema() AS s'))[0]!['s']);
      return { schema: current.toLowerCase(), name: name.toLowerCase() };
    },
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
  return engine;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
}
