import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { kmeansPlusPlus } from '../../src/cluster/kmeansPlusPlus.js';
import { kmeans } from '../../src/cluster/kmeans.js';
import { readTable } from '../../src/data/readTable.js';
import { detectKey } from '../../src/data/detectKey.js';
import { fitPipelineInEngine } from '../../src/engine/fitPipelineInEngine.js';
import { lloydInEngine } from '../../src/engine/lloydInEngine.js';
import { scoringSql } from '../../src/engine/scoringSql.js';
import { tableStats } from '../../src/engine/tableStats.js';
import { fitPipeline } from '../../src/preprocess/pipeline.js';
import { selectFeatures } from '../../src/preprocess/selectFeatures.js';
import { createRandom } from '../../src/util/random.js';
import type { Matrix } from '../../src/util/matrix.js';
import { existsSync, type CliResult, expectRowsMatchSegmentsCsv, INCOME, MALL, DATA_DIR, SPENDING, tempDir } from '../helpers.js';
import { expectClose, expectSamePipeline, segmentsOf, writtenSegments } from './engineAsserts.js';
import { loadClickHouse, loadCsv, withEngine } from './engineFixtures.js';
import { runCli } from '../cliInProcess.js';

const CC = join(DATA_DIR, 'cc_general.csv');
const MARKETING = join(DATA_DIR, 'marketing_campaign.csv');

const urls: Record<string, { duckdb: string; postgres: string; clickhouse: string }> = {};
beforeAll(async () => {
  // ClickHouse: the MergeTree table of the same name on shard 1 (test/engine/clickhouse.test.ts covers the Distributed one).
  for (const [name, file] of [
    ['mall', MALL],
    ['cc', CC],
    ['marketing', MARKETING],
  ] as const)
    urls[name] = { ...(await loadCsv(file, name)), clickhouse: (await loadClickHouse(file, name)).url };
});

describe('the preprocessing fitted by SQL aggregates', () => {
  it.each([
    ['cc', CC, { scale: 'standard' as const }],
    ['marketing', MARKETING, { log: 'auto' as const }],
    ['mall', MALL, { scale: 'robust' as const, features: ['Gender', 'Age', INCOME] }],
    ['mall', MALL, { scale: 'minmax' as const, impute: 'mean' as const }],
  ])('equals the in-memory pipeline: %s %j, in DuckDB, PostgreSQL and ClickHouse', async (name, file, options) => {
    const table = await readTable(file);
    const key = detectKey(table);
    const memory = fitPipeline(table, selectFeatures(table, key, options.features).columns, options);
    for (const url of Object.values(urls[name]!)) {
      const prep = await withEngine(url, async (e) => fitPipelineInEngine(e, name, await tableStats(e, name, await e.columns(name)), options));
      expect(prep.key.column).toBe(key.column);
      expectSamePipeline(prep.pipeline, memory.pipeline);
      expect(prep.report.imputed).toEqual(memory.report.imputed.map((i) => (typeof i.value === 'number' ? { ...i, value: expect.closeTo(i.value, 9) } : i)));
    }
  });
});

describe('segmenta profile --db', () => {
  it.each([
    ['mall', MALL],
    ['cc', CC],
    ['marketing', MARKETING],
  ])('gives the profile of the file, computed in DuckDB, PostgreSQL and ClickHouse: %s', async (name, file) => {
    const dir = tempDir();
    expect((await runCli(['profile', file, '--out', join(dir, 'file'), '--json'])).code).toBe(0);
    const expected = JSON.parse(readFileSync(join(dir, 'file', 'profile.json'), 'utf8'));
    for (const [engine, url] of Object.entries(urls[name]!)) {
      const r = await runCli(['profile', '--db', url, '--table', name, '--out', join(dir, engine), '--json']);
      expect(r.code, r.stderr).toBe(0);
      const got = JSON.parse(readFileSync(join(dir, engine, 'profile.json'), 'utf8'));
      expect(got.rows).toBe(expected.rows);
      // Dates are typed in a database: their text is the engine's own; every other figure must agree.
      const comparable = (c: Record<string, unknown>): Record<string, unknown> => (c['type'] === 'date' ? { ...c, first: undefined, last: undefined } : c);
      expect(got.columns.map((c: Record<string, unknown>) => c['name'])).toEqual(expected.columns.map((c: Record<string, unknown>) => c['name']));
      got.columns.forEach((c: Record<string, unknown>, i: number) => {
        const e = comparable(expected.columns[i]);
        for (const [k, v] of Object.entries(comparable(c))) {
          if (typeof v === 'number')
            expect(Math.abs(v - (e[k] as number)), `${engine} ${c['name']}.${k}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e[k] as number)));
          else expect(v, `${engine} ${c['name']}.${k}`).toEqual(e[k]);
        }
      });
      expect(got.correlations.columns).toEqual(expected.correlations.columns);
      expectClose(got.correlations.pearson.flat(), expected.correlations.pearson.flat(), 1e-9);
      expectClose(got.correlations.spearman.flat(), expected.correlations.spearman.flat(), 1e-9);
    }
  });
});

describe('Lloyd iterations as SQL', () => {
  it('follow in-memory Lloyd from the same start to the same centres (1e-9) and labels, on cc_general (8,950 × 17, missing values)', async () => {
    const table = await readTable(CC);
    const { pipeline, matrix } = fitPipeline(table, selectFeatures(table, detectKey(table)).columns);
    const init = kmeansPlusPlus(matrix, 6, createRandom(7));
    const memory = kmeans(matrix, { k: 6, init, algorithm: 'lloyd' });
    for (const url of [urls['cc']!.duckdb, urls['cc']!.postgres]) {
      await withEngine(url, async (engine) => {
        const bounds = boundsOf(matrix);
        const run = await lloydInEngine({ engine, table: 'cc', rows: matrix.rows, pipeline, bounds }, init, {});
        expect(run.converged).toBe(true);
        expectClose(run.centers.data, memory.centers.data, 1e-9);
        // The engine's labels under those centres (the scoring query) are the in-memory labels.
        const model = {
          method: 'kmeans',
          key: 'CUST_ID',
          pipeline,
          centroids: Array.from({ length: 6 }, (_, j) => Array.from(run.centers.data.subarray(j * matrix.cols, (j + 1) * matrix.cols))),
          segments: Array.from({ length: 6 }, (_, j) => ({ id: j + 1, name: `s${j + 1}`, size: 0, share: 0 })),
          segmentaVersion: 'test',
          seed: 0,
        };
        const rows = await engine.query(scoringSql(model as never, engine.dialect.name, 'cc'));
        const byKey = new Map(rows.map((r) => [String(r['CUST_ID']), Number(r['segment']) - 1]));
        const keys = table.columns.find((c) => c.name === 'CUST_ID')!.values as string[];
        expect(keys.filter((k, i) => byKey.get(k) !== memory.labels[i]).length).toBe(0);
      });
    }
  });
});

function boundsOf(m: Matrix): number[] {
  return Array.from({ length: m.cols }, (_, t) => {
    let b = 0;
    for (let i = 0; i < m.rows; i++) b = Math.max(b, Math.abs(m.data[i * m.cols + t]!));
    return b;
  });
}

describe('segmenta run --db', () => {
  const dir = tempDir();

  it('Mall: DuckDB, PostgreSQL and in-memory runs give the same k, centroids (1e-9) and labels, written back (--write-table) or streamed into segments.csv; duckdb: reads the file in place', async () => {
    const features = ['--features', `${INCOME},${SPENDING}`];
    expect((await runCli(['run', MALL, ...features, '--out', join(dir, 'mall-mem'), '--quiet'])).code).toBe(0);
    const memory = JSON.parse(readFileSync(join(dir, 'mall-mem', 'model.json'), 'utf8'));
    const memoryLabels = segmentsOf(readFileSync(join(dir, 'mall-mem', 'segments.csv'), 'utf8'));
    for (const [engine, url] of Object.entries(urls['mall']!)) {
      const out = join(dir, `mall-${engine}`);
      const r = await runCli(['run', '--db', url, '--table', 'mall', ...features, '--out', out, '--write-table', 'mall_segments']);
      expect(r.code, r.stderr).toBe(0);
      const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
      expect(model.segments.map((s: { name: string }) => s.name)).toEqual(memory.segments.map((s: { name: string }) => s.name));
      expectClose(model.centroids.flat(), memory.centroids.flat(), 1e-9);
      expect(await writtenSegments(url, 'mall_segments')).toEqual(memoryLabels);
      // Stability is measured in engine runs too (on the sample, here the whole table): every Mall segment highly stable.
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
      expect(summary.stability.rows).toBe(200);
      expect(summary.segments.map((s: { stability: { verdict: string; bootstraps: number } }) => [s.stability.verdict, s.stability.bootstraps])).toEqual(
        Array(5).fill(['highly stable', 20]),
      );
      // The columns that were not features (Gender, Age) are profiled and described as in memory.
      const memorySummary = JSON.parse(readFileSync(join(dir, 'mall-mem', 'summary.json'), 'utf8'));
      expect(summary.segments.map((s: { description: string }) => s.description)).toEqual(
        memorySummary.segments.map((s: { description: string }) => s.description),
      );
      expect(summary.columns).toEqual(memorySummary.columns);
      // Without --write-table the same segments are streamed out of the engine into segments.csv.
      const streamed = join(dir, `mall-${engine}-csv`);
      expect((await runCli(['run', '--db', url, '--table', 'mall', ...features, '--out', streamed, '--no-report', '--quiet'])).code).toBe(0);
      expect(segmentsOf(readFileSync(join(streamed, 'segments.csv'), 'utf8'))).toEqual(memoryLabels);
    }
    // duckdb: with a file as the table: DuckDB reads the file in place.
    const file = join(dir, 'mall-file');
    expect((await runCli(['run', '--db', 'duckdb:', '--table', MALL, ...features, '--out', file, '--no-report', '--quiet'])).code).toBe(0);
    expectClose(JSON.parse(readFileSync(join(file, 'model.json'), 'utf8')).centroids.flat(), memory.centroids.flat(), 1e-9);
    expect(segmentsOf(readFileSync(join(file, 'segments.csv'), 'utf8'))).toEqual(memoryLabels);
  });
});

describe('determinism in the engine', () => {
  it('the same table and seed give byte-identical summary.json, model.json and segments.csv (Lloyd as SQL on cc_general)', async () => {
    const dir = tempDir();
    const outputs = await Promise.all(
      [1, 2].map(async (i) => {
        const out = join(dir, `run${i}`);
        const r = await runCli([
          'run',
          '--db',
          urls['cc']!.duckdb,
          '--table',
          'cc',
          '--sample-size',
          '1000',
          '--k',
          '4',
          '--k-min',
          '4',
          '--k-max',
          '4',
          '--no-report',
          '--out',
          out,
          '--quiet',
        ]);
        expect(r.code, r.stderr).toBe(0);
        return ['summary.json', 'model.json', 'segments.csv'].map((f) => readFileSync(join(out, f), 'utf8'));
      }),
    );
    expect(outputs[0]).toEqual(outputs[1]);
    expect(JSON.parse(outputs[0]![0]!).engine.engineIterations).toBeGreaterThan(1);
    // Stability on the 1,000-row sample, said in summary.json.
    expect(JSON.parse(outputs[0]![0]!).stability.rows).toBe(1000);
  });
});

describe('k-means|| seeding in the engine', () => {
  it('gives the same centroids in DuckDB and PostgreSQL (the same seeded rows) and an inertia within 1% of in-memory k-means (cc_general, k = 5)', async () => {
    const dir = tempDir();
    expect((await runCli(['run', CC, '--k', '5', '--k-min', '5', '--k-max', '5', '--no-report', '--quiet', '--out', join(dir, 'mem')])).code).toBe(0);
    const memory = JSON.parse(readFileSync(join(dir, 'mem', 'summary.json'), 'utf8'));
    const runs = await Promise.all(
      Object.entries(urls['cc']!).map(async ([engine, url]) => {
        const out = join(dir, engine);
        const r = await runCli([
          'run',
          '--db',
          url,
          '--table',
          'cc',
          '--k',
          '5',
          '--k-min',
          '5',
          '--k-max',
          '5',
          '--init',
          'kmeans||',
          '--no-report',
          '--quiet',
          '--out',
          out,
        ]);
        expect(r.code, r.stderr).toBe(0);
        return { summary: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')), model: JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) };
      }),
    );
    expect(runs[0]!.summary.method.init).toBe('kmeans||');
    expect(runs[0]!.summary.engine.engineIterations).toBeGreaterThan(1);
    expectClose(runs[0]!.model.centroids.flat(), runs[1]!.model.centroids.flat(), 1e-9);
    for (const run of runs) expect(run.summary.inertia / memory.inertia).toBeLessThan(1.01);
  });
});

describe('export-sql in PostgreSQL', () => {
  it('the postgres scoring query, run on the training table, reproduces predict (segments, names, distances)', async () => {
    const dir = tempDir();
    expect((await runCli(['run', MALL, '--features', `Gender,Age,${INCOME},${SPENDING}`, '--k', '6', '--out', dir, '--quiet'])).code).toBe(0);
    const sql = (await runCli(['export-sql', join(dir, 'model.json'), '--dialect', 'postgres', '--table', 'mall'])).stdout;
    const rows = await withEngine(urls['mall']!.postgres, (e) => e.query(`${sql.replace(/;\s*$/, '')} ORDER BY 1`));
    expectRowsMatchSegmentsCsv(rows, 'CustomerID', join(dir, 'segments.csv'));
  });
});

describe('database errors', () => {
  const dir = tempDir();
  const run = async (args: string[]): Promise<CliResult> => await runCli(['run', ...args, '--out', join(dir, 'out'), '--quiet']);

  it('an unreachable server, a missing database file, a missing table or column: one line, exit 3 or 4, nothing written', async () => {
    const port = new URL(inject('pgUrl')).port;
    const closed = await run(['--db', `postgres://nobody:secret@127.0.0.1:1/shop`, '--table', 'customers']);
    expect([closed.code, closed.stderr.trim().split('\n')]).toEqual([
      4,
      [expect.stringMatching(/^segmenta: error: cannot connect to postgres:\/\/nobody@127\.0\.0\.1:1\/shop: .*is the server running/)],
    ]);
    expect(closed.stderr).not.toContain('secret');
    const noDb = await run(['--db', `postgres://segmenta@127.0.0.1:${port}/nosuchdb`, '--table', 'customers']);
    expect([noDb.code, noDb.stderr]).toEqual([4, expect.stringMatching(/database "nosuchdb" does not exist; check the database name/)]);
    const noFile = await run(['--db', 'duckdb:/nonexistent/shop.db', '--table', 'customers']);
    expect([noFile.code, noFile.stderr]).toEqual([4, expect.stringMatching(/no DuckDB database at \/nonexistent\/shop.db/)]);
    for (const url of Object.values(urls['mall']!)) {
      const noTable = await run(['--db', url, '--table', 'mal']);
      expect([noTable.code, noTable.stderr.trim()]).toEqual([3, expect.stringMatching(/has no table "mal"; did you mean "mall"\?$/)]);
      const noColumn = await run(['--db', url, '--table', 'mall', '--features', 'Income']);
      expect([noColumn.code, noColumn.stderr.trim()]).toEqual([
        3,
        expect.stringMatching(/--features column "Income" is not in .* table mall; did you mean "Annual Income \(k\$\)"\?$/),
      ]);
      expect((await run(['--db', url])).code).toBe(2);
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a user without privileges: exit 4 naming the privilege; a refused --write-table leaves the old table and no outputs', async () => {
    const url = urls['mall']!.postgres;
    await withEngine(url, async (e) => {
      await e.execute(`DROP TABLE IF EXISTS mall_segments; CREATE TABLE mall_segments (note text); INSERT INTO mall_segments VALUES ('old')`);
      await e.execute(`DROP ROLE IF EXISTS reader; CREATE ROLE reader LOGIN; GRANT SELECT ON mall TO reader`);
    });
    const asReader = url.replace('segmenta@', 'reader@');
    const denied = await run(['--db', asReader, '--table', 'mall_segments']);
    expect([denied.code, denied.stderr]).toEqual([4, expect.stringMatching(/permission denied for table mall_segments; ask for SELECT on the table/)]);
    const refused = await run(['--db', asReader, '--table', 'mall', '--write-table', 'mall_segments']);
    expect([refused.code, refused.stderr]).toEqual([
      4,
      expect.stringMatching(/permission denied for schema public; ask for SELECT on the table \(and CREATE on its schema for --write-table\)/),
    ]);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    await withEngine(url, async (e) => {
      expect(await e.query('SELECT note FROM mall_segments')).toEqual([{ note: 'old' }]);
      expect(await e.query(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%segmenta%'`)).toEqual([]);
    });
  });
});
