import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';
import { withEngine } from '../engine/engineFixtures.js';

/*
 * Issue 30: Ctrl-C (SIGINT) or SIGTERM while `run --db … --write-table` fills its temporary table removes the
 * table and the staging folder, exits 130/143 with one line — on a real PostgreSQL and a real ClickHouse.
 */
const ROWS = 3_000_000;

beforeAll(async () => {
  await withEngine(inject('pgUrl'), (e) =>
    e.execute(
      `DROP TABLE IF EXISTS interrupt_big; CREATE TABLE interrupt_big AS SELECT g AS id, (g::bigint * 7919 % 1000)::double precision AS a, (g::bigint * 104729 % 997)::double precision AS b FROM generate_series(1, ${ROWS}) g`,
    ),
  );
  await withEngine(inject('chUrls')[0]!, async (e) => {
    await e.execute('DROP TABLE IF EXISTS interrupt_big');
    await e.execute('CREATE TABLE interrupt_big (id Int64, a Float64, b Float64) ENGINE = MergeTree ORDER BY id');
    await e.execute(`INSERT INTO interrupt_big SELECT number + 1, (number * 7919) % 1000, (number * 104729) % 997 FROM numbers(${ROWS * 4})`);
  });
}, 240_000);

/** Runs `run --db URL --table interrupt_big --write-table out`, sends `signal` once a temporary table exists. */
async function interrupted(url: string, signal: 'SIGINT' | 'SIGTERM', tables: () => Promise<string[]>) {
  const out = join(tempDir(), 'out');
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'dist/cli/main.js'),
      'run',
      '--db',
      url,
      '--table',
      'interrupt_big',
      '--write-table',
      'interrupt_out',
      '--k',
      '3',
      '--max-iter',
      '1',
      '--stability',
      'off',
      '--sample-size',
      '5000',
      // No median to compute: the interruption, not the statistics, is under test.
      '--impute',
      'mean',
      '--out',
      out,
    ],
    { cwd: ROOT, env: { ...process.env, CI: 'true' } },
  );
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let seen = false;
  for (let i = 0; i < 6000 && child.exitCode === null; i++) {
    if ((await tables()).some((t) => t.startsWith('segmenta_tmp_'))) {
      seen = true;
      child.kill(signal);
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const code = await exited;
  const staging = readdirSync(dirname(out)).filter((f) => f.includes('.segmenta-'));
  return { seen, code, stderr, out, staging };
}

describe('Ctrl-C during a write-back removes what it staged', () => {
  it('PostgreSQL: SIGINT while the temporary table is filled → exit 130, one line, no temporary table, no staging folder', async () => {
    const pg = inject('pgUrl');
    const tables = () =>
      withEngine(pg, async (e) =>
        (await e.query(`SELECT table_name AS t FROM information_schema.tables WHERE table_name LIKE 'segmenta%'`)).map((r) => String(r['t'])),
      );
    const r = await interrupted(pg, 'SIGINT', tables);
    expect(r.seen, r.stderr).toBe(true);
    expect(r.code).toBe(130);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^segmenta: interrupted \(SIGINT\); removed the temporary table segmenta_tmp_[0-9a-f]+$/m);
    expect(await tables()).toEqual([]);
    expect(existsSync(r.out)).toBe(false);
    expect(r.staging).toEqual([]);
  }, 240_000);

  it('ClickHouse: SIGTERM while the temporary table is filled → exit 143, one line, no temporary table', async () => {
    const ch = inject('chUrls')[0]!;
    const tables = () =>
      withEngine(ch, async (e) =>
        (await e.query(`SELECT name FROM system.tables WHERE database = 'default' AND name LIKE 'segmenta%'`)).map((r) => String(r['name'])),
      );
    const r = await interrupted(ch, 'SIGTERM', tables);
    expect(r.seen, r.stderr).toBe(true);
    expect(r.code).toBe(143);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^segmenta: interrupted \(SIGTERM\); removed the temporary table segmenta_tmp_[0-9a-f]+$/m);
    // KILL QUERY is asynchronous on the server side: the table goes within moments.
    for (let i = 0; i < 100 && (await tables()).length; i++) await new Promise((res) => setTimeout(res, 100));
    expect(await tables()).toEqual([]);
    expect(r.staging).toEqual([]);
  }, 240_000);
});
