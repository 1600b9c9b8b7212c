import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cli, ROOT, tempDir } from '../helpers.js';

describe('k-means helper threads never leave the caller waiting', () => {
  it('kmeans() from a script run with `node --input-type=module -e` returns (the worker gets its own flags)', () => {
    const script = `
      import { kmeans } from ${JSON.stringify(join(ROOT, 'dist/index.js'))};
      const n = 300000, d = 4, data = new Float64Array(n * d);
      let s = 1;
      for (let i = 0; i < data.length; i++) { s = (s * 16807) % 2147483647; data[i] = s / 2147483647 + (i % 3); }
      const one = kmeans({ rows: n, cols: d, data }, { k: 5, nInit: 4, seed: 1 });
      console.log(JSON.stringify({ inertia: one.inertia, k: one.centers.rows }));`;
    // A hang is the failure: the child is killed after 120 s and the test fails on its missing output.
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, SEGMENTA_THREADS: '2' },
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { inertia: number; k: number };
    expect(out.k).toBe(5);
    expect(out.inertia).toBeGreaterThan(0);
    // The same answer as a plain script (threads or not, the result does not depend on them).
    const plain = spawnSync(process.execPath, ['--input-type=module'], {
      input: script,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, SEGMENTA_THREADS: '1' },
    });
    expect(JSON.parse(plain.stdout)).toEqual(out);
  }, 300_000);

  it('segmenta demo gives the same bytes with --threads 1 and --threads 3 (restarts and seeding on three threads)', () => {
    const dir = tempDir();
    // 40,000 rows × k 6 × 10 restarts is above the size at which k-means uses its helper threads.
    const run = (threads: string): Record<string, string> => {
      const out = join(dir, `t${threads}`);
      const r = cli(['demo', '--rows', '40000', '--k', '6', '--stability', 'off', '--no-report', '--quiet', '--threads', threads, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      return Object.fromEntries(['summary.json', 'model.json', 'segments.csv'].map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    };
    expect(run('3')).toEqual(run('1'));
    expect(cli(['demo', '--threads', '0', '--out', join(dir, 'bad')]).stderr.trim()).toBe('segmenta: error: invalid --threads: 0 (expected an integer ≥ 1)');
  }, 300_000);
});
