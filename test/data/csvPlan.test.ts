import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/data/readTable.js';
import type { Column, NumberColumn, StringColumn } from '../../src/data/table.js';
import { tempDir } from '../helpers.js';

const dir = tempDir();
/** 30,000 rows (past the 20,480 a provisional plan sniffs) of id, name, amount, count, day; then `tail`. */
const file = (name: string, tail: string | Buffer): string => {
  const rows = Array.from({ length: 30_000 }, (_, i) => `c${i},n${i},${((i * 7919) % 1000) / 100},${i},2020-01-${String((i % 28) + 1).padStart(2, '0')}`);
  const p = join(dir, name);
  writeFileSync(p, Buffer.concat([Buffer.from('id,name,amount,count,day\n' + rows.join('\n') + '\n'), Buffer.from(tail)]));
  return p;
};
const column = (t: { columns: readonly Column[] }, name: string): Column => t.columns.find((c) => c.name === name)!;

// A comma-separated file without quotes is planned from its first rows (csvPlan.ts); a later row that
// contradicts them sends the read back to the whole file's sniff, so the table is what that sniff gives.
describe('reading a CSV planned from its first rows', () => {
  it('reads a plain file whole', async () => {
    const t = await readTable(file('plain.csv', 'z,last,1.5,30000,2020-02-01\n'));
    expect(t.rowCount).toBe(30_001);
    expect(column(t, 'amount').kind).toBe('number');
    expect((column(t, 'count') as NumberColumn).integer).toBe(true);
    expect(column(t, 'day').kind).toBe('date');
  });

  it('reads a late text cell among numbers as text, naming it', async () => {
    const t = await readTable(file('text.csv', 'z,last,x1.5,30000,2020-02-01\n'));
    expect(t.rowCount).toBe(30_001);
    expect((column(t, 'amount') as StringColumn).textInNumbers).toEqual({ row: 30_000, text: 'x1.5' });
  });

  it('reads a late decimal in a column of whole numbers as a number', async () => {
    const t = await readTable(file('decimal.csv', 'z,last,1.5,3.5,2020-02-01\n'));
    expect(Array.from((column(t, 'count') as NumberColumn).values.slice(-2))).toEqual([29_999, 3.5]);
  });

  it('reads a late date in another format as text', async () => {
    const t = await readTable(file('date.csv', 'z,last,1.5,30000,01/02/2020\n'));
    expect(t.rowCount).toBe(30_001);
    expect(column(t, 'day').kind).toBe('string');
  });

  it('reads a late nan spelled out of the grammar as text', async () => {
    const t = await readTable(file('nan.csv', 'z,last,nAn,30000,2020-02-01\n'));
    expect((column(t, 'amount') as StringColumn).textInNumbers).toEqual({ row: 30_000, text: 'nAn' });
  });

  it('reads a late Latin-1 byte as Latin-1', async () => {
    const t = await readTable(file('latin.csv', Buffer.from('z,caf\xe9,1.5,30000,2020-02-01\n', 'latin1')));
    expect(t.source?.encoding).toBe('latin-1');
    expect((column(t, 'name') as StringColumn).values[30_000]).toBe('café');
  });
});
