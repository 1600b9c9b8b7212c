import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { startClickHouseCluster } from '../../scripts/clickhouse-cluster.mjs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { lloyd } from '../../src/cluster/lloyd.js';
import { readTable } from '../../src/data/readTable.js';
import { lloydInEngine } from '../../src/engine/lloydInEngine.js';
import { fitPipeline } from '../../src/preprocess/pipeline.js';
import { fromRows } from '../../src/util/matrix.js';
import { expectRowsMatchSegmentsCsv, MALL, RETAIL_COLUMNS, retailHead, DATA_DIR, tempDir } from '../helpers.js';
import { expectClose, segmentsOf, writtenSegments } from './engineAsserts.js';
import { expectNoTablesLeftSince, loadClickHouse, segmentaTables, withEngine } from './engineFixtures.js';
import { segmentByRules, type SegmentRules } from '../../src/explain/segmentRules.js';
import { runCli } from '../cliInProcess.js';

/*
 * ClickHouse for real (issue 18): Debian's clickhouse-server 18.16, one server and a 2-shard cluster started
 * by test/clickhouseServer.ts. The SQL is ours, executed — not golden files.
 */
const dir = tempDir();

describe('ClickHouse, one server and a 2-shard cluster', () => {
  it('a Distributed table spreads the Mall customers over both shards', async () => {
    const t = await loadClickHouse(MALL, 'ch_mall');
    const counts = await Promise.all(
      t.shards.map((url) => withEngine(url, async (e) => Number((await e.query('SELECT count() AS n FROM `ch_mall_local`'))[0]!['n']))),
    );
    expect(counts.every((n) => n > 0)).toBe(true);
    expect(counts[0]! + counts[1]!).toBe(200);
    await withEngine(t.url, async (e) => {
      expect(Number((await e.query('SELECT count() AS n FROM `ch_mall_all`'))[0]!['n'])).toBe(200);
      const columns = await e.columns('ch_mall');
      expect(columns.map((c) => [c.name, c.kind])).toEqual([
        ['CustomerID', 'number'],
        ['Gender', 'string'],
        ['Age', 'number'],
        ['Annual Income (k$)', 'number'],
        ['Spending Score (1-100)', 'number'],
      ]);
      await expect(e.columns('ch_mal')).rejects.toThrow(/has no table "ch_mal"; did you mean "ch_mall"\?/);
    });
  });

  it('export-sql --dialect clickhouse, executed on the server and through the Distributed table, reproduces predict', async () => {
    const out = join(dir, 'mall');
    expect((await runCli(['run', MALL, '--features', 'Gender,Age,Annual Income (k$)', '--k', '3', '--out', out, '--quiet'])).code).toBe(0);
    const t = await loadClickHouse(MALL, 'ch_mall');
    for (const table of [t.single, t.distributed]) {
      const r = await runCli(['export-sql', join(out, 'model.json'), '--dialect', 'clickhouse', '--table', `\`${table}\``]);
      expect(r.code).toBe(0);
      // A Distributed table answers shard by shard: rows in key order to compare.
      const rows = (await withEngine(t.url, (e) => e.query(r.stdout))).sort((a, b) => Number(a['CustomerID']) - Number(b['CustomerID']));
      expectRowsMatchSegmentsCsv(rows, 'CustomerID', join(out, 'segments.csv'));
    }
  });

  it('export-sql --rules runs on ClickHouse (one server and the Distributed table): every customer gets the segment of the first printed rule it meets', async () => {
    const out = join(dir, 'mall-rules');
    expect((await runCli(['run', MALL, '--k', '5', '--out', out, '--quiet'])).code).toBe(0);
    const rules = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).rules as SegmentRules;
    const [header, ...lines] = readFileSync(MALL, 'utf8').trim().split(/\r?\n/);
    const names = header!.split(',');
    const expected = new Map(
      lines.map((l) => {
        const cells = l.split(',');
        return [cells[0]!, segmentByRules(rules, (c) => cells[names.indexOf(c)])];
      }),
    );
    const t = await loadClickHouse(MALL, 'ch_mall');
    for (const table of [t.single, t.distributed]) {
      const r = await runCli(['export-sql', join(out, 'model.json'), '--rules', '--dialect', 'clickhouse', '--table', `\`${table}\``]);
      expect(r.code, r.stderr).toBe(0);
      const rows = await withEngine(t.url, (e) => e.query(r.stdout));
      expect(rows).toHaveLength(200);
      for (const row of rows)
        expect(row['segment'] === null ? null : Number(row['segment']), String(row['CustomerID'])).toBe(expected.get(String(row['CustomerID'])));
    }
  });

  it('Lloyd as one GROUP BY per iteration with exact sums gives the same centres bit for bit on one server and across two shards, and memory’s to 1e-12 (cc_general, missing values)', async () => {
    const csv = join(DATA_DIR, 'cc_general.csv');
    const table = await readTable(csv);
    const features = table.columns.filter((c) => c.kind === 'number');
    const { pipeline, matrix } = fitPipeline(table, features, {});
    const init = fromRows([0, 1000, 2000, 3000].map((i) => Array.from(matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols))));
    const memory = lloyd({ x: matrix, init, weights: undefined, maxIter: 5, tolAbs: 0 });
    const bounds = Array.from({ length: matrix.cols }, (_, t) => {
      let m = 0;
      for (let i = 0; i < matrix.rows; i++) m = Math.max(m, Math.abs(matrix.data[i * matrix.cols + t]!));
      return m;
    });
    const t = await loadClickHouse(csv, 'ch_cc');
    const centres: number[][] = [];
    for (const name of [t.single, t.distributed])
      await withEngine(t.url, async (engine) => {
        const run = await lloydInEngine({ engine, table: name, rows: matrix.rows, pipeline, bounds }, init, { maxIter: 5, tol: 0 });
        expect(run.iterations, name).toBe(memory.iterations);
        // Exact fixed-point sums: the same centres on one server and on two shards; to memory's within rounding.
        const relative = Array.from(run.centers.data, (v, i) => Math.abs(v - memory.centers.data[i]!) / Math.max(1, Math.abs(memory.centers.data[i]!)));
        expect(Math.max(...relative), name).toBeLessThan(1e-12);
        centres.push(Array.from(run.centers.data));
      });
    expect(centres[1]).toEqual(centres[0]); // bit for bit, whichever shard summed what
  });

  it('segmenta run --db through the Distributed table: Mall and cc_general give the in-memory k, centroids (1e-9) and every label, written back as a Distributed table (--write-table, each shard scoring its own rows); Mall also streamed into segments.csv', async () => {
    for (const [name, file, id] of [
      ['mall', MALL, 'CustomerID'],
      ['cc', join(DATA_DIR, 'cc_general.csv'), 'CUST_ID'],
    ] as const) {
      const t = await loadClickHouse(file, `ch_${name}`);
      const mem = join(dir, `${name}-mem`);
      expect((await runCli(['run', file, '--out', mem, '--no-report', '--quiet'])).code).toBe(0);
      const memory = JSON.parse(readFileSync(join(mem, 'model.json'), 'utf8'));
      const memoryLabels = segmentsOf(readFileSync(join(mem, 'segments.csv'), 'utf8'));
      const out = join(dir, `${name}-ch`);
      const r = await runCli([
        'run',
        '--db',
        t.urlWithShards,
        '--table',
        t.distributed,
        '--id',
        id,
        '--out',
        out,
        '--write-table',
        `ch_${name}_segments`,
        '--no-report',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
      expect(model.centroids.length, name).toBe(memory.centroids.length);
      expectClose(model.centroids.flat(), memory.centroids.flat(), 1e-9);
      expect(r.stdout).toContain(`wrote Distributed table ch_${name}_segments (${memoryLabels.size} rows; over 2 shards, ch_${name}_segments_local on each)`);
      // Read through the Distributed table: every customer once, with the in-memory label.
      expect(await writtenSegments(t.url, `ch_${name}_segments`)).toEqual(memoryLabels);
      await withEngine(t.url, async (e) => {
        const [row] = await e.query(`SELECT engine_full FROM system.tables WHERE name = 'ch_${name}_segments'`);
        expect(String(row!['engine_full'])).toMatch(new RegExp(`^Distributed\\(segmenta_2shards, default, ch_${name}_segments_local, rand\\(\\)\\)$`));
      });
      // Each shard holds the segments of exactly its own customers.
      for (const url of t.shards)
        await withEngine(url, async (e) => {
          const keys = (sql: string): Promise<string[]> => e.query(sql).then((rows) => rows.map((r) => String(Object.values(r)[0])).sort());
          const own = await keys(`SELECT \`${id}\` FROM ch_${name}_local`);
          expect(own.length).toBeGreaterThan(0);
          expect(await keys(`SELECT \`${id}\` FROM ch_${name}_segments_local`)).toEqual(own);
        });
      // Streamed into segments.csv instead: Mall here; cc_general's whole table is streamed by the next test.
      if (name !== 'mall') continue;
      const streamed = join(dir, `${name}-ch-csv`);
      expect((await runCli(['run', '--db', t.url, '--table', t.distributed, '--id', id, '--out', streamed, '--no-report', '--quiet'])).code).toBe(0);
      expect(segmentsOf(readFileSync(join(streamed, 'segments.csv'), 'utf8'))).toEqual(memoryLabels);
    }
  });

  it('with a sample smaller than the table, Lloyd runs as SQL: one server, two shards and DuckDB agree on centroids (1e-9) and every label; a failed run leaves no temporary table on any shard', async () => {
    const csv = join(DATA_DIR, 'cc_general.csv');
    const t = await loadClickHouse(csv, 'ch_cc');
    const common = ['--id', 'CUST_ID', '--sample-size', '2000', '--no-report', '--quiet'];
    const duck = join(dir, 'cc-duck');
    expect((await runCli(['run', '--db', 'duckdb:', '--table', csv, ...common, '--out', duck])).code).toBe(0);
    const reference = JSON.parse(readFileSync(join(duck, 'model.json'), 'utf8'));
    const referenceLabels = segmentsOf(readFileSync(join(duck, 'segments.csv'), 'utf8'));
    const referenceSummary = JSON.parse(readFileSync(join(duck, 'summary.json'), 'utf8'));
    for (const table of [t.single, t.distributed]) {
      const out = join(dir, `cc-${table}`);
      const r = await runCli(['run', '--db', t.url, '--table', table, ...common, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
      expect(summary.engine.sampleRows).toBe(2000);
      expect(summary.engine.engineIterations).toBeGreaterThan(0);
      // The whole-table inertia, an exact sum in the engine, as DuckDB's.
      expectClose([summary.inertia], [referenceSummary.inertia], 1e-9);
      expectClose(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')).centroids.flat(), reference.centroids.flat(), 1e-9);
      expect(segmentsOf(readFileSync(join(out, 'segments.csv'), 'utf8'))).toEqual(referenceLabels);
    }
    // A Distributed --write-table into a database that does not exist fails after the work: one line, exit 3,
    // and no segmenta_tmp_ table is left on either shard. Other test files stage their own on these servers
    // meanwhile, so a table that appeared during this run must be gone within seconds (one of this run's would stay).
    const before = await segmentaTables(t.shards, 'segmenta_tmp_');
    const failed = await runCli([
      'run',
      '--db',
      t.urlWithShards,
      '--table',
      t.distributed,
      ...common,
      '--out',
      join(dir, 'cc-failed'),
      '--write-table',
      'nosuchdb.segments',
    ]);
    expect(failed.code).toBe(3);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    await expectNoTablesLeftSince(t.shards, before, 'segmenta_tmp_');
    // Before any work: ?shards= that is not the cluster's shards, and a result that would replace the shards' customers.
    const one = new URL(t.url).host;
    for (const [db, target, message] of [
      [`${t.url}?shards=${one},${one}`, 'cc_segments', /not the 2 shards of cluster segmenta_2shards \(they are shards 1, 1\)/],
      [t.urlWithShards, 'ch_cc', /would replace the shards' table ch_cc_local, which holds the customers/],
    ] as const) {
      const refused = await runCli(['run', '--db', db, '--table', t.distributed, ...common, '--out', join(dir, 'cc-refused'), '--write-table', target]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(message);
      expect(existsSync(join(dir, 'cc-refused'))).toBe(false);
    }
  });

  it('rfm --db and clv --db on the Online Retail log (its first 100,000 lines) behind the Distributed table: the same rfm.csv and clv.csv as the log file, every customer', async () => {
    const log = await retailHead(100_000, dir);
    const t = await loadClickHouse(log, 'ch_orders');
    const args = [...RETAIL_COLUMNS, '--k-max', '6', '--quiet'];
    expect((await runCli(['rfm', log, ...args, '--out', join(dir, 'rfm-file')])).code).toBe(0);
    const out = join(dir, 'rfm-ch');
    const r = await runCli(['rfm', '--db', t.url, '--table', t.distributed, ...args, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'rfm_summary.json'), 'utf8'));
    expect(summary.cleaning).toMatchObject({ lines: 100_000, dropped: { noCustomer: 34_915 }, customers: 1597 });
    expect(summary.asOf).toBe('2011-02-24');
    expect(readFileSync(join(out, 'rfm.csv'), 'utf8')).toBe(readFileSync(join(dir, 'rfm-file', 'rfm.csv'), 'utf8'));
    // Customer value with a calibration period: the per-day sums and the calibration RFM run on the shards,
    // and every customer's figures, holdout included, are the log file's. Pareto/NBD (issue 34), the model
    // most sensitive to its inputs (each history's likelihood is an integral), so a history differing in
    // any digit would show (BG/NBD --db is checked on DuckDB and PostgreSQL in rfmEngine.engine.test.ts).
    const clvArgs = [...RETAIL_COLUMNS, '--calibration-end', '2011-01-31', '--purchase-model', 'paretonbd', '--k', '4', '--quiet'];
    expect((await runCli(['clv', log, ...clvArgs, '--out', join(dir, 'clv-file')])).code).toBe(0);
    const clv = await runCli(['clv', '--db', t.url, '--table', t.distributed, ...clvArgs, '--out', join(dir, 'clv-ch')]);
    expect(clv.code, clv.stderr).toBe(0);
    const fileCsv = readFileSync(join(dir, 'clv-file', 'clv.csv'), 'utf8');
    expect(fileCsv.split('\n')[0]).toContain('holdout_purchases');
    expect(readFileSync(join(dir, 'clv-ch', 'clv.csv'), 'utf8')).toBe(fileCsv);
    expect(JSON.parse(readFileSync(join(dir, 'clv-ch', 'model.json'), 'utf8')).purchaseModel).toBe('paretonbd');
  });

  it('quantiles from counted order statistics equal the sorted values’ (numpy’s rule), NULLs skipped; a NaN the count missed gives NULL', async () => {
    const ps = [0, 0.1, 0.25, 0.5, 0.75, 1];
    await withEngine(inject('chUrls')[0]!, async (engine) => {
      const d = engine.dialect;
      for (const n of [1, 2, 3, 10, 1001]) {
        const from = `(SELECT if(number % 7 = 3, NULL, toFloat64((number * 7919) % 1000) / 7) AS x FROM numbers(${n}))`;
        const present = Array.from({ length: n }, (_, i) => i).filter((i) => i % 7 !== 3).length;
        const counted = d.quantilesOfCount('x', ps, present);
        const [r] = await engine.query(`SELECT ${ps.map((p, i) => `${d.quantile('x', p)} AS s${i}, ${counted[i]} AS c${i}`).join(', ')} FROM ${from}`);
        for (const i of ps.keys()) expect(r![`c${i}`], `n ${n}, p ${ps[i]}`).toBe(r![`s${i}`]);
      }
      const [withNaN] = await engine.query(`SELECT ${d.quantilesOfCount('x', [0.5], 3)[0]} AS m FROM (SELECT arrayJoin([1, nan, 3]) AS x)`);
      expect(withNaN!['m']).toBeNull();
    });
  });

  it('columns named like the SQL’s own names (f0…, c0…, n, p0, m0…) are read as columns: the same centroids and labels as DuckDB, on one server and two shards', async () => {
    // ClickHouse reads a name as an alias of the same SELECT before a column: a table with columns f1, f2…
    // was scaled as `… AS f0, (f2 …) AS f1`, each feature another's alias (8 equal blobs came out 25/25/13…%).
    const names = ['id', 'f1', 'f2', 'f3', 'f4', 'c1', 'c0', 'n', 'p0', 'lo0', 'hi0', 'u0', 'm0', 'a0', 'b0', 's0', 'q0', 'd1'];
    const [, ...lines] = readFileSync(join(DATA_DIR, 'cc_general.csv'), 'utf8').trimEnd().split(/\r?\n/);
    const csv = join(dir, 'aliased.csv');
    writeFileSync(csv, [names.join(','), ...lines].join('\n') + '\n');
    const t = await loadClickHouse(csv, 'ch_aliased');
    const common = ['--id', 'id', '--k', '4', '--sample-size', '2000', '--no-report', '--quiet'];
    const duck = join(dir, 'aliased-duck');
    expect((await runCli(['run', '--db', 'duckdb:', '--table', csv, ...common, '--out', duck])).code).toBe(0);
    const reference = JSON.parse(readFileSync(join(duck, 'model.json'), 'utf8'));
    const referenceLabels = segmentsOf(readFileSync(join(duck, 'segments.csv'), 'utf8'));
    for (const table of [t.single, t.distributed]) {
      const out = join(dir, `aliased-${table}`);
      const r = await runCli(['run', '--db', t.url, '--table', table, ...common, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).engine.engineIterations).toBeGreaterThan(0);
      expectClose(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')).centroids.flat(), reference.centroids.flat(), 1e-9);
      expect(segmentsOf(readFileSync(join(out, 'segments.csv'), 'utf8'))).toEqual(referenceLabels);
    }
  });

  it('rfm --db on a log whose columns carry the names of the SQL’s roles (invoice called "customer", date called "v"…): the log file’s rfm.csv', async () => {
    const [header, ...lines] = gunzipSync(readFileSync(join(DATA_DIR, 'online_retail_sample.csv.gz')))
      .toString('utf8')
      .trimEnd()
      .split(/\r?\n/);
    const renamed = { InvoiceNo: 'customer', CustomerID: 'invoice', InvoiceDate: 'v', Quantity: 'price', UnitPrice: 'ts' } as Record<string, string>;
    const log = join(dir, 'roles.csv');
    writeFileSync(
      log,
      [
        header!
          .split(',')
          .map((c) => renamed[c] ?? c)
          .join(','),
        ...lines,
      ].join('\n') + '\n',
    );
    const t = await loadClickHouse(log, 'ch_roles');
    const args = ['--customer', 'invoice', '--date', 'v', '--quantity', 'price', '--price', 'ts', '--invoice', 'customer', '--k', '4', '--quiet'];
    expect((await runCli(['rfm', log, ...args, '--out', join(dir, 'roles-file')])).code).toBe(0);
    const r = await runCli(['rfm', '--db', t.url, '--table', t.distributed, ...args, '--out', join(dir, 'roles-ch')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'roles-ch', 'rfm.csv'), 'utf8')).toBe(readFileSync(join(dir, 'roles-file', 'rfm.csv'), 'utf8'));
  });

  it('a shard that is down: one line, exit 4, nothing written', async () => {
    // A cluster of its own, so the other tests keep both shards.
    const cluster = (await startClickHouseCluster({ shards: 2 })) as { urls: string[]; stop: () => Promise<void>; stopShard: (i: number) => Promise<void> };
    try {
      const cols = '`id` Int64, `x` Nullable(Float64), `y` Nullable(Float64)';
      for (const url of cluster.urls) await withEngine(url, (e) => e.execute(`CREATE TABLE t_local (${cols}) ENGINE = MergeTree ORDER BY id`));
      await withEngine(cluster.urls[0]!, async (e) => {
        await e.execute(`CREATE TABLE t_all (${cols}) ENGINE = Distributed(segmenta_2shards, default, t_local, id)`);
        await e.execute('INSERT INTO t_local SELECT number, number % 7, number % 5 FROM numbers(500)');
      });
      await cluster.stopShard(1);
      const out = join(dir, 'shard-down');
      const r = await runCli(['run', '--db', cluster.urls[0]!, '--table', 't_all', '--out', out]);
      expect(r.code).toBe(4);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^segmenta: error: clickhouse:\/\/127\.0\.0\.1:\d+\/default: /);
      expect(existsSync(out)).toBe(false);
    } finally {
      await cluster.stop();
    }
  });

  it('an unreachable server is one line (exit 4)', async () => {
    const r = await runCli(['profile', '--db', 'clickhouse://127.0.0.1:1/default', '--table', 'mall', '--out', join(dir, 'unreachable')]);
    expect(r.code).toBe(4);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot connect to clickhouse:\/\/127\.0\.0\.1:1\/default: .*is the server running/);
  });
});
