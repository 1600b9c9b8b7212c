import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentByRules, type SegmentRules } from '../../src/explain/segmentRules.js';
import { INCOME, MALL, ROOT, SPENDING, tempDir } from '../helpers.js';
import { loadCsv, withEngine } from './engineFixtures.js';
import { runCli } from '../cliInProcess.js';

const dir = tempDir();

/** The Mall file's rows as column → cell text. */
function mallRows(): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(MALL, 'utf8').trim().split(/\r?\n/);
  const names = header!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, v])));
}

describe('segmenta export-sql --rules', () => {
  it('runs in DuckDB and PostgreSQL and gives every customer the segment of the first printed rule it meets', async () => {
    const out = join(dir, 'all');
    expect((await runCli(['run', MALL, '--k', '5', '--out', out, '--quiet'])).code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { rules: SegmentRules };
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) as { rules: SegmentRules };
    expect(model.rules.rules.map((r) => [r.segment, r.paths, r.text])).toEqual(summary.rules.rules.map((r) => [r.segment, r.paths, r.text]));
    const expected = new Map(mallRows().map((r) => [Number(r['CustomerID']), segmentByRules(summary.rules, (c) => r[c])]));
    // The rules say something: most customers meet one.
    expect([...expected.values()].filter((s) => s !== null).length).toBeGreaterThan(150);
    const urls = await loadCsv(MALL, 'mall_rules');
    for (const [dialect, url] of [
      ['duckdb', urls.duckdb],
      ['postgres', urls.postgres],
    ] as const) {
      const sql = await runCli(['export-sql', join(out, 'model.json'), '--rules', '--dialect', dialect, '--table', 'mall_rules']);
      expect(sql.code, sql.stderr).toBe(0);
      expect(sql.stdout).toMatch(/^-- Segmenta rules query/);
      const rows = await withEngine(url, (e) => e.query(sql.stdout));
      expect(rows).toHaveLength(200);
      for (const row of rows) {
        const id = Number(row['CustomerID']);
        const segment = row['segment'] === null ? null : Number(row['segment']);
        expect(segment, `${dialect}, customer ${id}`).toBe(expected.get(id));
        if (segment !== null) expect(row['segment_name']).toBe(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')).segments[segment - 1].name);
      }
    }
  });

  it('a --db run writes the same rules as the file run (the sample is the whole table), into summary.json and model.json', async () => {
    const file = join(dir, 'file');
    expect((await runCli(['run', MALL, '--k', '5', '--out', file, '--quiet'])).code).toBe(0);
    const urls = await loadCsv(MALL, 'mall_rules');
    const db = join(dir, 'db');
    const r = await runCli(['run', '--db', urls.duckdb, '--table', 'mall_rules', '--k', '5', '--out', db, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const texts = (out: string, f: string): string[] => (JSON.parse(readFileSync(join(out, f), 'utf8')).rules as SegmentRules).rules.map((x) => x.text);
    expect(texts(db, 'summary.json')).toEqual(texts(file, 'summary.json'));
    expect(texts(db, 'model.json')).toEqual(texts(file, 'summary.json'));
  });

  it('writes every dialect as in its golden file (test/fixtures/sql/mall-rules-*.sql)', async () => {
    const out = join(dir, 'golden');
    expect((await runCli(['run', MALL, '--features', `Gender,${INCOME},${SPENDING}`, '--k', '3', '--rules-depth', '2', '--out', out, '--quiet'])).code).toBe(0);
    for (const dialect of ['duckdb', 'postgres', 'clickhouse', 'trino', 'bigquery']) {
      const sql = (await runCli(['export-sql', join(out, 'model.json'), '--rules', '--dialect', dialect])).stdout;
      const golden = join(ROOT, 'test/fixtures/sql', `mall-rules-${dialect}.sql`);
      if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, sql);
      expect(sql, dialect).toBe(readFileSync(golden, 'utf8'));
    }
  });

  it('--rules-depth sets the depth of every rule; a model without rules is refused in one line', async () => {
    const out = join(dir, 'depth1');
    expect((await runCli(['run', MALL, '--features', `${INCOME},${SPENDING}`, '--k', '5', '--rules-depth', '1', '--out', out, '--quiet'])).code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { rules: SegmentRules; options?: unknown };
    expect(summary.rules.depth).toBe(1);
    for (const r of summary.rules.rules) for (const p of r.paths) expect(p.length).toBeLessThanOrEqual(1);
    const bad = await runCli(['run', MALL, '--rules-depth', '0', '--out', join(dir, 'bad'), '--quiet']);
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'segmenta: error: invalid --rules-depth: 0 (expected an integer from 1 to 8)']);
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) as Record<string, unknown>;
    delete model['rules'];
    const old = join(dir, 'old-model.json');
    writeFileSync(old, JSON.stringify(model));
    const refused = await runCli(['export-sql', old, '--rules', '--dialect', 'duckdb']);
    expect([refused.code, refused.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(refused.stderr).toMatch(/holds no rules/);
  });
});
