import { statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { withDuckDB } from '../../src/data/duckdb.js';
import { cli, tempDir } from '../helpers.js';

it('a 1,000,000-row input produces a report under 5 MB that says it plots a sample', async () => {
  const dir = tempDir();
  const csv = join(dir, 'million.csv');
  await withDuckDB((c) =>
    c.run(`COPY (SELECT 'C' || i AS customer_id, round(20 + 60 * ((hash(i) % 1000) / 1000.0) + (i % 4) * 15, 2) AS income,
                  round((hash(i * 7) % 100) + (i % 4) * 10, 1) AS spending FROM range(1000000) t(i))
           TO '${csv}' (HEADER, DELIMITER ',')`),
  );
  const out = join(dir, 'out');
  // Stability off: the report's size and its plotted sample are under test, not the 20 re-clusterings of the
  // 200,000-row sample (12 of the run’s 21 CPU seconds; the million-row runs of engineRun1m.slow keep it on).
  const r = cli(['run', csv, '--k', '4', '--k-min', '4', '--k-max', '4', '--stability', 'off', '--out', out, '--json']);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).data.rows).toBe(1_000_000);
  const size = statSync(join(out, 'report.html')).size;
  expect(size).toBeLessThan(5 * 1024 * 1024);
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/A seeded stratified sample of [0-9],[0-9]{3} of 1,000,000 customers/);
}, 240_000);
