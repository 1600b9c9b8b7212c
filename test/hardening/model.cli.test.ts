import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateModel } from '../../src/model/validateModel.js';
import { withDuckDB } from '../../src/data/duckdb.js';
import { MALL, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

const dir = tempDir();
let model: any;
beforeAll(async () => {
  expect((await runCli(['run', MALL, '--features', 'Gender,Age,Annual Income (k$)', '--k', '3', '--out', join(dir, 'run'), '--quiet'])).code).toBe(0);
  model = JSON.parse(readFileSync(join(dir, 'run', 'model.json'), 'utf8'));
});
const mutated = (change: (m: any) => void): any => {
  const m = structuredClone(model);
  change(m);
  return m;
};

describe('model.json is validated on load (one line naming the field, nothing written)', () => {
  const cases: Array<[string, (m: any) => void, RegExp]> = [
    ['a null centre', (m) => (m.centroids[1][0] = null), /centroids\[1\]\[0\] is null; expected a finite number/],
    ['a centre too large to square', (m) => (m.centroids[0][1] = 1e200), /centroids\[0\]\[1\] is 1e\+200; expected a number within/],
    ['more centres than segment names', (m) => m.centroids.push(m.centroids[0]), /segments has 3 entries; expected 4/],
    ['an empty segment name', (m) => (m.segments[2].name = ' '), /segments\[2\]\.name is empty/],
    ['a method without its parameters', (m) => (m.method = 'gmm'), /gmm \(a gmm model needs its mixture\) is missing/],
    ['an unknown method', (m) => (m.method = 'dbscan'), /method is "dbscan"; expected one of kmeans, hierarchical, gmm, kprototypes/],
    ['a zero scale', (m) => (m.pipeline.steps.find((s: any) => s.kind === 'number').scale = 0), /scale is 0; expected a number > 0/],
    ['centres of the wrong width', (m) => m.centroids[0].pop(), /centroids\[0\] has \d+ entries; expected \d+/],
    ['a text seed (SQL in a comment)', (m) => (m.seed = '1\nDROP TABLE customers; --'), /seed is "1\\nDROP TABLE customers; --"; expected an integer/],
    ['another format version', (m) => (m.formatVersion = 2), /this Segmenta reads version 1/],
  ];
  for (const [what, change, message] of cases) {
    it(`refuses ${what}`, async () => {
      expect(() => validateModel(mutated(change), 'model.json')).toThrow(message);
      const file = join(dir, `bad-${what.replaceAll(' ', '-')}.json`);
      writeFileSync(file, JSON.stringify(mutated(change)));
      const out = join(dir, `out-${what.replaceAll(' ', '-')}`);
      const r = await runCli(['predict', file, MALL, '--out', out]);
      expect(r.code).toBe(3);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/internal error/);
    });
  }
  it('accepts the model run wrote', () => {
    expect(validateModel(model, 'model.json').segments).toHaveLength(3);
  });
});

describe('segmenta report on a folder whose files were edited', () => {
  it('refuses an edited summary.json or a segment number the model lacks, in one line (exit 3)', async () => {
    const run = join(dir, 'run');
    const copy = join(dir, 'edited');
    cpSync(run, copy, { recursive: true });
    writeFileSync(join(copy, 'summary.json'), '{}');
    const a = await runCli(['report', copy]);
    expect([a.code, a.stderr]).toEqual([3, expect.stringMatching(/summary\.json is not a summary written by segmenta run/)]);
    cpSync(join(run, 'summary.json'), join(copy, 'summary.json'));
    const csv = readFileSync(join(run, 'segments.csv'), 'utf8').split('\n');
    csv[1] = csv[1]!.replace(/^(\d+),\d+,/, '$1,99,');
    writeFileSync(join(copy, 'segments.csv'), csv.join('\n'));
    const b = await runCli(['report', copy]);
    expect([b.code, b.stderr]).toEqual([3, expect.stringMatching(/segments\.csv row 1: segment 99 is not one of the model's 1, 2, 3/)]);
  });
});

describe('export-sql never lets model text become SQL', () => {
  it('a newline in segmentaVersion and a quote in a name stay data: the DuckDB query drops nothing', async () => {
    const evil = mutated((m) => {
      m.segmentaVersion = '0.1.0\nDROP TABLE customers; --';
      m.segments[0].name = "O'Brien\\'); DROP TABLE customers; --";
    });
    const file = join(dir, 'evil.json');
    writeFileSync(file, JSON.stringify(evil));
    const sql = (await runCli(['export-sql', file, '--dialect', 'duckdb'])).stdout;
    expect(sql).not.toMatch(/DROP TABLE customers;\s*$/m);
    await withDuckDB(async (c) => {
      await c.run(`CREATE TABLE customers AS SELECT * FROM read_csv('${MALL}')`);
      const rows = (await c.runAndReadAll(sql)).getRowObjectsJS();
      expect(rows).toHaveLength(200);
      expect(rows.some((r) => r['segment_name'] === "O'Brien\\'); DROP TABLE customers; --")).toBe(true);
      expect(Number((await c.runAndReadAll('SELECT count(*) AS n FROM customers')).getRowObjectsJS()[0]!['n'])).toBe(200);
    });
  });

  it('ClickHouse and BigQuery literals escape backslashes as well as quotes', async () => {
    const evil = mutated((m) => (m.segments[0].name = "a\\' OR 1=1 --"));
    const file = join(dir, 'evil2.json');
    writeFileSync(file, JSON.stringify(evil));
    for (const dialect of ['clickhouse', 'bigquery']) {
      const sql = (await runCli(['export-sql', file, '--dialect', dialect])).stdout;
      expect(sql).toContain("'a\\\\\\' OR 1=1 --'");
    }
    // PostgreSQL: an escape string, read alike whether standard_conforming_strings is on or off.
    expect((await runCli(['export-sql', file, '--dialect', 'postgres'])).stdout).toContain("E'a\\\\'' OR 1=1 --'");
  });
});
