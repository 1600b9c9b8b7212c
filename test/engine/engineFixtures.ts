/** Test data in the places a segmentation can run: a file (memory), a DuckDB database, PostgreSQL, ClickHouse (one server and two shards). */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import { openEngine } from '../../src/engine/openEngine.js';
import { clickhouseStatement } from '../../scripts/clickhouse-cluster.mjs';
import type { SqlEngine } from '../../src/engine/sqlEngine.js';
import { createRandom } from '../../src/util/random.js';

const PG_TYPES: Record<string, string> = {
  BIGINT: 'bigint',
  INTEGER: 'integer',
  DOUBLE: 'double precision',
  VARCHAR: 'text',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
};

/**
 * Loads a CSV file into a new DuckDB database file (table `name`, types as DuckDB detects them) and into the
 * test PostgreSQL server (same columns and types, by a server-side COPY). Returns both database URLs.
 */
export function loadCsv(csv: string, name: string): Promise<{ duckdb: string; postgres: string }> {
  const key = `${csv}\u0000${name}`;
  if (!loaded.has(key)) loaded.set(key, load(csv, name));
  return loaded.get(key)!;
}

/** Tables already loaded in this test file, so tests that share data load it once. */
const loaded = new Map<string, Promise<{ duckdb: string; postgres: string }>>();

async function load(csv: string, name: string): Promise<{ duckdb: string; postgres: string }> {
  const dir = inject('pgDir');
  const dbPath = join(dir, `${name}.duckdb`);
  const copy = join(dir, `${name}.copy.csv`);
  const instance = await DuckDBInstance.create(dbPath);
  const conn = await instance.connect();
  await conn.run(
    `CREATE OR REPLACE TABLE "${name}" AS SELECT * FROM read_csv_auto('${csv}', auto_type_candidates=['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'VARCHAR'])`,
  );
  const described = (await conn.runAndReadAll(`DESCRIBE "${name}"`)).getRowObjectsJS();
  await conn.run(`COPY "${name}" TO '${copy}' (HEADER, DELIMITER ',')`);
  conn.closeSync();
  instance.closeSync();
  const pg = await openEngine(inject('pgUrl'));
  try {
    const cols = described.map((r) => `"${String(r['column_name'])}" ${PG_TYPES[String(r['column_type'])] ?? 'text'}`);
    await pg.execute(`DROP TABLE IF EXISTS "${name}"; CREATE TABLE "${name}" (${cols.join(', ')}); COPY "${name}" FROM '${copy}' (FORMAT csv, HEADER true)`);
  } finally {
    await pg.close();
  }
  return { duckdb: `duckdb:${dbPath}`, postgres: inject('pgUrl') };
}

/**
 * A generated customer table of `rows` rows: id, four features drawn around five well-separated centres
 * (so every method finds the same five groups), 1% of `visits` missing. Seeded: the same file every run.
 */
export function generatedCustomersCsv(rows: number): string {
  const path = join(inject('pgDir'), `generated_${rows}.csv`);
  if (existsSync(path)) return path;
  const rng = createRandom(20261127);
  const centres = [
    [20, 5, 200, 0.1],
    [60, 20, 900, 0.5],
    [35, 50, 400, 0.9],
    [80, 2, 1500, 0.3],
    [50, 35, 2500, 0.7],
  ];
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const lines = ['customer_id,age,visits,spend,discount_share'];
  for (let i = 0; i < rows; i++) {
    const c = centres[rng.int(centres.length)]!;
    const age = Math.round(c[0]! + 3 * normal());
    const visits = rng.next() < 0.01 ? '' : String(Math.max(0, Math.round(c[1]! + 2 * normal())));
    const spend = (c[2]! + 40 * normal()).toFixed(2);
    const share = (c[3]! + 0.03 * normal()).toFixed(4);
    lines.push(`${i + 1},${age},${visits},${spend},${share}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const CH_TYPES: Record<string, string> = {
  BIGINT: 'Nullable(Int64)',
  INTEGER: 'Nullable(Int32)',
  DOUBLE: 'Nullable(Float64)',
  VARCHAR: 'Nullable(String)',
  DATE: 'Nullable(Date)',
  TIMESTAMP: 'Nullable(DateTime)',
};

/** Where a CSV was loaded in the test ClickHouse servers. */
export interface ClickHouseTables {
  /** URL of shard 1, which holds `single` (a MergeTree table) and `distributed`. */
  readonly url: string;
  /** Both servers' URLs (shard 1, shard 2). */
  readonly shards: readonly string[];
  readonly single: string;
  /** A Distributed table over `${name}_local` on both shards (cluster segmenta_2shards), rows spread at random. */
  readonly distributed: string;
  /** `url` with `?shards=` naming both servers' HTTP addresses, so --write-table writes a Distributed table. */
  readonly urlWithShards: string;
}

/**
 * Loads a CSV file (types as DuckDB detects them) into the test ClickHouse servers: as a MergeTree table
 * `name` on shard 1, and as `name_local` on both shards behind the Distributed table `name_all`, inserted
 * through the Distributed table (synchronously, so every row is on its shard when this returns).
 */
export async function loadClickHouse(csv: string, name: string): Promise<ClickHouseTables> {
  const shards = inject('chUrls');
  const run = clickhouseStatement as (url: string, query: string, body?: string) => Promise<void>;
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const source = `read_csv_auto('${csv}', auto_type_candidates=['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'VARCHAR'])`;
  const described = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowObjectsJS();
  const copy = join(inject('pgDir'), `${name}.ch.csv`);
  await conn.run(`COPY (SELECT * FROM ${source}) TO '${copy}' (HEADER, DELIMITER ',', NULLSTR '\\N')`);
  conn.closeSync();
  instance.closeSync();
  const cols = described.map((r) => `\`${String(r['column_name'])}\` ${CH_TYPES[String(r['column_type'])] ?? 'Nullable(String)'}`).join(', ');
  const body = readFileSync(copy, 'utf8');
  const [first] = shards;
  for (const url of shards) {
    await run(url, `DROP TABLE IF EXISTS \`${name}_local\``);
    await run(url, `CREATE TABLE \`${name}_local\` (${cols}) ENGINE = MergeTree ORDER BY tuple()`);
  }
  for (const t of [name, `${name}_all`]) await run(first!, `DROP TABLE IF EXISTS \`${t}\``);
  await run(first!, `CREATE TABLE \`${name}\` (${cols}) ENGINE = MergeTree ORDER BY tuple()`);
  await run(first!, `CREATE TABLE \`${name}_all\` (${cols}) ENGINE = Distributed(segmenta_2shards, default, \`${name}_local\`, rand())`);
  await run(first!, `INSERT INTO \`${name}\` FORMAT CSVWithNames`, body);
  await run(first!, `INSERT INTO \`${name}_all\` FORMAT CSVWithNames`, body);
  const addresses = shards.map((u) => new URL(u).host).join(',');
  return { url: first!, shards, single: name, distributed: `${name}_all`, urlWithShards: `${first!}?shards=${addresses}` };
}

/** Opens an engine, runs `work`, closes it. */
export async function withEngine<T>(url: string, work: (engine: SqlEngine) => Promise<T>): Promise<T> {
  const engine = await openEngine(url);
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}

/** Segmenta's own tables (names starting with `prefix`) in `default` on the given ClickHouse servers, as "server: name". */
export async function segmentaTables(urls: readonly string[], prefix = 'segmenta'): Promise<string[]> {
  const lists = await Promise.all(
    urls.map((url) =>
      withEngine(url, async (e) =>
        (await e.query(`SELECT name FROM system.tables WHERE database = 'default' AND name LIKE '${prefix}%'`)).map((r) => `${url}: ${String(r['name'])}`),
      ),
    ),
  );
  return lists.flat();
}

/**
 * Waits until none of Segmenta's tables that were not there `before` is left on the servers. Other test files
 * of the project stage their own tables on the same servers meanwhile: theirs go within seconds, a table the
 * run under test left would stay (fails after 30 s).
 */
export async function expectNoTablesLeftSince(urls: readonly string[], before: readonly string[], prefix = 'segmenta'): Promise<void> {
  await expect.poll(async () => (await segmentaTables(urls, prefix)).filter((name) => !before.includes(name)), { timeout: 30_000, interval: 500 }).toEqual([]);
}
