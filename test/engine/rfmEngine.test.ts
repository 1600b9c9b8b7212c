import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, RETAIL_COLUMNS, ROOT, SHARED, tempDir } from '../helpers.js';
import { loadCsv } from './engineFixtures.js';

const csvRows = (text: string): Array<Record<string, string>> => {
  const [head, ...lines] = text.trim().split('\n');
  const keys = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i]!, v])));
};

describe('segmenta rfm --db --table (the aggregation runs in the database)', () => {
  it('Online Retail as a DuckDB and a PostgreSQL table: every customer R, F, M as the independent pandas computation, and the same files as from the log file', async () => {
    const dir = tempDir();
    const urls = await loadCsv(join(SHARED, 'online_retail.csv.gz'), 'orders');
    const args = [...RETAIL_COLUMNS, '--k-max', '6', '--quiet'];
    expect(cli(['rfm', join(SHARED, 'online_retail.csv.gz'), ...args, '--out', join(dir, 'file')]).code).toBe(0);
    const fromFile = readFileSync(join(dir, 'file', 'rfm.csv'), 'utf8');
    const reference = csvRows(readFileSync(join(ROOT, 'test/fixtures/online_retail_rfm.csv'), 'utf8'));
    for (const [engine, url] of Object.entries(urls)) {
      const out = join(dir, engine);
      const r = cli(['rfm', '--db', url, '--table', 'orders', ...args, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      const mine = new Map(csvRows(readFileSync(join(out, 'rfm.csv'), 'utf8')).map((row) => [row['customer']!, row]));
      expect(mine.size).toBe(4338);
      for (const ref of reference) {
        const m = mine.get(ref['customer']!)!;
        expect(m, ref['customer']).toBeDefined();
        expect([Number(m['recency_days']), Number(m['frequency'])]).toEqual([Number(ref['recency']), Number(ref['frequency'])]);
        expect(Math.abs(Number(m['monetary']) - Number(ref['monetary']))).toBeLessThan(1e-5);
      }
      const summary = JSON.parse(readFileSync(join(out, 'rfm_summary.json'), 'utf8'));
      expect(summary.cleaning).toMatchObject({ lines: 541909, dropped: { noCustomer: 135080 }, customers: 4338 });
      expect(summary.asOf).toBe('2011-12-10');
      expect(readFileSync(join(out, 'rfm.csv'), 'utf8')).toBe(fromFile);
    }
  });

  it('refuses a text date column with a clear line', async () => {
    const dir = tempDir();
    const urls = await loadCsv(join(SHARED, 'online_retail.csv.gz'), 'orders_text');
    const r = cli([
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
      dir,
      '--quiet',
    ]);
    expect([r.code, r.stderr.trim()]).toEqual([
      3,
      expect.stringMatching(/--date column "Description" is VARCHAR; it must be a date or timestamp \(cast it in a view\)$/),
    ]);
  });
});
