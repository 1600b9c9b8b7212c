import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { redact, redactAll } from '../../src/engine/sqlEngine.js';
import { existsSync, INCOME, MALL, SPENDING, tempDir } from '../helpers.js';
import { loadCsv, withEngine } from '../engine/engineFixtures.js';
import { runCli } from '../cliInProcess.js';

let urls: { duckdb: string; postgres: string };
beforeAll(async () => {
  urls = await loadCsv(MALL, 'mall_hardening');
});
const FEATURES = ['--features', `${INCOME},${SPENDING}`, '--k', '3', '--quiet'];
const oldTable = `DROP TABLE IF EXISTS keep_me; CREATE TABLE keep_me (note text); INSERT INTO keep_me VALUES ('old')`;

describe('--write-table never destroys a table', () => {
  it('a 63+ character name (PostgreSQL would truncate it into another table) is refused before any work', async () => {
    const long = 'k'.repeat(64);
    const r = await runCli(['run', '--db', urls.postgres, '--table', 'mall_hardening', '--write-table', long, '--out', join(tempDir(), 'out'), ...FEATURES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is 64 bytes long; postgres keeps at most 63/);
    await withEngine(urls.postgres, async (e) =>
      expect(await e.query(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'kkkk%' OR table_name LIKE '%segmenta%'`)).toEqual([]),
    );
    const dotted = await runCli([
      'run',
      '--db',
      urls.duckdb,
      '--table',
      'mall_hardening',
      '--write-table',
      'a.b.c.d',
      '--out',
      join(tempDir(), 'out'),
      ...FEATURES,
    ]);
    expect([dotted.code, dotted.stderr]).toEqual([
      2,
      expect.stringMatching(/invalid --write-table: "a\.b\.c\.d" \(expected a table name such as segments or sales\.segments\)/),
    ]);
  });

  it('the source table as --write-table is refused: the customers stay', async () => {
    // DuckDB compares names without case; PostgreSQL, where Segmenta quotes names, by schema and exact name.
    for (const [url, target] of [
      [urls.postgres, 'public.mall_hardening'],
      [urls.duckdb, 'MALL_HARDENING'],
    ] as const) {
      const r = await runCli(['run', '--db', url, '--table', 'mall_hardening', '--write-table', target, '--out', join(tempDir(), 'out'), ...FEATURES]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is the source table/);
      await withEngine(url, async (e) => expect(Number((await e.query('SELECT count(*) AS n FROM mall_hardening'))[0]!['n'])).toBe(200));
    }
  });

  it('a run that cannot write its outputs leaves the old table (the swap comes after every output)', async () => {
    for (const url of [urls.postgres, urls.duckdb]) {
      await withEngine(url, (e) => e.execute(oldTable));
      const file = join(tempDir(), 'a-file');
      writeFileSync(file, 'x');
      const r = await runCli(['run', '--db', url, '--table', 'mall_hardening', '--write-table', 'keep_me', '--out', file, ...FEATURES]);
      expect(r.code).toBe(2);
      await withEngine(url, async (e) => expect(await e.query('SELECT note FROM keep_me')).toEqual([{ note: 'old' }]));
      const ok = await runCli(['run', '--db', url, '--table', 'mall_hardening', '--write-table', 'keep_me', '--out', join(tempDir(), 'out'), ...FEATURES]);
      expect(ok.code).toBe(0);
      await withEngine(url, async (e) => {
        expect(Number((await e.query('SELECT count(*) AS n FROM keep_me'))[0]!['n'])).toBe(200);
        const tables = url.startsWith('postgres')
          ? await e.query(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%segmenta%'`)
          : await e.query(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%segmenta%'`);
        expect(tables).toEqual([]);
      });
    }
  });
});

describe('passwords never leave the command line', () => {
  it('redact removes the whole password, even one holding "@", ":" or "/"', () => {
    expect(redact('postgres://ana:p@ss:w/rd@db.example:5432/shop')).toBe('postgres://ana@db.example:5432/shop');
    expect(redact('postgres://ana@db/shop')).toBe('postgres://ana@db/shop');
    expect(redact('duckdb:shop.db')).toBe('duckdb:shop.db');
    expect(redactAll('--db=postgres://u:s3cr@t@h/db --x')).toBe('--db=postgres://u@h/db --x');
  });

  it('report.html, summary.json and errors of a run --db hold no password', async () => {
    const withPassword = urls.postgres.replace('segmenta@', 'segmenta:Hunter2@x@');
    const out = join(tempDir(), 'out');
    expect((await runCli(['run', '--db', withPassword, '--table', 'mall_hardening', '--out', out, ...FEATURES])).code).toBe(0);
    for (const f of ['report.html', 'summary.json', 'profile.json', 'model.json', '.segmenta-run.json'])
      expect(readFileSync(join(out, f), 'utf8'), f).not.toMatch(/Hunter2/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/segmenta run --db /);
    const bad = await runCli(['run', '--db', withPassword, '--table', 'no_such_table', '--out', join(tempDir(), 'o2'), ...FEATURES]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).not.toMatch(/Hunter2/);
    const badPort = await runCli(['run', '--db', 'postgres://u:Hunter2@127.0.0.1:99999/db', '--table', 't', '--out', join(tempDir(), 'o3')]);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/is not a valid URL \(check the port/);
    expect(badPort.stderr).not.toMatch(/Hunter2|internal error/);
    expect(existsSync(join(tempDir(), 'o3'))).toBe(false);
  });
});
