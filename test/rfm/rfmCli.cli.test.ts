import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RETAIL_COLUMNS, ROOT, DATA_DIR, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

const dir = tempDir();
const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const csvRows = (text: string): Array<Record<string, string>> => {
  const [head, ...lines] = text.trim().split('\n');
  const keys = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i]!, v])));
};

describe('segmenta rfm on the full UCI Online Retail log (541,909 lines, gzipped)', () => {
  it('gives every customer the recency, frequency and monetary value of an independent pandas computation', async () => {
    const out = join(dir, 'retail');
    const r = await runCli(['rfm', join(DATA_DIR, 'online_retail.csv.gz'), ...RETAIL_COLUMNS, '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const mine = new Map(csvRows(readFileSync(join(out, 'rfm.csv'), 'utf8')).map((row) => [row['customer']!, row]));
    const reference = csvRows(readFileSync(join(ROOT, 'test/fixtures/online_retail_rfm.csv'), 'utf8'));
    expect(reference.length).toBe(4338);
    expect(mine.size).toBe(reference.length);
    for (const ref of reference) {
      const m = mine.get(ref['customer']!)!;
      expect(m, ref['customer']).toBeDefined();
      expect(Number(m['recency_days'])).toBe(Number(ref['recency']));
      expect(Number(m['frequency'])).toBe(Number(ref['frequency']));
      expect(Math.abs(Number(m['monetary']) - Number(ref['monetary']))).toBeLessThan(1e-5);
    }
    const summary = JSON.parse(readFileSync(join(out, 'rfm_summary.json'), 'utf8'));
    expect(summary.cleaning).toMatchObject({ lines: 541909, dropped: { noCustomer: 135080 }, customers: 4338 });
    expect(summary.dateFormat).toBe('%Y-%m-%d %H:%M:%S');
    expect(summary.asOf).toBe('2011-12-10');
    expect(summary.segments.reduce((s: number, g: any) => s + g.customers, 0)).toBe(4338);
    expect(summary.segments.map((g: any) => g.name)).not.toContain('Others');
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/RFM analysis/);
  });
});

describe('segmenta rfm on small hand-made logs', () => {
  const log = [
    'Invoice,Customer,When,Qty,Price',
    '1,A,12/1/2010 8:26,2,10', // A buys 20
    '2,A,12/5/2010 9:00,1,5', // A buys 5 (second order)
    'C3,A,12/6/2010 10:00,-1,5', // A cancels 5: netted, not an order, not recency
    '4,B,12/2/2010 8:00,3,4', // B buys 12
    '5,B,12/2/2010 8:00,1,0', // zero price: dropped
    '6,,12/3/2010 8:00,1,1', // no customer: dropped
    'C7,D,12/4/2010 8:00,-2,3', // D only returns: left out
    '8,17850.0,12/3/2010 11:00,1,7', // id written as a float
  ].join('\n');

  it('cleans by the documented rule, detects month-first dates and counts everything it dropped', async () => {
    const out = join(dir, 'small');
    const r = await runCli([
      'rfm',
      file('small.csv', log + '\n'),
      '--customer',
      'Customer',
      '--date',
      'When',
      '--quantity',
      'Qty',
      '--price',
      'Price',
      '--invoice',
      'Invoice',
      '--k',
      '2',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.dateFormat).toBe('%m/%d/%Y %H:%M');
    expect(s.asOf).toBe('2010-12-07');
    expect(s.cleaning).toEqual({
      lines: 8,
      dropped: { noCustomer: 1, noDate: 0, nonPositivePrice: 1, zeroValue: 0 },
      cancellationLines: 2,
      returnLines: 0,
      purchaseLines: 4,
      returnOnlyCustomers: 1,
      customers: 3,
    });
    const rows = new Map(csvRows(readFileSync(join(out, 'rfm.csv'), 'utf8')).map((row) => [row['customer']!, row]));
    expect([...rows.keys()]).toEqual(['17850', 'A', 'B']);
    expect(rows.get('A')).toMatchObject({ recency_days: '2', frequency: '2', monetary: '20', tenure_days: '6', average_order_value: '10' });
    expect(rows.get('B')).toMatchObject({ recency_days: '5', frequency: '1', monetary: '12' });
  });

  it('uses --as-of, --amount and custom cut points, and reports the cuts used', async () => {
    const out = join(dir, 'amount');
    const amounts = [
      'id,day,amount',
      ...Array.from({ length: 40 }, (_, i) => `c${i % 10},2020-01-${String(1 + (i % 28)).padStart(2, '0')},${(i % 7) + 1}`),
    ].join('\n');
    const cuts = file('cuts.json', JSON.stringify({ recency: [5, 10, 20, 30], frequency: [1, 2, 3, 4], monetary: [5, 10, 15, 20] }));
    const r = await runCli([
      'rfm',
      file('amounts.csv', amounts + '\n'),
      '--customer',
      'id',
      '--date',
      'day',
      '--amount',
      'amount',
      '--as-of',
      '2020-02-01',
      '--cuts',
      cuts,
      '--k',
      '2',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.asOf).toBe('2020-02-01');
    expect(s.cutsSource).toBe('given');
    expect(s.cuts.monetary).toEqual([5, 10, 15, 20]);
    expect(s.dateFormat).toBe('%Y-%m-%d');
  });

  it('--no-report (as in run) writes the data files and no report.html nor charts, in rfm and in clv', async () => {
    const orders = [
      'id,day,amount',
      ...Array.from(
        { length: 60 },
        (_, i) => `c${i % 12},2020-${String(1 + (i % 5)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')},${(i % 7) + 1}`,
      ),
    ];
    const log = file('orders-no-report.csv', orders.join('\n') + '\n');
    const columns = ['--customer', 'id', '--date', 'day', '--amount', 'amount'];
    for (const [command, data] of [
      ['rfm', ['model.json', 'rfm.csv', 'rfm_summary.json']],
      ['clv', ['clv.csv', 'clv_summary.json', 'model.json']],
    ] as const) {
      const out = join(dir, `${command}-no-report`);
      const r = await runCli([command, log, ...columns, '--k', '2', '--no-report', '--png', '--out', out, '--quiet']);
      expect(r.code, r.stderr).toBe(0);
      expect(
        readdirSync(out)
          .filter((f) => !f.startsWith('.'))
          .sort(),
      ).toEqual(data);
    }
  });

  const bad: Array<{ name: string; content: string; args: string[]; message: RegExp; code?: number }> = [
    {
      name: 'missing required column',
      content: log,
      args: ['--customer', 'Custmer', '--date', 'When', '--amount', 'Qty'],
      message: /has no column "Custmer" \(--customer\); did you mean "Customer"\?/,
    },
    {
      name: 'unparseable date',
      content: log.replace('12/5/2010 9:00', 'fifth of December'),
      args: ['--customer', 'Customer', '--date', 'When', '--quantity', 'Qty', '--price', 'Price'],
      message: /row 2: date "fifth of December" in column "When" cannot be read/,
    },
    {
      name: 'no valid rows',
      content: 'c,d,a\n,2020-01-01,5\nx,2020-01-02,0\n',
      args: ['--customer', 'c', '--date', 'd', '--amount', 'a'],
      message: /no valid purchase lines \(of 2: 1 without customer id/,
    },
    {
      name: 'text in an amount',
      content: 'c,d,a\nx,2020-01-01,5\ny,2020-01-02,lots\n',
      args: ['--customer', 'c', '--date', 'd', '--amount', 'a'],
      message: /row 2: --amount column "a" holds "lots", which is not a usable number/,
    },
    {
      name: 'neither amount nor quantity and price',
      content: log,
      args: ['--customer', 'Customer', '--date', 'When'],
      message: /give --amount COL, or both --quantity COL and --price COL/,
      code: 2,
    },
  ];
  for (const b of bad) {
    it(`refuses bad input: ${b.name} (one line, exit ${b.code ?? 3}, nothing written)`, async () => {
      const out = join(dir, `bad-${b.name.replace(/\W+/g, '-')}`);
      const r = await runCli(['rfm', file(`${b.name.replace(/\W+/g, '-')}.csv`, b.content + '\n'), ...b.args, '--out', out]);
      expect(r.code).toBe(b.code ?? 3);
      expect(r.stderr).toMatch(b.message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    });
  }
});
