import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DataError, EngineError } from '../util/errors.js';
import { duckdb } from '../data/duckdb.js';
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
  try {
    const instance = await duckdb.DuckDBInstance.create(path, {
      threads: '2',
      memory_limit: process.env['SEGMENTA_DUCKDB_MEMORY'] ?? MEMORY_LIMIT,
    });
    return new DuckDbEngine(label, instance, await instance.connect());
  } catch (e) {
    throw new EngineError(`cannot open ${label}: ${firstLine(e)}`);
  }
}

/** An open DuckDB database: one connection, its errors worded as DataError (the data) or EngineError (the engine). */
class DuckDbEngine implements SqlEngine {
  readonly dialect = ENGINE_DIALECTS.duckdb;

  constructor(
    readonly label: string,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  private fail(e: unknown): never {
    const { label } = this;
    const msg = firstLine(e);
    if (/^(Catalog|Binder|Conversion|Invalid Input|IO) Error/.test(msg)) throw new DataError(`${label}: ${msg}`);
    if (/^Out of Range Error/.test(msg))
      throw new DataError(`${label}: ${msg} (a column holds values too large to compute with; divide it by a power of ten, e.g. in a view)`);
    if (/Permission|read-only/i.test(msg)) throw new EngineError(`${label}: ${msg}; check that the database file is writable (or leave out --write-table)`);
    throw new EngineError(`${label}: ${msg}`);
  }

  async query(sql: string): Promise<Array<Record<string, unknown>>> {
    try {
      return (await this.conn.runAndReadAll(sql)).getRowObjectsJS() as Array<Record<string, unknown>>;
    } catch (e) {
      return this.fail(e);
    }
  }

  async execute(sql: string): Promise<void> {
    try {
      await this.conn.run(sql);
    } catch (e) {
      this.fail(e);
    }
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.execute('BEGIN TRANSACTION');
    try {
      const out = await work();
      await this.execute('COMMIT');
      return out;
    } catch (e) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  async stream(sql: string, onRows: (rows: unknown[][]) => void): Promise<void> {
    try {
      const result = await this.conn.stream(sql);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        onRows(chunk.getRows() as unknown[][]);
      }
    } catch (e) {
      this.fail(e);
    }
  }

  async columns(table: string): Promise<EngineColumn[]> {
    const ref = this.tableRef(table);
    let rows: Array<Record<string, unknown>>;
    try {
      rows = (await this.conn.runAndReadAll(`DESCRIBE SELECT * FROM ${ref}`)).getRowObjectsJS() as Array<Record<string, unknown>>;
    } catch (e) {
      if (FILE_LIKE.test(table)) throw new DataError(`${this.label}: cannot read ${table}: ${firstLine(e)}`);
      const tables = (await this.query(`SELECT table_schema || '.' || table_name AS t, table_name AS n FROM information_schema.tables ORDER BY 1`)).map((r) =>
        String(r['n']),
      );
      throw missingTableError(this.label, table, tables, 'it has no tables');
    }
    return rows.map((r) => {
      const type = String(r['column_type']);
      const kind: EngineColumnKind = NUMBER.test(type) ? 'number' : DATE.test(type) ? 'date' : /^(VARCHAR|BOOLEAN|ENUM.*)$/.test(type) ? 'string' : 'other';
      return { name: String(r['column_name']), kind, integer: INTEGER.test(type), sqlType: type } satisfies EngineColumn;
    });
  }

  tableRef(table: string): string {
    return FILE_LIKE.test(table) ? DIALECTS.duckdb.literal(table) : dottedTableRef(table, DIALECTS.duckdb);
  }

  async interrupt(): Promise<void> {
    this.conn.interrupt();
  }

  async qualifiedName(table: string): Promise<{ schema: string; name: string }> {
    // DuckDB compares identifiers without case, quoted or not; a file read in place is its own name.
    if (FILE_LIKE.test(table)) return { schema: '', name: table };
    const { schema, name } = splitTableName(table);
    const current = schema ?? String((await this.query('SELECT current_schema() AS s'))[0]!['s']);
    return { schema: current.toLowerCase(), name: name.toLowerCase() };
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
}
