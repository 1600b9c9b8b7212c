import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { withDuckDB } from '../../src/data/duckdb.js';
import { detectKey } from '../../src/data/detectKey.js';
import { readTable } from '../../src/data/readTable.js';
import type { NumberColumn, StringColumn } from '../../src/data/table.js';
import { MALL, DATA_DIR, tempDir } from '../helpers.js';

const dir = tempDir();
const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const num = (t: Awaited<ReturnType<typeof readTable>>, name: string): number[] => Array.from((t.columns.find((c) => c.name === name) as NumberColumn).values);

describe('readTable(path)', () => {
  it('reads a UTF-8 BOM, CRLF, semicolon file with decimal commas', async () => {
    const t = await readTable(file('eu.csv', '\uFEFFid;name;amount\r\n1;"a;b";1,5\r\n2;c;2,25\r\n3;d;-0,75\r\n'));
    expect(t.source).toMatchObject({ delimiter: ';', decimalComma: true, header: true });
    expect(t.columns.map((c) => c.name)).toEqual(['id', 'name', 'amount']);
    expect(num(t, 'amount')).toEqual([1.5, 2.25, -0.75]);
    expect((t.columns[1] as StringColumn).values[0]).toBe('a;b');
  });

  it('reads tab-separated data with blanks as missing (marketing_campaign.csv)', async () => {
    const t = await readTable(join(DATA_DIR, 'marketing_campaign.csv'));
    expect(t.rowCount).toBe(2240);
    expect(t.source?.delimiter).toBe('\t');
    expect(num(t, 'Income').filter(Number.isNaN).length).toBe(24);
    expect(t.columns.find((c) => c.name === 'Dt_Customer')!.kind).toBe('date');
  });

  it('reads Latin-1 text', async () => {
    const t = await readTable(file('latin.csv', Buffer.from('ville,n\ncaf\xe9,1\nna\xefve,2\n', 'latin1')));
    expect(t.source?.encoding).toBe('latin-1');
    expect((t.columns[0] as StringColumn).values).toEqual(['café', 'naïve']);
  });

  it('reads JSON arrays, NDJSON, gzipped CSV and Parquet', async () => {
    const json = await readTable(file('a.json', '[{"id":"a","x":1.5},{"id":"b","x":null},{"id":"c","x":3}]'));
    expect(num(json, 'x')).toEqual([1.5, NaN, 3]);
    const nd = await readTable(file('a.ndjson', '{"x":1,"g":"u"}\n{"x":2,"g":"v"}\n'));
    expect(nd.rowCount).toBe(2);
    const gz = await readTable(file('a.csv.gz', gzipSync('x,y\n1,2\n3,4\n')));
    expect(num(gz, 'y')).toEqual([2, 4]);
    const pq = join(dir, 'mall.parquet');
    await withDuckDB((c) => c.run(`COPY (SELECT * FROM read_csv('${MALL}')) TO '${pq}' (FORMAT parquet)`));
    const t = await readTable(pq);
    expect(t.source?.format).toBe('parquet');
    expect(t.rowCount).toBe(200);
    expect(num(t, 'Age').slice(0, 3)).toEqual([19, 21, 20]);
  });

  it('keeps Yes/No columns as text categories (no boolean guessing)', async () => {
    const t = await readTable(file('yn.csv', 'id,member\n1,Yes\n2,No\n3,Yes\n'));
    expect((t.columns[1] as StringColumn).values).toEqual(['Yes', 'No', 'Yes']);
  });

  it('marks text among numbers and NaN/Infinity, naming the row', async () => {
    const t = await readTable(file('bad.csv', 'a,b,c\n1,1,x\n2,NaN,y\n3,3,z\n4,abc,w\n5,5,v\n'));
    const b = t.columns.find((c) => c.name === 'b') as StringColumn;
    expect(b.textInNumbers).toEqual({ row: 3, text: 'abc' });
  });
});

describe('detectKey(table)', () => {
  it('takes CustomerID in the Mall data, CUST_ID in cc_general, ID in marketing_campaign', async () => {
    expect(detectKey(await readTable(MALL)).column).toBe('CustomerID');
    expect(detectKey(await readTable(join(DATA_DIR, 'cc_general.csv'))).column).toBe('CUST_ID');
    expect(detectKey(await readTable(join(DATA_DIR, 'marketing_campaign.csv'))).column).toBe('ID');
  });
  it('finds none in the wholesale data (rows are keyed by number), and honours --id', async () => {
    const t = await readTable(join(DATA_DIR, 'wholesale_customers.csv'));
    expect(detectKey(t).column).toBeNull();
    expect(detectKey(t, 'Fresh').column).toBe('Fresh');
    expect(() => detectKey(t, 'Fres')).toThrow(/did you mean "Fresh"/);
  });
});
