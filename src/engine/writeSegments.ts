import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { UTF8_BOM } from '../output/runFolder.js';
import type { SegmentaModel } from '../model/model.js';
import { csvLines } from '../output/csvText.js';
import { roundedText } from '../output/segmentsCsv.js';
import { randomBytes } from 'node:crypto';
import { DataError, UsageError } from '../util/errors.js';
import { whenInterrupted } from '../util/interruption.js';
import { checkDistributedTarget, distributedSource, stageDistributedTable, type DistributedSource } from './clickhouseDistributedWrite.js';
import { scoringSql } from './scoringSql.js';
import { sameTable, type SqlEngine } from './sqlEngine.js';
import { clickhouseTableExists, dropOrSay, withLeftover } from './tempTables.js';

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
  const { parts, name, source } = await checkWriteTable(engine, table, target);
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
  const tmpName = `segmenta_tmp_${randomBytes(6).toString('hex')}`;
  const tmp = engine.tableRef([...parts, tmpName].join('.'));
  const query = scoringSelect(model, engine, engine.tableRef(table));
  // Ctrl-C while the table is filled: the statement is cancelled and the temporary table dropped.
  const forget = whenInterrupted(`the temporary table ${tmpName}`, async () => {
    await engine.interrupt();
    await engine.execute(`DROP TABLE IF EXISTS ${tmp}`);
  });
  const drop = (): Promise<string | null> => dropOrSay(engine, tmp, tmpName);
  try {
    for (const statement of engine.dialect.createFilled(tmp, query)) await engine.execute(statement);
    const [{ n } = { n: 0 }] = await engine.query(`SELECT COUNT(*) AS n FROM ${tmp}`);
    return {
      rows: Number(n),
      kind: 'table',
      detail: source ? 'one MergeTree table on this server; add ?shards=host:port,… to --db for a Distributed one' : undefined,
      async commit() {
        try {
          // Without transactions (ClickHouse) the swap moves the old table aside first.
          if (!engine.dialect.transactions) await swapWithoutTransaction(engine, tmp, target, [...parts, `segmenta_old_${tmpName.slice(13)}`].join('.'));
          else
            await engine.transaction(async () => {
              await engine.execute(`DROP TABLE IF EXISTS ${engine.tableRef(target)}`);
              await engine.execute(`ALTER TABLE ${tmp} RENAME TO ${engine.dialect.ident(name)}`);
            });
        } catch (e) {
          throw withLeftover(e, await drop());
        } finally {
          forget();
        }
        return [];
      },
      async abort() {
        forget();
        const left = await drop();
        return left ? [left] : [];
      },
    };
  } catch (e) {
    forget();
    throw withLeftover(e, await drop());
  }
}

/**
 * ClickHouse's swap without transactions, all or nothing: the old table (if any) is renamed aside, the new
 * one renamed in, and the old one dropped; when the second rename fails the old table is renamed back. A
 * leftover old table is reported by name (the result is in place).
 */
async function swapWithoutTransaction(engine: SqlEngine, tmp: string, targetName: string, aside: string): Promise<void> {
  const old = engine.tableRef(aside);
  const target = engine.tableRef(targetName);
  const had = await clickhouseTableExists(engine, await engine.qualifiedName(targetName));
  if (had) await engine.execute(`RENAME TABLE ${target} TO ${old}`);
  try {
    await engine.execute(`RENAME TABLE ${tmp} TO ${target}`);
  } catch (e) {
    if (had) await engine.execute(`RENAME TABLE ${old} TO ${target}`).catch(() => undefined);
    throw e;
  }
  if (had) await engine.execute(`DROP TABLE IF EXISTS ${old}`).catch(() => undefined);
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
  /** Puts the result in place, all or nothing; returns the leftover tables it could not drop (named, to drop by hand). */
  commit(): Promise<string[]>;
  /** Drops every temporary table; returns those the engine refused to drop (named). */
  abort(): Promise<string[]>;
}

/**
 * Every check of a `--write-table` that can be made before any work: the name (`checkWriteTable`) and, for a
 * ClickHouse Distributed source with `?shards=`, the shards' table and the shard list (`checkDistributedTarget`).
 */
export async function checkWriteTarget(engine: SqlEngine, table: string, target: string): Promise<void> {
  const { parts, name, source } = await checkWriteTable(engine, table, target);
  if (!source || !engine.openShards) return;
  const shards = await engine.openShards();
  try {
    await checkDistributedTarget(engine, shards, source, { database: parts[0], name });
  } finally {
    await Promise.all(shards.map((s) => s.close()));
  }
}

/**
 * Checks a `--write-table` name before any work: not empty, every part within the engine's identifier length
 * (PostgreSQL silently cuts names past 63 bytes, which would make the target another table), and not a table
 * that holds the customers — the source, or a ClickHouse Distributed source's local table — compared as the
 * engine resolves names (`qualifiedName`: `main.customers` is `customers` in DuckDB, `public.customers` in
 * PostgreSQL, `default.mall` in ClickHouse). Returns the schema parts, the name and the Distributed source.
 */
export async function checkWriteTable(
  engine: SqlEngine,
  table: string,
  target: string,
): Promise<{ parts: string[]; name: string; source: DistributedSource | null }> {
  const d = engine.dialect;
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
  const [from, to] = await Promise.all([engine.qualifiedName(table), engine.qualifiedName(target)]);
  if (sameTable(from, to))
    throw new UsageError(
      `--write-table ${target} is the source table (${from.schema}.${from.name}); writing segments there would replace the customers (give another table name)`,
    );
  const source = d.distributedTables ? await distributedSource(engine, table) : null;
  if (source && sameTable(to, { schema: source.database, name: source.local }))
    throw new UsageError(
      `--write-table ${target} is the table under the Distributed source ${table}, which holds the customers on this server (give another table name)`,
    );
  return { parts, name, source };
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
