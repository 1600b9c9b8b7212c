import { randomUUID } from 'node:crypto';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { DataError, EngineError, UsageError } from '../util/errors.js';
import { DIALECTS } from './sqlDialect.js';
import { ENGINE_DIALECTS } from './engineDialect.js';
import { dottedTableRef, missingTableError, redact, splitTableName, type EngineColumn, type EngineColumnKind, type SqlEngine } from './sqlEngine.js';

/** ClickHouse error codes that mean the query names something that is not there (a user's mistake, exit 3). */
const DATA_CODES = new Set([16, 47, 60, 81]); // no such column, unknown identifier, unknown table, unknown database
const LOGIN_CODES = new Set([192, 193, 194, 516]); // unknown user, wrong password, authentication failed

/**
 * The ClickHouse engine over its HTTP interface with the official client (`@clickhouse/client`, which talks
 * to Debian's 18.16 as well as to current releases). `clickhouse://user:password@host:port/database`, the
 * port being the HTTP one (8123 by default). ClickHouse has no transactions: `transaction` runs its work
 * as it is (callers that replace a table build it under a temporary name and swap it in at the end).
 * Errors become one line: connection and login problems an EngineError (exit 4), missing tables or columns a
 * DataError (exit 3).
 */
export async function openClickHouse(spec: string): Promise<SqlEngine> {
  const label = redact(spec);
  const { url, database, shards } = parseUrl(spec, label);
  const client = clickHouseClient(url, database);
  const fail = (e: unknown): never => {
    throw clickHouseError(e, label);
  };
  // Every request carries an id, so `interrupt` can stop the ones still running (KILL QUERY).
  const running = new Set<string>();
  const tracked = async <T>(work: (query_id: string) => Promise<T>): Promise<T> => {
    const id = `segmenta-${randomUUID()}`;
    running.add(id);
    try {
      return await work(id);
    } finally {
      running.delete(id);
    }
  };
  const rows = async (sql: string): Promise<Array<Record<string, unknown>>> => {
    try {
      return await tracked(async (query_id) =>
        (await client.query({ query: sql.replace(/;\s*$/, ''), format: 'JSONEachRow', query_id })).json<Record<string, unknown>>(),
      );
    } catch (e) {
      return fail(e);
    }
  };
  await rows('SELECT 1 AS ok');
  const engine: SqlEngine = {
    dialect: ENGINE_DIALECTS.clickhouse,
    label,
    query: rows,
    async execute(sql) {
      try {
        await tracked((query_id) => client.command({ query: sql.replace(/;\s*$/, ''), query_id }));
      } catch (e) {
        fail(e);
      }
    },
    async transaction(work) {
      return work();
    },
    async stream(sql, onRows) {
      try {
        await tracked(async (query_id) => {
          const result = await client.query({ query: sql.replace(/;\s*$/, ''), format: 'JSONEachRow', query_id });
          // Object keys keep the SELECT's column order (its aliases are distinct).
          for await (const batch of result.stream<Record<string, unknown>>()) onRows(batch.map((r) => Object.values(r.json())));
        });
      } catch (e) {
        fail(e);
      }
    },
    columns: (table) => describeColumns(client, engine, database, table, fail),
    tableRef(table) {
      return dottedTableRef(table, DIALECTS.clickhouse);
    },
    async interrupt() {
      const ids = [...running];
      if (ids.length === 0) return;
      await client.command({ query: `KILL QUERY WHERE query_id IN (${ids.map((id) => DIALECTS.clickhouse.literal(id)).join(', ')}) SYNC` });
    },
    async qualifiedName(table) {
      const { schema, name } = splitTableName(table);
      return { schema: schema ?? String((await rows('SELECT currentDatabase() AS db'))[0]!['db']), name };
    },
    ...(shards.length > 0 && {
      openShards: () => openShardsOf(spec, shards),
    }),
    async close() {
      await client.close().catch(() => undefined);
    },
  };
  return engine;
}

/** The HTTP client of a --db URL: whole numbers as JSON numbers (our exact sums come back as text and are read as such). */
function clickHouseClient(url: URL, database: string): ClickHouseClient {
  return createClient({
    url: `http://${url.hostname.includes(':') ? `[${url.hostname}]` : url.hostname}:${url.port || '8123'}`,
    username: decodeURIComponent(url.username) || 'default',
    password: decodeURIComponent(url.password),
    database,
    request_timeout: 3_600_000,
    log: { level: ClickHouseLogLevel.OFF },
    // Whole numbers as JSON numbers (counts, sizes); our exact sums come back as text and are read as such.
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
}

/** A table's columns by `DESCRIBE TABLE`; a missing table (code 60) names the ones its database has. */
async function describeColumns(
  client: ClickHouseClient,
  engine: SqlEngine,
  database: string,
  table: string,
  fail: (e: unknown) => never,
): Promise<EngineColumn[]> {
  let described: Array<Record<string, unknown>>;
  try {
    described = await (await client.query({ query: `DESCRIBE TABLE ${engine.tableRef(table)}`, format: 'JSONEachRow' })).json<Record<string, unknown>>();
  } catch (e) {
    if (!/^Code: 60\b/.test((e as Error).message ?? '')) return fail(e);
    const names = (await engine.query(`SELECT name FROM system.tables WHERE database = ${DIALECTS.clickhouse.literal(database)} ORDER BY name`)).map((r) =>
      String(r['name']),
    );
    throw missingTableError(engine.label, table, names, 'its database has no tables');
  }
  return described.map((r) => columnOf(String(r['name']), String(r['type'])));
}

/** The --db URL's parts: the URL, its database (default "default") and the ?shards= HTTP addresses. */
function parseUrl(spec: string, label: string): { url: URL; database: string; shards: string[] } {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new UsageError(`invalid --db: ${label} is not a valid URL (expected clickhouse://user:password@host:8123/database)`);
  }
  if (url.hostname === '') throw new UsageError(`invalid --db: ${label} names no host (expected clickhouse://user:password@host:8123/database)`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'default';
  const shards = (url.searchParams.get('shards') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const address of shards)
    if (!/^([^\s/:@[\]]+|\[[0-9a-f:.]+\])(:\d+)?$/i.test(address))
      throw new UsageError(`invalid --db: ?shards= holds "${address}" (expected each shard's HTTP address as host:port, comma-separated)`);
  return { url, database, shards };
}

/** A ClickHouse failure as one line: login and connection problems an EngineError, missing tables or columns a DataError. */
function clickHouseError(e: unknown, label: string): DataError | EngineError {
  const err = e as { code?: string; message?: string };
  const msg = (err.message ?? String(e)).split('\n')[0]!;
  const code = Number(/^Code: (\d+)/.exec(msg)?.[1] ?? NaN);
  const text = msg.replace(/^Code: \d+, e\.displayText\(\) = DB::Exception: /, '').replace(/, e\.what\(\) = DB::Exception$/, '');
  if (LOGIN_CODES.has(code)) return new EngineError(`${label}: login refused (${text}); check the user and password in --db`);
  if (DATA_CODES.has(code)) return new DataError(`${label}: ${text}`);
  if (Number.isNaN(code)) {
    const hint =
      err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND' || /timeout/i.test(msg) ? '; is the server running and the host and HTTP port right?' : '';
    return new EngineError(`cannot connect to ${label}: ${msg || err.code}${hint}`);
  }
  return new EngineError(`${label}: ${text}`);
}

/** Opens each shard of `?shards=` as an engine of its own (closing those opened when one fails). */
async function openShardsOf(spec: string, shards: readonly string[]): Promise<SqlEngine[]> {
  const opened: SqlEngine[] = [];
  try {
    for (const address of shards) {
      const shard = new URL(spec);
      shard.host = address;
      shard.search = '';
      opened.push(await openClickHouse(shard.toString()));
    }
  } catch (e) {
    await Promise.all(opened.map((o) => o.close()));
    throw e;
  }
  return opened;
}

/** A column by its ClickHouse type: Nullable(…) and LowCardinality(…) looked through. */
function columnOf(name: string, sqlType: string): EngineColumn {
  const inner = sqlType.replace(/^(Nullable|LowCardinality)\((.*)\)$/, '$2').replace(/^(Nullable|LowCardinality)\((.*)\)$/, '$2');
  const integer = /^U?Int(8|16|32|64|128|256)$/.test(inner);
  const kind: EngineColumnKind =
    integer || /^(Float32|Float64|Decimal)/.test(inner)
      ? 'number'
      : /^(Date|DateTime)/.test(inner)
        ? 'date'
        : /^(String|FixedString|Enum)/.test(inner)
          ? 'string'
          : 'other';
  return { name, kind, integer, sqlType };
}
