import { randomBytes } from 'node:crypto';
import { UsageError } from '../util/errors.js';
import { whenInterrupted } from '../util/interruption.js';
import type { SqlEngine } from './sqlEngine.js';
import { clickhouseTableExists, dropOrSay, withLeftover } from './tempTables.js';

/** A ClickHouse table as SQL: database and name quoted. */
function ref2(d: SqlEngine['dialect'], database: string, name: string): string {
  return `${d.ident(database)}.${d.ident(name)}`;
}

/** Where a ClickHouse Distributed table keeps its rows: the cluster and, on every shard, the local table. */
export interface DistributedSource {
  readonly cluster: string;
  readonly database: string;
  readonly local: string;
}

/**
 * The cluster, database and local table behind `table` when it is a ClickHouse Distributed table, else null.
 * Reads `system.tables.engine_full` ("Distributed(cluster, db, local[, sharding key])"). One small query.
 */
export async function distributedSource(engine: SqlEngine, table: string): Promise<DistributedSource | null> {
  const d = engine.dialect;
  const parts = table.split('.');
  const name = parts.pop()!;
  const db = parts.length ? d.literal(parts[0]!) : 'currentDatabase()';
  const [row] = await engine.query(`SELECT engine_full FROM system.tables WHERE database = ${db} AND name = ${d.literal(name)}`);
  const m = /^Distributed\(\s*([^,]+?)\s*,\s*([^,]+?)\s*,\s*([^,)]+?)\s*[,)]/.exec(String(row?.['engine_full'] ?? ''));
  if (!m) return null;
  const unquote = (s: string): string => s.replace(/^[`'"](.*)[`'"]$/, '$1');
  return { cluster: unquote(m[1]!), database: unquote(m[2]!), local: unquote(m[3]!) };
}

/**
 * A result table built on every shard of a cluster and a Distributed table over them, not yet in place.
 * Each shard scores its own rows (`scoreLocal` gives the query over its local source table): no row travels.
 */
export interface StagedDistributed {
  readonly rows: number;
  /**
   * Swaps the new tables in, all or nothing: the old tables are moved aside on every shard and on the --db
   * server first, then the new ones renamed in; on any failure every table moved is put back and every
   * temporary table dropped. Returns the leftover tables it could not drop after success (named).
   */
  commit(): Promise<string[]>;
  /** Drops every temporary table on every shard and on the --db server; returns those it could not drop. */
  abort(): Promise<string[]>;
}

/** One rename done by a commit, to be undone when a later one fails. */
interface Rename {
  readonly on: SqlEngine;
  readonly from: string;
  readonly to: string;
}

/**
 * Writes a Distributed result table for a Distributed source: on each shard (the servers of `?shards=` in
 * --db, matched to the cluster's shards by `system.clusters.is_local`) a MergeTree table is filled from that
 * shard's own rows by `scoreLocal(localTableRef)`; on the --db server a Distributed table over them. Every
 * table is built under a temporary name; on failure (or Ctrl-C) all of them are dropped, and any that a
 * server refuses to drop is named in the error. `target` is `[db.]name`; the shards' tables are
 * `db.name_local`. Cost: one scan of each shard's rows, on the shard.
 */
export async function stageDistributedTable(
  engine: SqlEngine,
  shards: readonly SqlEngine[],
  source: DistributedSource,
  target: { database: string | undefined; name: string },
  scoreLocal: (localRef: string) => string,
): Promise<StagedDistributed> {
  const d = engine.dialect;
  const { database, localName } = await checkDistributedTarget(engine, shards, source, target);
  const ref = (name: string): string => `${d.ident(database)}.${d.ident(name)}`;
  const tag = randomBytes(6).toString('hex');
  const tmp = `segmenta_tmp_${tag}`;
  const tmpDist = `${tmp}_dist`;
  // Every temporary table: one per shard (and on the --db server, if it is a shard), and the Distributed one.
  const dropAll = async (): Promise<string[]> => {
    const left = await Promise.all([...[engine, ...shards].map((e) => dropOrSay(e, ref(tmp), tmp)), dropOrSay(engine, ref(tmpDist), tmpDist)]);
    return [...new Set(left.filter((l): l is string => l !== null))];
  };
  const forget = whenInterrupted(`the temporary tables ${tmp} on every shard`, async () => {
    await Promise.all([engine, ...shards].map((e) => e.interrupt().catch(() => undefined)));
    const left = await dropAll();
    if (left.length) throw new Error(left.join('; '));
  });
  try {
    await Promise.all(
      shards.map((s) => s.execute(`CREATE TABLE ${ref(tmp)} ENGINE = MergeTree ORDER BY tuple() AS ${scoreLocal(ref2(d, source.database, source.local))}`)),
    );
    const counts = await Promise.all(shards.map(async (s) => Number((await s.query(`SELECT count() AS n FROM ${ref(tmp)}`))[0]!['n'])));
    const columns = (await shards[0]!.query(`DESCRIBE TABLE ${ref(tmp)}`)).map((c) => `${d.ident(String(c['name']))} ${String(c['type'])}`);
    // The Distributed table on the --db server names the shards' final table, which exists once committed.
    await engine.execute(
      `CREATE TABLE ${ref(tmpDist)} (${columns.join(', ')}) ENGINE = Distributed(${d.ident(source.cluster)}, ${d.ident(database)}, ${d.ident(localName)}, rand())`,
    );
    return {
      rows: counts.reduce((a, b) => a + b, 0),
      async commit() {
        try {
          return await swapAll(
            [...shards.map((s) => ({ on: s, staged: tmp, final: localName })), { on: engine, staged: tmpDist, final: target.name }],
            { database, old: `segmenta_old_${tag}` },
            dropAll,
          );
        } finally {
          forget();
        }
      },
      async abort() {
        forget();
        return dropAll();
      },
    };
  } catch (e) {
    forget();
    throw withLeftover(e, ...(await dropAll()));
  }
}

/**
 * The all-or-nothing swap of staged tables on several servers (ClickHouse has no transactions across them):
 * 1. every existing final table is renamed aside (`old`, `old_dist` on the --db server);
 * 2. every staged table is renamed to its final name;
 * 3. the old tables are dropped (one that a server refuses is returned by name; the result is in place).
 * A failure in 1 or 2 undoes every rename done, newest first, drops the staged tables and throws the error
 * with what could not be restored or dropped named. O(servers) statements.
 */
async function swapAll(
  swaps: ReadonlyArray<{ on: SqlEngine; staged: string; final: string }>,
  names: { database: string; old: string },
  dropStaged: () => Promise<string[]>,
): Promise<string[]> {
  const d = swaps[0]!.on.dialect;
  const ref = (name: string): string => `${d.ident(names.database)}.${d.ident(name)}`;
  const done: Rename[] = [];
  const rename = async (on: SqlEngine, from: string, to: string): Promise<void> => {
    await on.execute(`RENAME TABLE ${ref(from)} TO ${ref(to)}`);
    done.push({ on, from, to });
  };
  const asides = swaps.map((s, i) => ({ ...s, aside: i === swaps.length - 1 ? `${names.old}_dist` : names.old }));
  const moved: Array<{ on: SqlEngine; aside: string }> = [];
  try {
    for (const s of asides)
      if (await clickhouseTableExists(s.on, { schema: names.database, name: s.final })) {
        await rename(s.on, s.final, s.aside);
        moved.push({ on: s.on, aside: s.aside });
      }
    for (const s of asides) await rename(s.on, s.staged, s.final);
  } catch (e) {
    const unrestored: string[] = [];
    for (const r of done.reverse())
      await r.on.execute(`RENAME TABLE ${ref(r.to)} TO ${ref(r.from)}`).catch(() => unrestored.push(`${r.from} on ${r.on.label} (now named ${r.to})`));
    const left = await dropStaged();
    throw withLeftover(e, unrestored.length ? `could not put back ${unrestored.join(', ')}: rename it by hand` : 'every table was put back as it was', ...left);
  }
  const left = await Promise.all(moved.map((m) => dropOrSay(m.on, ref(m.aside), m.aside)));
  return left.filter((l): l is string => l !== null);
}

/**
 * Checks a Distributed `--write-table` before any work: the shards' table name fits and is not the source's
 * local table (which holds the customers), and the servers of `?shards=` are the cluster's shards. Returns
 * the database of the result and the shards' table name.
 */
export async function checkDistributedTarget(
  engine: SqlEngine,
  shards: readonly SqlEngine[],
  source: DistributedSource,
  target: { database: string | undefined; name: string },
): Promise<{ database: string; localName: string }> {
  const database = target.database ?? String((await engine.query('SELECT currentDatabase() AS db'))[0]!['db']);
  const localName = `${target.name}_local`;
  if (Buffer.byteLength(localName) > engine.dialect.maxIdentBytes)
    throw new UsageError(`invalid --write-table: "${localName}" (the shards' table) is too long; give a shorter name`);
  if (database === source.database && localName === source.local)
    throw new UsageError(`--write-table ${target.name} would replace the shards' table ${localName}, which holds the customers (give another table name)`);
  await checkShardsCoverCluster(engine, shards, source.cluster);
  return { database, localName };
}

/**
 * Checks that the servers of `?shards=` are the cluster's shards, each once: every one finds itself
 * (`is_local`) in `system.clusters` of the --db server's cluster, and together they are all of its shards.
 */
async function checkShardsCoverCluster(engine: SqlEngine, shards: readonly SqlEngine[], cluster: string): Promise<void> {
  const lit = engine.dialect.literal(cluster);
  const expected = (await engine.query(`SELECT DISTINCT shard_num FROM system.clusters WHERE cluster = ${lit} ORDER BY shard_num`)).map((r) =>
    Number(r['shard_num']),
  );
  const found = await Promise.all(
    shards.map(async (s) =>
      (await s.query(`SELECT shard_num FROM system.clusters WHERE cluster = ${lit} AND is_local = 1`)).map((r) => Number(r['shard_num'])),
    ),
  );
  const listed = found.flat().sort((a, b) => a - b);
  const bad = found.findIndex((f) => f.length !== 1);
  if (bad >= 0 || listed.join() !== expected.join())
    throw new UsageError(
      `the servers in ?shards= of --db are not the ${expected.length} shards of cluster ${cluster}` +
        (bad >= 0 ? ` (${shards[bad]!.label} is not one of them)` : ` (they are shards ${listed.join(', ') || 'none'})`) +
        '; list each shard’s HTTP address once: ?shards=host1:8123,host2:8123',
    );
}
