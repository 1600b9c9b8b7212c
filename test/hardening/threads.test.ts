import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

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
});
