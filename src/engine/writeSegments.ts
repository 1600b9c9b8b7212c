import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { UTF8_BOM } from '../output/runFolder.js';
import type { SegmentaModel } from '../model/model.js';
import { csvLines } from '../output/csvText.js';
import { roundedText } from '../output/segmentsCsv.js';
import { randomBytes } from 'node:crypto';
import { DataError, UsageError } from '../util/errors.js';
import type { Dialect } from './sqlDialect.js';
import { checkDistributedTarget, distributedSource, stageDistributedTable } from './clickhouseDistributedWrite.js';
import { scoringSql } from './scoringSql.js';
import type { SqlEngine } from './sqlEngine.js';

/**
 * Writes every customer's segment into the table `target` in the engine: the model's scoring query runs as
 * one INSERT … SELECT into a fresh temporary table, which replaces `target` (dropped if it exists) in one
 * transaction at the end. On any failure the temporary table is dropped and `target` is left as it was.
 * Columns: the key, segment, segment_name, distance. Returns the rows written. One scan of the table.
 * ClickHouse: a Distributed source with `?shards=` in --db gives a Distributed result over a table on each
 * shard, each scored where its rows are (`stageDistributedTable`); without it, one MergeTree table on the --db
 * server, and `detail` says so.
 */
export async function writeSegmentsTable(engine: SqlEngine, model: SegmentaModel, table: string, target: string): Promise<StagedTable> {
  if (model.key === null)
    throw new DataError(`${engine.label} table ${table} has no key column, so segments written back could not be joined to customers; name the key with --id`);
  const { parts, name } = checkWriteTable(engine.dialect, table, target);
  const source = engine.dialect.name === 'clickhouse' ? await distributedSource(engine, table) : null;
  if (source && engine.openShards) {
    const shards = await engine.openShards();
    const closeShards = (): Promise<unknown> => Promise.all(shards.map((s) => s.close()));
    try {
      const staged = await stageDistributedTable(engine, shards, source, { database: parts[0], name }, (local) => scoringSelect(model, engine, local));
      return {
        rows: staged.rows,
        kind: 'Distributed table',
        detail: `over ${shards.length} shards, ${name}_local on each`,
        commit: () => staged.commit().finally(closeShards),
        abort: () => staged.abort().finally(closeShards),
      };
    } catch (e) {
      await closeShards();
      throw e;
    }
  }
  const tmp = engine.tableRef([...parts, `segmenta_tmp_${randomBytes(6).toString('hex')}`].join('.'));
  const query = scoringSelect(model, engine, engine.tableRef(table));
  const drop = (): Promise<void> => engine.execute(`DROP TABLE IF EXISTS ${tmp}`).catch(() => undefined);
  const clickhouse = engine.dialect.name === 'clickhouse';
  try {
    if (clickhouse) {
      // ClickHouse creates and fills in one statement, on the server of --db (a Distributed source's rows are
      // gathered there); it has no transactions, so the swap below is a DROP and an atomic RENAME.
      await engine.execute(`CREATE TABLE ${tmp} ENGINE = MergeTree ORDER BY tuple() AS ${query}`);
    } else {
      await engine.execute(`CREATE TABLE ${tmp} AS SELECT * FROM (${query}) scored WHERE 1 = 0`);
      await engine.execute(`INSERT INTO ${tmp} ${query}`);
    }
    const [{ n } = { n: 0 }] = await engine.query(`SELECT COUNT(*) AS n FROM ${tmp}`);
    return {
      rows: Number(n),
      kind: 'table',
      detail: source ? 'one MergeTree table on this server; add ?shards=host:port,… to --db for a Distributed one' : undefined,
      async commit() {
        try {
          await engine.transaction(async () => {
            await engine.execute(`DROP TABLE IF EXISTS ${engine.tableRef(target)}`);
            await engine.execute(
              clickhouse ? `RENAME TABLE ${tmp} TO ${engine.tableRef(target)}` : `ALTER TABLE ${tmp} RENAME TO ${engine.dialect.ident(name)}`,
            );
          });
        } catch (e) {
          await drop();
          throw e;
        }
      },
      abort: drop,
    };
  } catch (e) {
    await drop();
    throw e;
  }
}

/** The model's scoring query over `from` as a bare SELECT (no comment line, no semicolon), to embed in DDL. */
function scoringSelect(model: SegmentaModel, engine: SqlEngine, from: string): string {
  return scoringSql(model, engine.dialect.name, from)
    .replace(/^--.*\n/, '')
    .replace(/;\s*$/, '');
}

/** Segments written into a temporary table, waiting to replace the target (`commit`) or to be dropped (`abort`). */
export interface StagedTable {
  readonly rows: number;
  /** What it becomes, for the summary line: "table" or "Distributed table", with a detail ("over 2 shards, …"). */
  readonly kind: string;
  readonly detail?: string | undefined;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Every check of a `--write-table` that can be made before any work: the name (`checkWriteTable`) and, for a
 * ClickHouse Distributed source with `?shards=`, the shards' table and the shard list (`checkDistributedTarget`).
 */
export async function checkWriteTarget(engine: SqlEngine, table: string, target: string): Promise<void> {
  const { parts, name } = checkWriteTable(engine.dialect, table, target);
  const source = engine.dialect.name === 'clickhouse' ? await distributedSource(engine, table) : null;
  if (!source || !engine.openShards) return;
  const shards = await engine.openShards();
  try {
    await checkDistributedTarget(engine, shards, source, { database: parts[0], name });
  } finally {
    await Promise.all(shards.map((s) => s.close()));
  }
}

/**
 * Checks a `--write-table` name before any work: not empty, not the source table itself, every part within
 * the engine's identifier length (PostgreSQL silently cuts names past 63 bytes, which would make the
 * target another table). Returns the schema parts and the table name.
 */
export function checkWriteTable(d: Dialect, table: string, target: string): { parts: string[]; name: string } {
  const parts = target.split('.');
  const name = parts.pop()!;
  if (name.trim() === '' || parts.length > 1 || parts.some((p) => p.trim() === ''))
    throw new UsageError(`invalid --write-table: "${target}" (expected a table name such as segments or sales.segments)`);
  for (const p of [...parts, name]) {
    if (Buffer.byteLength(p) > d.maxIdentBytes)
      throw new UsageError(
        `invalid --write-table: "${p}" is ${Buffer.byteLength(p)} bytes long; ${d.name} keeps at most ${d.maxIdentBytes} (give a shorter name)`,
      );
  }
  if (normalise(target) === normalise(table))
    throw new UsageError(`--write-table ${target} is the source table; writing segments there would replace the customers (give another table name)`);
  return { parts, name };
}

/** A table name compared as the engine would: unquoted parts, case-folded as PostgreSQL and DuckDB fold unquoted names. */
function normalise(name: string): string {
  return name
    .split('.')
    .map((p) => p.trim().toLowerCase())
    .join('.');
}

/**
 * Streams every customer's key, segment, segment name and distance out of the engine into a CSV file at
 * `path` (one batch of rows in memory at a time), with a UTF-8 byte order mark first when `excel`. The caller
 * renames it into place; on failure it is removed.
 */
export async function streamSegmentsCsv(engine: SqlEngine, model: SegmentaModel, table: string, path: string, excel = false): Promise<number> {
  const fd = openSync(path, 'w');
  let rows = 0;
  try {
    const header = [model.key ?? 'key', 'segment', 'segment_name', 'distance'];
    writeSync(fd, (excel ? UTF8_BOM : '') + [...csvLines(header, [])].join(''));
    await engine.stream(scoringSql(model, engine.dialect.name, engine.tableRef(table)), (batch) => {
      const cells = batch.map((r) => [r[0] === null ? '' : String(r[0]), String(r[1]), String(r[2]), roundedText(Number(r[3]))]);
      const lines = [...csvLines([], cells)].slice(1).join('');
      writeSync(fd, lines);
      rows += batch.length;
    });
  } catch (e) {
    closeSync(fd);
    rmSync(path, { force: true });
    throw e;
  }
  closeSync(fd);
  return rows;
}
