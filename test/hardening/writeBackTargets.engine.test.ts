import { join } from 'node:path';
import { inject, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engine/openEngine.js';
import { checkWriteTarget } from '../../src/engine/writeSegments.js';
import { distributedSource, stageDistributedTable } from '../../src/engine/clickhouseDistributedWrite.js';
import type { SqlEngine } from '../../src/engine/sqlEngine.js';
import { MALL, tempDir } from '../helpers.js';
import { expectNoTablesLeftSince, loadClickHouse, loadCsv, segmentaTables, withEngine, type ClickHouseTables } from '../engine/engineFixtures.js';
import { runCli } from '../cliInProcess.js';

/*
 * Issue 30: a --write-table that names the customers' own table another way (schema-qualified, another case
 * in DuckDB, the database in ClickHouse, the table under a Distributed source) is refused before any work, and
 * a Distributed result is all or nothing when a shard fails during the swap.
 */
let urls: { duckdb: string; postgres: string };
let ch: ClickHouseTables;
beforeAll(async () => {
  urls = await loadCsv(MALL, 'mall_targets');
  ch = await loadClickHouse(MALL, 'ch_targets');
}, 120_000);

const refused = async (url: string, table: string, target: string): Promise<string> => {
  const engine = await openEngine(url);
  try {
    await checkWriteTarget(engine, table, target);
    return 'accepted';
  } catch (e) {
    return (e as Error).message;
  } finally {
    await engine.close();
  }
};

describe('--write-table names are compared as the engine resolves them', () => {
  it('DuckDB: main.mall_targets, MALL_TARGETS and mall_targets are one table', async () => {
    for (const [table, target] of [
      ['main.mall_targets', 'mall_targets'],
      ['mall_targets', 'main.MALL_TARGETS'],
      ['mall_targets', 'Mall_Targets'],
    ])
      expect(await refused(urls.duckdb, table, target), `${table} → ${target}`).toMatch(/is the source table \(main\.mall_targets\)/);
    expect(await refused(urls.duckdb, 'mall_targets', 'segments')).toBe('accepted');
  });

  it('PostgreSQL: public.x is x, and the search_path decides where an unqualified name is', async () => {
    for (const [table, target] of [
      ['public.mall_targets', 'mall_targets'],
      ['mall_targets', 'public.mall_targets'],
    ])
      expect(await refused(urls.postgres, table, target), `${table} → ${target}`).toMatch(/is the source table \(public\.mall_targets\)/);
    // Quoted names keep their case in PostgreSQL: another case is another table.
    expect(await refused(urls.postgres, 'mall_targets', 'MALL_TARGETS')).toBe('accepted');
    await withEngine(urls.postgres, (e) =>
      e.execute('CREATE SCHEMA IF NOT EXISTS crm; DROP TABLE IF EXISTS crm.clients; CREATE TABLE crm.clients AS SELECT * FROM public.mall_targets'),
    );
    const inCrm = `${urls.postgres}${urls.postgres.includes('?') ? '&' : '?'}options=${encodeURIComponent('-c search_path=crm,public')}`;
    expect(await refused(inCrm, 'clients', 'crm.clients')).toMatch(/is the source table \(crm\.clients\)/);
    expect(await refused(inCrm, 'crm.clients', 'clients')).toMatch(/is the source table \(crm\.clients\)/);
    // The CLI refuses it before any work and the customers stay.
    const r = await runCli(['run', '--db', inCrm, '--table', 'clients', '--write-table', 'crm.clients', '--k', '3', '--out', join(tempDir(), 'o'), '--quiet']);
    expect([r.code, r.stderr.trim().split('\n').length]).toEqual([2, 1]);
    await withEngine(urls.postgres, async (e) => expect(Number((await e.query('SELECT count(*) AS n FROM crm.clients'))[0]!['n'])).toBe(200));
  });

  it('ClickHouse: default.x is x; a Distributed source can be replaced neither by its own name nor through its local table', async () => {
    expect(await refused(ch.url, `default.${ch.single}`, ch.single)).toMatch(/is the source table \(default\.ch_targets\)/);
    expect(await refused(ch.url, ch.distributed, `default.${ch.distributed}`)).toMatch(/is the source table \(default\.ch_targets_all\)/);
    expect(await refused(ch.urlWithShards, ch.distributed, `default.${ch.distributed}`)).toMatch(/is the source table/);
    expect(await refused(ch.url, ch.distributed, 'ch_targets_local')).toMatch(/is the table under the Distributed source ch_targets_all/);
    expect(await refused(ch.urlWithShards, ch.distributed, 'ch_targets')).toMatch(/would replace the shards' table ch_targets_local/);
    const r = await runCli([
      'run',
      '--db',
      ch.url,
      '--table',
      ch.distributed,
      '--write-table',
      `default.${ch.distributed}`,
      '--out',
      join(tempDir(), 'o'),
      '--quiet',
    ]);
    expect(r.code).toBe(2);
    await withEngine(ch.url, async (e) => expect(Number((await e.query(`SELECT count() AS n FROM ${ch.distributed}`))[0]!['n'])).toBe(200));
  });
});

/** An engine that runs everything on the real server but fails the first statement matching `fails`. */
function failing(engine: SqlEngine, fails: RegExp): SqlEngine {
  let done = false;
  return {
    ...engine,
    async execute(sql) {
      if (!done && fails.test(sql)) {
        done = true;
        throw new Error(`injected failure on ${engine.label}: ${sql.slice(0, 60)}`);
      }
      return engine.execute(sql);
    },
  };
}

describe('a temporary table the server refuses to drop is named, never swallowed', () => {
  it('ClickHouse, one server: the swap fails and the DROP of the temporary table is refused → the error names the table to drop by hand', async () => {
    const { segment } = await import('../../src/pipeline/segment.js');
    const { readTable } = await import('../../src/data/readTable.js');
    const { writeSegmentsTable } = await import('../../src/engine/writeSegments.js');
    const model = segment(await readTable(MALL), { features: ['Annual Income (k$)', 'Spending Score (1-100)'], k: 3, stability: 'off' }).model;
    const engine = await openEngine(ch.url);
    try {
      const broken = failing(failing(engine, /^RENAME TABLE `segmenta_tmp_[0-9a-f]+` TO `seg_single`/), /^DROP TABLE IF EXISTS `segmenta_tmp_/);
      const staged = await writeSegmentsTable(broken, model, ch.single, 'seg_single');
      const message = await staged.commit().then(
        () => 'committed',
        (e: Error) => e.message,
      );
      expect(message).toMatch(/injected failure .*RENAME/);
      expect(message).toMatch(/the temporary table segmenta_tmp_[0-9a-f]+ on clickhouse:\/\/.* could not be dropped \(injected failure.*\); drop it by hand/);
      const left = (await engine.query(`SELECT name FROM system.tables WHERE database = 'default' AND name LIKE 'segmenta_tmp_%'`)).map((r) =>
        String(r['name']),
      );
      // The table the message names is there (other files may stage their own on this server meanwhile).
      const named = /the temporary table (segmenta_tmp_[0-9a-f]+) on/.exec(message)![1]!;
      expect(left).toContain(named);
      await engine.execute(`DROP TABLE \`${named}\``);
    } finally {
      await engine.close();
    }
  });
});

describe('a Distributed --write-table is all or nothing', () => {
  const cols = '`k` Int64, `run` String';
  /** An old result from run "old": segs_local on both shards, segs (Distributed) on shard 1. */
  const oldResult = async (): Promise<void> => {
    const shards = inject('chUrls');
    for (const url of shards)
      await withEngine(url, async (e) => {
        await e.execute('DROP TABLE IF EXISTS segs_local');
        await e.execute(`CREATE TABLE segs_local (${cols}) ENGINE = MergeTree ORDER BY k`);
        await e.execute(`INSERT INTO segs_local SELECT number, 'old' FROM numbers(10)`);
      });
    await withEngine(shards[0]!, async (e) => {
      await e.execute('DROP TABLE IF EXISTS segs');
      await e.execute(`CREATE TABLE segs (${cols}) ENGINE = Distributed(segmenta_2shards, default, segs_local, rand())`);
    });
  };
  /** What every server holds afterwards: each shard's runs and whether the Distributed table is there. */
  const state = async () => {
    const shards = inject('chUrls');
    return Promise.all(
      shards.map((url) =>
        withEngine(url, async (e) => ({
          runs: (await e.query('SELECT DISTINCT run FROM segs_local ORDER BY run')).map((r) => r['run']),
          distributed: (await e.query(`SELECT count() AS n FROM system.tables WHERE database = 'default' AND name = 'segs'`))[0]!['n'],
        })),
      ),
    );
  };
  const stageAndCommit = async (failOn: 'shard 1' | 'shard 2' | 'the Distributed table' | 'none'): Promise<string | null> => {
    const shardUrls = inject('chUrls');
    const engine = await openEngine(shardUrls[0]!);
    const shards = await Promise.all(shardUrls.map((u) => openEngine(u)));
    try {
      const source = (await distributedSource(engine, ch.distributed))!;
      const renameIn = /^RENAME TABLE `default`\.`segmenta_tmp_[0-9a-f]+` TO `default`\.`segs_local`/;
      const wrapped = shards.map((s, i) => (failOn === `shard ${i + 1}` ? failing(s, renameIn) : s));
      const main = failOn === 'the Distributed table' ? failing(engine, /^RENAME TABLE `default`\.`segmenta_tmp_[0-9a-f]+_dist` TO `default`\.`segs`/) : engine;
      const staged = await stageDistributedTable(
        main,
        wrapped,
        source,
        { database: undefined, name: 'segs' },
        (local) => `SELECT toInt64(CustomerID) AS k, 'new' AS run FROM ${local}`,
      );
      try {
        await staged.commit();
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    } finally {
      await Promise.all([engine, ...shards].map((e) => e.close()));
    }
  };

  for (const point of ['shard 1', 'shard 2', 'the Distributed table'] as const)
    it(`a rename that fails on ${point}: every shard keeps the old result, no temporary table stays`, async () => {
      await oldResult();
      const before = await segmentaTables(inject('chUrls'));
      const message = await stageAndCommit(point);
      expect(message).toMatch(/injected failure/);
      expect(message).toMatch(/every table was put back as it was/);
      await expectNoTablesLeftSince(inject('chUrls'), before);
      const after = await state();
      for (const s of after) expect(s).toMatchObject({ runs: ['old'] });
      expect(after[0]!.distributed).toBe(1);
    });

  it('without failure: the new result on every shard, the old tables dropped', async () => {
    await oldResult();
    const before = await segmentaTables(inject('chUrls'));
    expect(await stageAndCommit('none')).toBeNull();
    await expectNoTablesLeftSince(inject('chUrls'), before);
    for (const s of await state()) expect(s).toMatchObject({ runs: ['new'] });
    await withEngine(inject('chUrls')[0]!, async (e) => expect(Number((await e.query('SELECT count() AS n FROM segs'))[0]!['n'])).toBe(200));
  });
});
