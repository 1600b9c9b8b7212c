import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers.js';
import { expectClose, expectSamePipeline, segmentsOf, writtenSegments } from './engineAsserts.js';
import { generatedCustomersCsv, loadClickHouse, loadCsv } from './engineFixtures.js';

// The slow project (vitest --project slow; npm test runs it too): a million rows through both engines.
const common = ['--k-max', '8', '--sample-size', '20000', '--no-report', '--quiet'];
let memoryRun: { memory: { segments: Array<{ size: number }>; pipeline: unknown; centroids: number[][] }; memoryLabels: Map<string, number> } | undefined;

/** The in-memory run every engine is compared with: made once for the file (a million rows take a while). */
function inMemory(): NonNullable<typeof memoryRun> {
  if (!memoryRun) {
    const out = join(tempDir(), 'mem');
    expect(cli(['run', generatedCustomersCsv(1_000_000), ...common, '--out', out]).code).toBe(0);
    memoryRun = {
      memory: JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')),
      memoryLabels: segmentsOf(readFileSync(join(out, 'segments.csv'), 'utf8')),
    };
  }
  return memoryRun;
}

describe('segmenta run --db on a generated 1,000,000-row table', () => {
  it('DuckDB engine, PostgreSQL engine and in-memory runs give the same k, centroids (1e-9) and labels', async () => {
    const dir = tempDir();
    const csv = generatedCustomersCsv(1_000_000);
    const db = await loadCsv(csv, 'generated');
    const { memory, memoryLabels } = inMemory();
    expect(memory.segments).toHaveLength(5);
    for (const [engine, url] of Object.entries(db)) {
      const out = join(dir, engine);
      const r = cli(['run', '--db', url, '--table', 'generated', ...common, '--out', out, '--write-table', 'generated_segments']);
      expect(r.code, r.stderr).toBe(0);
      const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
      expect(summary.engine.sampleRows).toBe(20_000);
      expect(summary.engine.engineIterations).toBeGreaterThan(0);
      expect(model.segments.map((s: { size: number }) => s.size)).toEqual(memory.segments.map((s: { size: number }) => s.size));
      expectSamePipeline(model.pipeline, memory.pipeline);
      expectClose(model.centroids.flat(), memory.centroids.flat(), 1e-9);
      const written = await writtenSegments(url, 'generated_segments');
      expect(written.size).toBe(1_000_000);
      let differ = 0;
      for (const [key, segment] of memoryLabels) if (written.get(key) !== segment) differ++;
      expect(differ).toBe(0);
    }
  });

  it('ClickHouse, 2 shards behind a Distributed table: the same k, centroids (1e-9) and every label as in memory', async () => {
    const dir = tempDir();
    const t = await loadClickHouse(generatedCustomersCsv(1_000_000), 'generated');
    const { memory, memoryLabels } = inMemory();
    const out = join(dir, 'ch');
    const r = cli(['run', '--db', t.url, '--table', t.distributed, '--id', 'customer_id', ...common, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).engine.engineIterations).toBeGreaterThan(0);
    expect(model.segments.map((s: { size: number }) => s.size)).toEqual(memory.segments.map((s: { size: number }) => s.size));
    expectClose(model.centroids.flat(), memory.centroids.flat(), 1e-9);
    const streamed = segmentsOf(readFileSync(join(out, 'segments.csv'), 'utf8'));
    expect(streamed.size).toBe(1_000_000);
    let differ = 0;
    for (const [key, segment] of memoryLabels) if (streamed.get(key) !== segment) differ++;
    expect(differ).toBe(0);
  });

  it('--init both starts from the sample and from k-means|| and keeps the lower whole-table inertia (DuckDB, 1M rows)', async () => {
    const dir = tempDir();
    const db = await loadCsv(generatedCustomersCsv(1_000_000), 'generated');
    const r = cli([
      'run',
      '--db',
      db.duckdb,
      '--table',
      'generated',
      '--k',
      '5',
      '--k-min',
      '5',
      '--k-max',
      '5',
      '--sample-size',
      '5000',
      '--init',
      'both',
      '--no-report',
      '--quiet',
      '--out',
      dir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    const starts = summary.engine.starts as Array<{ init: string; inertia: number }>;
    expect(starts.map((s) => s.init)).toEqual(['sample', 'kmeans||']);
    // summary.json rounds figures to 12 digits, so the kept start is checked as the lowest within that.
    const kept = starts.find((s) => s.init === summary.method.start)!;
    expect(kept.inertia).toBeLessThanOrEqual(Math.min(...starts.map((s) => s.inertia)) * (1 + 1e-11));
    expect(summary.inertia).toBe(kept.inertia);
    expect(Math.abs(starts[0]!.inertia - starts[1]!.inertia) / starts[0]!.inertia).toBeLessThan(1e-9);
  });
});
