import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RETAIL_COLUMNS, retailHead, ROOT, tempDir } from '../helpers.js';
import { loadCsv } from './engineFixtures.js';
import { runCli } from '../cliInProcess.js';

const csvRows = (text: string): Array<Record<string, string>> => {
  const [head, ...lines] = text.trim().split('\n');
  const keys = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i]!, v])));
};

describe('segmenta rfm --db --table (the aggregation runs in the database)', () => {
  it('Online Retail (its first 100,000 lines) as a DuckDB and a PostgreSQL table: every customer R, F, M as the independent pandas computation, and the same files as from the log file', async () => {
    // The log's first 100,000 lines hold every kind of line the cleaning drops (35k without a customer,
    // cancellations, prices of 0); the whole log is checked against pandas as a file (rfmCli.cli.test.ts).
    const dir = tempDir();
    const log = await retailHead(100_000, dir);
    const urls = await loadCsv(log, 'orders');
    const args = [...RETAIL_COLUMNS, '--k-max', '6', '--quiet'];
    expect((await runCli(['rfm', log, ...args, '--out', join(dir, 'file')])).code).toBe(0);
    const fromFile = readFileSync(join(dir, 'file', 'rfm.csv'), 'utf8');
    const reference = csvRows(readFileSync(join(ROOT, 'test/fixtures/online_retail_100k_rfm.csv'), 'utf8'));
    for (const [engine, url] of Object.entries(urls)) {
      const out = join(dir, engine);
      const r = await runCli(['rfm', '--db', url, '--table', 'orders', ...args, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      const mine = new Map(csvRows(readFileSync(join(out, 'rfm.csv'), 'utf8')).map((row) => [row['customer']!, row]));
      expect(mine.size).toBe(reference.length);
      for (const ref of reference) {
        const m = mine.get(ref['customer']!)!;
        expect(m, ref['customer']).toBeDefined();
        expect([Number(m['recency_days']), Number(m['frequency'])]).toEqual([Number(ref['recency']), Number(ref['frequency'])]);
        expect(Math.abs(Number(m['monetary']) - Number(ref['monetary']))).toBeLessThan(1e-5);
      }
      const summary = JSON.parse(readFileSync(join(out, 'rfm_summary.json'), 'utf8'));
      expect(summary.cleaning).toMatchObject({ lines: 100_000, dropped: { noCustomer: 34_915 }, customers: reference.length });
      expect(summary.asOf).toBe('2011-02-24');
      expect(readFileSync(join(out, 'rfm.csv'), 'utf8')).toBe(fromFile);
    }
    // Customer value (issue 19) from the same log: every customer of rfm.csv is in clv.csv, with P(alive) and
    // values in range, and the run says the log shows almost no dropout; from the tables, the same files.
    const clvArgs = [...RETAIL_COLUMNS, '--k', '4', '--quiet'];
    const clvFile = join(dir, 'clv-file');
    const fileRun = await runCli(['clv', log, ...RETAIL_COLUMNS, '--k', '4', '--out', clvFile]);
    expect(fileRun.code, fileRun.stderr).toBe(0);
    expect(fileRun.stdout).toMatch(/note: the fit sees almost no customer leave/);
    const clvCustomers = new Set(csvRows(readFileSync(join(clvFile, 'clv.csv'), 'utf8')).map((c) => c['customer']));
    const rfmCustomers = csvRows(fromFile).map((c) => c['customer']);
    expect(rfmCustomers).toHaveLength(reference.length);
    expect(rfmCustomers.filter((c) => !clvCustomers.has(c))).toEqual([]);
    for (const c of csvRows(readFileSync(join(clvFile, 'clv.csv'), 'utf8'))) {
      expect(Number(c['p_alive'])).toBeGreaterThan(0);
      expect(Number(c['p_alive'])).toBeLessThanOrEqual(1);
      expect(Number(c['expected_value'])).toBeGreaterThanOrEqual(0);
    }
    for (const [engine, url] of Object.entries(urls)) {
      const out = join(dir, `clv-${engine}`);
      const r = await runCli(['clv', '--db', url, '--table', 'orders', ...clvArgs, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      const fileCsv = readFileSync(join(clvFile, 'clv.csv'), 'utf8');
      if (engine !== 'postgres') expect(readFileSync(join(out, 'clv.csv'), 'utf8'), engine).toBe(fileCsv);
      else {
        // PostgreSQL's ROUND of a double halves to even where DuckDB rounds half away from zero: a day's
        // fixed-point sum can differ by 2⁻ˢʰⁱᶠᵗ, which moves the Gamma-Gamma fit in the 15th digit. Same
        // customers, segments and counts; every number within 1e-9.
        const mine = csvRows(readFileSync(join(out, 'clv.csv'), 'utf8'));
        const theirs = csvRows(fileCsv);
        expect(mine.map((c) => [c['customer'], c['rfm_segment'], c['frequency']])).toEqual(
          theirs.map((c) => [c['customer'], c['rfm_segment'], c['frequency']]),
        );
        mine.forEach((c, i) => {
          for (const k of ['recency', 'T', 'average_order_value', 'p_alive', 'expected_purchases', 'expected_average_value', 'expected_value']) {
            const a = Number(c[k] || NaN),
              b = Number(theirs[i]![k] || NaN);
            if (Number.isNaN(b)) expect(c[k]).toBe('');
            else expect(Math.abs(a - b), `${c['customer']} ${k}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
          }
        });
      }
    }
  });

  it('refuses a text date column with a clear line', async () => {
    const dir = tempDir();
    // Three lines of an order log are enough: the column's type is refused before any line is read.
    const log = join(dir, 'orders_text.csv');
    writeFileSync(log, 'CustomerID,Description,UnitPrice\n17850,WHITE HANGING HEART T-LIGHT HOLDER,2.55\n13047,CREAM CUPID HEARTS COAT HANGER,2.75\n');
    const urls = await loadCsv(log, 'orders_text');
    const r = await runCli([
      'rfm',
      '--db',
      urls.duckdb,
      '--table',
      'orders_text',
      '--customer',
      'CustomerID',
      '--date',
      'Description',
      '--amount',
      'UnitPrice',
      '--out',
      join(dir, 'out'),
      '--quiet',
    ]);
    expect([r.code, r.stderr.trim()]).toEqual([
      3,
      expect.stringMatching(/--date column "Description" is VARCHAR; it must be a date or timestamp \(cast it in a view\)$/),
    ]);
  });
});
