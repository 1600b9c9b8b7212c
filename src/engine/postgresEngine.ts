import pg from 'pg';
import { DataError, EngineError, UsageError } from '../util/errors.js';
import { DIALECTS } from './sqlDialect.js';
import { ENGINE_DIALECTS } from './engineDialect.js';
import {
  dottedTableRef,
  missingTableError,
  redact,
  splitTableName,
  type EngineColumn,
  type EngineColumnKind,
  type QualifiedName,
  type SqlEngine,
} from './sqlEngine.js';

/** PostgreSQL type OIDs Segmenta reads (pg_type.oid). */
const INTEGER_OIDS = new Set([20, 21, 23]);
const NUMBER_OIDS = new Set([20, 21, 23, 700, 701, 1700]);
const DATE_OIDS = new Set([1082, 1114, 1184]);
const STRING_OIDS = new Set([16, 25, 1042, 1043]);
const TYPE_NAMES: Record<number, string> = {
  16: 'boolean',
  20: 'bigint',
  21: 'smallint',
  23: 'integer',
  25: 'text',
  700: 'real',
  701: 'double precision',
  1042: 'char',
  1043: 'varchar',
  1082: 'date',
  1114: 'timestamp',
  1184: 'timestamptz',
  1700: 'numeric',
};

/** Rows fetched per round trip when streaming a result through a cursor. */
const FETCH_ROWS = 10_000;

/**
 * The PostgreSQL engine over one client connection (`pg`). Errors become one line: connection and login
 * problems and missing privileges an EngineError (exit 4), missing tables or columns a DataError (exit 3).
 */
export async function openPostgres(spec: string): Promise<SqlEngine> {
  const label = redact(spec);
  checkUrl(spec, label);
  const client = new pg.Client({ connectionString: spec, connectionTimeoutMillis: 15_000, application_name: 'segmenta' });
  client.on('error', () => undefined); // a dropped connection surfaces as the next query's error
  try {
    await client.connect();
  } catch (e) {
    throw connectionError(e, label);
  }
  // Deterministic text comparison and full-precision floats whatever the server's settings.
  await client.query(`SET extra_float_digits = 3; SET TIME ZONE 'UTC'`);
  const pid = Number((await client.query('SELECT pg_backend_pid() AS pid')).rows[0]!['pid']);
  const fail = (e: unknown): never => {
    const err = e as { code?: string; message?: string };
    const msg = (err.message ?? String(e)).split('\n')[0]!;
    if (err.code === '42501') throw new EngineError(`${label}: ${msg}; ask for SELECT on the table (and CREATE on its schema for --write-table)`);
    if (err.code?.startsWith('42') || err.code?.startsWith('22')) throw new DataError(`${label}: ${msg}`);
    if (err.code === undefined || err.code.startsWith('08') || err.code.startsWith('57')) throw connectionError(e, label);
    throw new EngineError(`${label}: ${msg}`);
  };
  const run = async (sql: string, arrays = false): Promise<pg.QueryResult> => {
    try {
      return arrays ? await client.query({ text: sql, rowMode: 'array' } as pg.QueryArrayConfig) : await client.query(sql);
    } catch (e) {
      return fail(e);
    }
  };
  const engine: SqlEngine = {
    dialect: ENGINE_DIALECTS.postgres,
    label,
    async query(sql) {
      return (await run(sql)).rows as Array<Record<string, unknown>>;
    },
    async execute(sql) {
      await run(sql);
    },
    async transaction(work) {
      await run('BEGIN');
      try {
        const out = await work();
        await run('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    },
    async stream(sql, onRows) {
      // A server-side cursor: one batch of rows in memory at a time.
      await engine.transaction(async () => {
        await run(`DECLARE segmenta_cursor NO SCROLL CURSOR FOR ${sql.replace(/;\s*$/, '')}`);
        for (;;) {
          const r = await run(`FETCH ${FETCH_ROWS} FROM segmenta_cursor`, true);
          if (r.rows.length === 0) break;
          onRows(r.rows as unknown[][]);
        }
        await run('CLOSE segmenta_cursor');
      });
    },
    columns: (table) => columnsOf(client, engine, table, fail),
    tableRef(table) {
      return dottedTableRef(table, DIALECTS.postgres);
    },
    interrupt: () => cancelBackend(spec, pid),
    qualifiedName: (table) => qualifiedNameOf(engine, table),
    async close() {
      await client.end().catch(() => undefined);
    },
  };
  return engine;
}

/** A table's columns and their kinds from the types of an empty SELECT; a missing table names the ones there are. */
async function columnsOf(client: pg.Client, engine: SqlEngine, table: string, fail: (e: unknown) => never): Promise<EngineColumn[]> {
  let fields: pg.FieldDef[];
  try {
    fields = (await client.query(`SELECT * FROM ${engine.tableRef(table)} LIMIT 0`)).fields;
  } catch (e) {
    if ((e as { code?: string }).code !== '42P01') return fail(e);
    const names = (
      await engine.query(
        `SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
      )
    ).map((r) => (r['table_schema'] === 'public' ? String(r['table_name']) : `${String(r['table_schema'])}.${String(r['table_name'])}`));
    throw missingTableError(engine.label, table, names, 'it has no tables you can see');
  }
  return fields.map((f) => {
    const kind: EngineColumnKind = NUMBER_OIDS.has(f.dataTypeID)
      ? 'number'
      : DATE_OIDS.has(f.dataTypeID)
        ? 'date'
        : STRING_OIDS.has(f.dataTypeID)
          ? 'string'
          : 'other';
    return {
      name: f.name,
      kind,
      integer: INTEGER_OIDS.has(f.dataTypeID),
      sqlType: TYPE_NAMES[f.dataTypeID] ?? `type ${f.dataTypeID}`,
    } satisfies EngineColumn;
  });
}

/** Cancels the statement running on backend `pid`: the connection is busy with it, so a second one asks the server. */
async function cancelBackend(spec: string, pid: number): Promise<void> {
  const side = new pg.Client({ connectionString: spec, connectionTimeoutMillis: 5_000, application_name: 'segmenta-cancel' });
  side.on('error', () => undefined);
  try {
    await side.connect();
    await side.query('SELECT pg_cancel_backend($1)', [pid]);
  } finally {
    await side.end().catch(() => undefined);
  }
}

/** An existing table through the search_path, as the server finds it; a new one goes to current_schema(). */
async function qualifiedNameOf(engine: SqlEngine, table: string): Promise<QualifiedName> {
  const d = DIALECTS.postgres;
  const [found] = await engine.query(
    `SELECT n.nspname AS s, c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(${d.literal(engine.tableRef(table))})`,
  );
  if (found) return { schema: String(found['s']), name: String(found['t']) };
  const { schema, name } = splitTableName(table);
  return { schema: schema ?? String((await engine.query('SELECT current_schema() AS s'))[0]!['s'] ?? ''), name };
}

/** Refuses a --db URL that does not parse (a bad port, a stray character) with one line, before connecting. */
function checkUrl(spec: string, label: string): void {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new UsageError(`invalid --db: ${label} is not a valid URL (check the port, 1 to 65535, and percent-encode special characters in the password)`);
  }
  if (url.hostname === '' && !url.searchParams.has('host'))
    throw new UsageError(`invalid --db: ${label} names no host (expected postgres://user:password@host:port/database)`);
}

function connectionError(e: unknown, label: string): EngineError {
  const err = e as { code?: string; message?: string };
  const msg = (err.message ?? String(e)).split('\n')[0]!;
  if (err.code === '28P01' || err.code === '28000') return new EngineError(`${label}: login refused (${msg}); check the user and password in --db`);
  if (err.code === '3D000') return new EngineError(`${label}: ${msg}; check the database name in --db`);
  const hint = err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND' || /timeout/i.test(msg) ? '; is the server running and the host and port right?' : '';
  return new EngineError(`cannot connect to ${label}: ${msg || err.code}${hint}`);
}
