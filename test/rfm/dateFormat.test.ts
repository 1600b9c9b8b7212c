import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeRfmTable } from '../../src/rfm/computeRfmTable.js';
import { tempDir } from '../helpers.js';

/*
 * The order date's format is found by rounds (the first 100 dates, the first 10,000, then every line): only the
 * speed depends on the rounds. These logs put the date that decides past the early rounds.
 */
const columns = { customer: 'customer', date: 'date', amount: 'amount' };

/** An order log of `lines` lines whose line i (from 1) is dated `date(i)`. */
function log(name: string, lines: number, date: (i: number) => string): string {
  const path = join(tempDir(), name);
  const rows = Array.from({ length: lines }, (_, i) => `c${i % 97},${date(i + 1)},${(i % 13) + 1}`);
  writeFileSync(path, ['customer,date,amount', ...rows].join('\n') + '\n');
  return path;
}

/** Day d of a 12-day span, as dd/mm/yyyy with both fields ≤ 12: it reads month first and day first alike. */
const ambiguous = (i: number): string => `0${(i % 9) + 1}/0${(i % 7) + 1}/2011`;

describe('the date format of an order log', () => {
  it('takes month first when every date reads both ways, and says so', async () => {
    const r = await computeRfmTable(log('both.csv', 300, ambiguous), columns);
    expect(r.dateFormat).toBe('%m/%d/%Y');
    expect(r.dateFormatNote).toBe('every date also fits %d/%m/%Y (day first); month first was taken — check the dates');
  });

  it('takes day first when one date past the first 10,000 reads only that way', async () => {
    const r = await computeRfmTable(
      log('late.csv', 12_000, (i) => (i === 11_500 ? '25/03/2011' : ambiguous(i))),
      columns,
    );
    expect(r.dateFormat).toBe('%d/%m/%Y');
    expect(r.dateFormatNote).toBe('the only format among 17 tried that fits every date');
  });

  it('names the first date no format reads, and the closest format, when it lies past the first 10,000', async () => {
    const late = log('bad.csv', 12_000, (i) => (i === 11_999 ? '2011-13-45' : `2011-03-${String((i % 28) + 1).padStart(2, '0')}`));
    await expect(computeRfmTable(late, columns)).rejects.toThrow(
      `${late} row 11999: date "2011-13-45" in column "date" cannot be read (the closest format, %Y-%m-%d, fits all but 1 rows); fix those dates`,
    );
  });
});
