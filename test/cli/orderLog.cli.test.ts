import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderLogCommand } from '../../src/data/orderLogHint.js';
import { DATA_DIR, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

describe('an order log given to run', () => {
  it('orderLogCommand: recognised by its column names (customer, date, invoice, quantity × price or amount), customer tables are not', () => {
    const retail = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
    expect(orderLogCommand('orders.csv', retail)).toBe(
      'segmenta rfm orders.csv --customer CustomerID --date InvoiceDate --quantity Quantity --price UnitPrice --invoice InvoiceNo',
    );
    expect(orderLogCommand('my orders.csv', ['order_id', 'customer_id', 'order_date', 'amount'])).toBe(
      "segmenta rfm 'my orders.csv' --customer customer_id --date order_date --amount amount --invoice order_id",
    );
    expect(orderLogCommand('mall.csv', ['CustomerID', 'Gender', 'Age', 'Annual Income (k$)', 'Spending Score (1-100)'])).toBeNull();
    expect(orderLogCommand('marketing.csv', ['ID', 'Year_Birth', 'Income', 'Dt_Customer', 'MntWines', 'NumWebPurchases'])).toBeNull();
    // No invoice column: a customer table that happens to have a date and an amount is left alone.
    expect(orderLogCommand('c.csv', ['CustomerID', 'SignupDate', 'Amount'])).toBeNull();
  });
  it('segmenta run on an order log (the Online Retail sample) exits 2 with the rfm command, which then works as printed', async () => {
    // The sample's columns are the whole log's (rfmCli.cli.test.ts runs rfm on the whole log).
    const file = join(DATA_DIR, 'online_retail_sample.csv.gz');
    const r = await runCli(['run', file, '--out', join(tempDir(), 'run')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const command = /segment its customers with: (segmenta rfm .*) — or predict/.exec(r.stderr.trim())?.[1];
    expect(command).toBe(`segmenta rfm ${file} --customer CustomerID --date InvoiceDate --quantity Quantity --price UnitPrice --invoice InvoiceNo`);
    const rfm = await runCli([...command!.split(' ').slice(1), '--out', join(tempDir(), 'rfm'), '--quiet']);
    expect(rfm.code, rfm.stderr).toBe(0);
  }, 180_000);
  it('segmenta profile of an order log profiles it, then exits 2 naming the rfm and clv commands', async () => {
    const dir = tempDir();
    const file = join(dir, 'orders.csv');
    writeFileSync(file, 'InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice\n1,10,2020-01-01,2,3.5\n2,10,2020-01-03,1,4\n3,11,2020-01-05,5,1\n');
    const r = await runCli(['profile', file, '--out', join(dir, 'p')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('CustomerID');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(
      `segment its customers with: segmenta rfm ${file} --customer CustomerID --date InvoiceDate --quantity Quantity --price UnitPrice --invoice InvoiceNo — or predict their value with: segmenta clv ${file}`,
    );
  });
  it('CDNOW without a header (space-aligned, yyyymmdd dates): run and profile exit 2, and the printed clv command works as printed', async () => {
    const file = join(DATA_DIR, 'cdnow_sample.txt');
    for (const command of ['run', 'profile']) {
      const r = await runCli([command, file, '--out', join(tempDir(), command)]);
      expect(r.code, command).toBe(2);
      expect(r.stderr.trim().split('\n'), command).toHaveLength(1);
    }
    const r = await runCli(['run', file, '--out', join(tempDir(), 'run')]);
    const clv = /predict their value with: (segmenta clv .*)$/.exec(r.stderr.trim())?.[1];
    expect(clv).toBe(`segmenta clv ${file} --customer column0 --date column2 --amount column4`);
    const done = await runCli([...clv!.split(' ').slice(1), '--out', join(tempDir(), 'clv'), '--quiet']);
    expect(done.code, done.stderr).toBe(0);
  }, 120_000);
});
