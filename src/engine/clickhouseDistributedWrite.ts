import { randomBytes } from 'node:crypto';
import { UsageError } from '../util/errors.js';
import type { SqlEngine } from './sqlEngine.js';

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
  /** Swaps the new tables in: on each shard `${name}_local`, then the Distributed `target` on the --db server. */
  commit(): Promise<void>;
  /** Drops every temporary table on every shard and on the --db server. */
  abort(): Promise<void>;
}

/**
 * Writes a Distributed result table for a Distributed source: on each shard (the servers of `?shards=` in
 * --db, matched to the cluster's shards by `system.clusters.is_local`) a MergeTree table is filled from that
 * shard's own rows by `scoreLocal(localTableRef)`; on the --db server a Distributed table over them. Every
 * table is built under a temporary name; on failure all of them are dropped. `target` is `[db.]name`; the
 * shards' tables are `db.name_local`. Cost: one scan of each shard's rows, on the shard.
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
  const ref = (db: string, name: string): string => `${d.ident(db)}.${d.ident(name)}`;
  const tmp = `segmenta_tmp_${randomBytes(6).toString('hex')}`;
  // Every temporary table: one per shard (and on the --db server, if it is a shard), and the Distributed one.
  const dropAll = async (): Promise<void> => {
    await Promise.all([engine, ...shards].map((e) => e.execute(`DROP TABLE IF EXISTS ${ref(database, tmp)}`).catch(() => undefined)));
    await engine.execute(`DROP TABLE IF EXISTS ${ref(database, `${tmp}_dist`)}`).catch(() => undefined);
  };
  try {
    await Promise.all(
      shards.map((s) =>
        s.execute(`CREATE TABLE ${ref(database, tmp)} ENGINE = MergeTree ORDER BY tuple() AS ${scoreLocal(ref(source.database, source.local))}`),
      ),
    );
    const counts = await Promise.all(shards.map(async (s) => Number((await s.query(`SELECT count() AS n FROM ${ref(database, tmp)}`))[0]!['n'])));
    const columns = (await shards[0]!.query(`DESCRIBE TABLE ${ref(database, tmp)}`)).map((c) => `${d.ident(String(c['name']))} ${String(c['type'])}`);
    // The Distributed table on the --db server names the shards' final table, which exists once committed.
    await engine.execute(
      `CREATE TABLE ${ref(database, `${tmp}_dist`)} (${columns.join(', ')}) ENGINE = Distributed(${d.ident(source.cluster)}, ${d.ident(database)}, ${d.ident(localName)}, rand())`,
    );
    return {
      rows: counts.reduce((a, b) => a + b, 0),
      async commit() {
        try {
          // ClickHouse has no transactions: each swap is a DROP and an atomic RENAME, shards first.
          for (const s of shards) {
            await s.execute(`DROP TABLE IF EXISTS ${ref(database, localName)}`);
            await s.execute(`RENAME TABLE ${ref(database, tmp)} TO ${ref(database, localName)}`);
          }
          await engine.execute(`DROP TABLE IF EXISTS ${ref(database, target.name)}`);
          await engine.execute(`RENAME TABLE ${ref(database, `${tmp}_dist`)} TO ${ref(database, target.name)}`);
        } catch (e) {
          await dropAll();
          throw e;
        }
      },
      abort: dropAll,
    };
  } catch (e) {
    await dropAll();
    throw e;
  }
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
