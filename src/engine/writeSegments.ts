import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import type { SegmentaModel } from '../model/model.js';
import { csvLines } from '../output/csvText.js';
import { round } from '../output/segmentsCsv.js';
import { DataError } from '../util/errors.js';
import { scoringSql } from './scoringSql.js';
import type { SqlEngine } from './sqlEngine.js';

/**
 * Writes every customer's segment into the table `target` in the engine: the model's scoring query runs as
 * one INSERT … SELECT into a fresh temporary table, which replaces `target` (dropped if it exists) in one
 * transaction at the end. On any failure the temporary table is dropped and `target` is left as it was.
 * Columns: the key, segment, segment_name, distance. Returns the rows written. One scan of the table.
 */
export async function writeSegmentsTable(engine: SqlEngine, model: SegmentaModel, table: string, target: string): Promise<number> {
  if (model.key === null) throw new DataError(`${engine.label} table ${table} has no key column, so segments written back could not be joined to customers; name the key with --id`);
  const parts = target.split('.');
  const name = parts.pop()!;
  if (name.trim() === '') throw new DataError(`invalid --write-table: "${target}" (expected a table name such as segments or sales.segments)`);
  const tmpName = `${name}__segmenta_${process.pid}`;
  const tmp = engine.tableRef([...parts, tmpName].join('.'));
  const query = scoringSql(model, engine.dialect.name, engine.tableRef(table)).replace(/^--.*\n/, '').replace(/;\s*$/, '');
  try {
    await engine.execute(`CREATE TABLE ${tmp} AS SELECT * FROM (${query}) scored WHERE 1 = 0`);
    await engine.execute(`INSERT INTO ${tmp} ${query}`);
    const [{ n } = { n: 0 }] = await engine.query(`SELECT COUNT(*) AS n FROM ${tmp}`);
    await engine.transaction(async () => {
      await engine.execute(`DROP TABLE IF EXISTS ${engine.tableRef(target)}`);
      await engine.execute(`ALTER TABLE ${tmp} RENAME TO ${engine.dialect.ident(name)}`);
    });
    return Number(n);
  } catch (e) {
    await engine.execute(`DROP TABLE IF EXISTS ${tmp}`).catch(() => undefined);
    throw e;
  }
}

/**
 * Streams every customer's key, segment, segment name and distance out of the engine into a CSV file at
 * `path` (one batch of rows in memory at a time). The caller renames it into place; on failure it is removed.
 */
export async function streamSegmentsCsv(engine: SqlEngine, model: SegmentaModel, table: string, path: string): Promise<number> {
  const fd = openSync(path, 'w');
  let rows = 0;
  try {
    const header = [model.key ?? 'key', 'segment', 'segment_name', 'distance'];
    writeSync(fd, [...csvLines(header, [])].join(''));
    await engine.stream(scoringSql(model, engine.dialect.name, engine.tableRef(table)), (batch) => {
      const cells = batch.map((r) => [r[0] === null ? '' : String(r[0]), String(r[1]), String(r[2]), String(round(Number(r[3])))]);
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
