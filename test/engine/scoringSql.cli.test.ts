import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDuckDB } from '../../src/data/duckdb.js';
import { expectRowsMatchSegmentsCsv, MALL, ROOT, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

const dir = tempDir();
const out = join(dir, 'model');

describe('segmenta export-sql', () => {
  it('the DuckDB query, run on the training file, reproduces predict (segments, names, distances)', async () => {
    expect((await runCli(['run', MALL, '--k', '5', '--out', out, '--quiet'])).code).toBe(0);
    const r = await runCli(['export-sql', join(out, 'model.json'), '--dialect', 'duckdb', '--table', `read_csv('${MALL}')`]);
    expect(r.code).toBe(0);
    const rows = await withDuckDB(async (c) => (await c.runAndReadAll(r.stdout)).getRowObjectsJS());
    expectRowsMatchSegmentsCsv(rows, 'CustomerID', join(out, 'segments.csv'));
  });

  it('writes every dialect as in its golden file (test/fixtures/sql), and refuses other methods', async () => {
    const model = join(dir, 'golden');
    expect((await runCli(['run', MALL, '--features', 'Gender,Age,Annual Income (k$)', '--k', '3', '--out', model, '--quiet'])).code).toBe(0);
    for (const dialect of ['duckdb', 'postgres', 'clickhouse', 'trino', 'bigquery']) {
      const sql = (await runCli(['export-sql', join(model, 'model.json'), '--dialect', dialect])).stdout;
      const golden = join(ROOT, 'test/fixtures/sql', `mall-${dialect}.sql`);
      if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, sql);
      expect(sql).toBe(readFileSync(golden, 'utf8'));
    }
    const gmm = join(dir, 'gmm');
    expect((await runCli(['run', MALL, '--method', 'gmm', '--k', '3', '--out', gmm, '--quiet'])).code).toBe(0);
    const bad = await runCli(['export-sql', join(gmm, 'model.json'), '--dialect', 'duckdb']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/kmeans and hierarchical models; this model is gmm/);
  });
});
