import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderLogCommand } from '../../src/data/orderLogHint.js';
import { cli, SHARED, tempDir } from '../helpers.js';

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
  it('segmenta run online_retail.csv.gz exits 2 with the rfm command, which then works as printed', () => {
    const file = join(SHARED, 'online_retail.csv.gz');
    const r = cli(['run', file, '--out', join(tempDir(), 'run')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const command = /segment its customers with: (segmenta rfm .*)$/.exec(r.stderr.trim())?.[1];
    expect(command).toBe(`segmenta rfm ${file} --customer CustomerID --date InvoiceDate --quantity Quantity --price UnitPrice --invoice InvoiceNo`);
    const rfm = cli([...command!.split(' ').slice(1), '--out', join(tempDir(), 'rfm'), '--quiet']);
    expect(rfm.code, rfm.stderr).toBe(0);
  }, 180_000);
  it('segmenta profile of an order log profiles it and says which rfm command segments its customers', () => {
    const dir = tempDir();
    const file = join(dir, 'orders.csv');
    writeFileSync(file, 'InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice\n1,10,2020-01-01,2,3.5\n2,10,2020-01-03,1,4\n3,11,2020-01-05,5,1\n');
    const r = cli(['profile', file, '--out', join(dir, 'p')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      `this looks like an order log (one row per order line): segment its customers with segmenta rfm ${file} --customer CustomerID --date InvoiceDate --quantity Quantity --price UnitPrice --invoice InvoiceNo`,
    );
  });
});
