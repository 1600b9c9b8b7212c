import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DIALECTS } from '../../src/engine/sqlDialect.js';
import { rulesSql } from '../../src/engine/rulesSql.js';
import type { SegmentaModel } from '../../src/model/model.js';
import { tempDir } from '../helpers.js';
import { withEngine } from '../engine/engineFixtures.js';
import { runCli } from '../cliInProcess.js';

/*
 * Issue 30: SQL that matches the warehouse's types. A model trained on a file where `member` is yes/no text
 * and `region` a code 1/2/3 scores a table whose engine typed them BOOLEAN (UInt8 in ClickHouse 18) and
 * DOUBLE: export-sql (scoring and --rules) gives every customer the run's segment in DuckDB, PostgreSQL and
 * ClickHouse. A model whose rules find no one is refused; PostgreSQL literals hold under either setting of
 * standard_conforming_strings.
 */
const dir = tempDir();
const N = 300;
const rows = Array.from({ length: N }, (_, i) => {
  const member = i % 3 === 0;
  const region = 1 + ((i * 7) % 3);
  return { id: i + 1, member, region, spend: 20 + ((i * 37) % 80) + (member ? 60 : 0), visits: 1 + ((i * 11) % 9) + region * 3 };
});
let out: string;
let expected: Map<string, { segment: number; name: string }>;
let rulesExpected: Map<string, number | null>;

beforeAll(async () => {
  const file = join(dir, 'customers.csv');
  writeFileSync(
    file,
    ['id,member,region,spend,visits', ...rows.map((r) => `${r.id},${r.member ? 'yes' : 'no'},${r.region},${r.spend},${r.visits}`)].join('\n') + '\n',
  );
  out = join(dir, 'run');
  const r = await runCli(['run', file, '--features', 'member,region,spend,visits', '--k', '3', '--out', out, '--quiet', '--stability', 'off']);
  expect(r.code, r.stderr).toBe(0);
  const [, ...lines] = readFileSync(join(out, 'segments.csv'), 'utf8').trim().split('\n');
  expected = new Map(lines.map((l) => l.split(',')).map((c) => [c[0]!, { segment: Number(c[1]), name: c[2]! }]));
  const { segmentByRules } = await import('../../src/explain/segmentRules.js');
  const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) as SegmentaModel;
  rulesExpected = new Map(
    rows.map((r) => [String(r.id), segmentByRules(model.rules!, (c) => String(c === 'member' ? (r.member ? 'yes' : 'no') : r[c as 'region']))]),
  );
  // The same customers as each engine types them itself: BOOLEAN (UInt8) and DOUBLE.
  const values = rows.map((r) => `(${r.id}, ${r.member}, ${r.region}.0, ${r.spend}.0, ${r.visits}.0)`).join(', ');
  const duck = await DuckDBInstance.create(join(dir, 'typed.duckdb'));
  const conn = await duck.connect();
  await conn.run(`CREATE TABLE typed (id INTEGER, member BOOLEAN, region DOUBLE, spend DOUBLE, visits DOUBLE); INSERT INTO typed VALUES ${values}`);
  conn.closeSync();
  duck.closeSync();
  await withEngine(inject('pgUrl'), (e) =>
    e.execute(
      `DROP TABLE IF EXISTS typed; CREATE TABLE typed (id integer, member boolean, region double precision, spend double precision, visits double precision); INSERT INTO typed VALUES ${values}`,
    ),
  );
  await withEngine(inject('chUrls')[0]!, async (e) => {
    await e.execute('DROP TABLE IF EXISTS typed');
    await e.execute('CREATE TABLE typed (id Int32, member UInt8, region Float64, spend Float64, visits Float64) ENGINE = MergeTree ORDER BY id');
    await e.execute(`INSERT INTO typed VALUES ${rows.map((r) => `(${r.id}, ${r.member ? 1 : 0}, ${r.region}, ${r.spend}, ${r.visits})`).join(', ')}`);
  });
}, 120_000);

const engines = () =>
  [
    ['duckdb', `duckdb:${join(dir, 'typed.duckdb')}`],
    ['postgres', inject('pgUrl')],
    ['clickhouse', inject('chUrls')[0]!],
  ] as const;

describe('export-sql compares levels in the column’s own type', () => {
  it('scoring: every customer gets the run’s segment from BOOLEAN/UInt8 and DOUBLE columns', async () => {
    for (const [dialect, url] of engines()) {
      const sql = await runCli(['export-sql', join(out, 'model.json'), '--dialect', dialect, '--table', 'typed']);
      expect(sql.code, sql.stderr).toBe(0);
      const scored = await withEngine(url, (e) => e.query(sql.stdout));
      expect(scored, dialect).toHaveLength(N);
      for (const row of scored) expect([dialect, Number(row['segment'])]).toEqual([dialect, expected.get(String(row['id']))!.segment]);
    }
  });

  it('--rules: every customer gets the segment of the first printed rule it meets', async () => {
    for (const [dialect, url] of engines()) {
      const sql = await runCli(['export-sql', join(out, 'model.json'), '--rules', '--dialect', dialect, '--table', 'typed']);
      expect(sql.code, sql.stderr).toBe(0);
      const ruled = await withEngine(url, (e) => e.query(sql.stdout));
      expect(ruled.filter((r) => r['segment'] !== null).length, dialect).toBeGreaterThan(N / 2);
      for (const row of ruled)
        expect([dialect, row['segment'] === null ? null : Number(row['segment'])]).toEqual([dialect, rulesExpected.get(String(row['id']))]);
    }
  });

  it('a model whose rules find no customer is refused in one line, not written as CASE ELSE NULL END', async () => {
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) as SegmentaModel;
    const empty = { ...model, rules: { ...model.rules!, rules: model.rules!.rules.map((r) => ({ ...r, paths: [] })) } };
    expect(() => rulesSql(empty, 'duckdb', 'typed')).toThrow(/holds no rule that finds a customer/);
    const file = join(dir, 'norules.json');
    writeFileSync(file, JSON.stringify(empty));
    const r = await runCli(['export-sql', file, '--rules', '--dialect', 'postgres']);
    expect([r.code, r.stderr.trim().split('\n').length, r.stdout]).toEqual([2, 1, '']);
  });

  it('PostgreSQL literals read the same with standard_conforming_strings on and off', async () => {
    const tricky = "a\\b'c\\\\d";
    const literal = DIALECTS.postgres.literal(tricky);
    expect(literal).toBe("E'a\\\\b''c\\\\\\\\d'");
    expect(DIALECTS.postgres.literal("plain 'x'")).toBe("'plain ''x'''");
    for (const setting of ['on', 'off'])
      await withEngine(inject('pgUrl'), async (e) => {
        await e.execute(`SET standard_conforming_strings = ${setting}`);
        expect((await e.query(`SELECT ${literal} AS v, ${DIALECTS.postgres.tryNumber("'  -2.5e1 '")} AS n`))[0]).toEqual({ v: tricky, n: -25 });
      });
  });
});
