import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INCOME, MALL, SPENDING, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

const dir = tempDir();
const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const rows = (n: number, make: (i: number) => string): string => Array.from({ length: n }, (_, i) => make(i)).join('\n') + '\n';

/** Each case: the CLI arguments after `run FILE`, the file, and what the one-line message must say. */
const CASES: Array<{ name: string; path: () => string; args?: string[]; message: RegExp }> = [
  { name: 'missing file', path: () => join(dir, 'nope.csv'), message: /file not found: .*nope\.csv/ },
  { name: 'empty file', path: () => file('empty.csv', ''), message: /empty\.csv is empty/ },
  { name: 'header only', path: () => file('header.csv', 'a,b,c\n'), message: /header\.csv has a header but no data rows/ },
  { name: 'one row', path: () => file('one.csv', 'a,b\n1,2\n'), message: /one\.csv has 1 data row; segmenting needs at least 2/ },
  {
    name: 'text in a feature column',
    path: () => file('text.csv', 'id,income,score\n' + rows(20, (i) => `${i},${i === 7 ? 'lots' : 10 + i},${i % 5}`)),
    message: /column "income" holds numbers but row 8 is "lots"/,
  },
  {
    name: 'an all-missing column asked for',
    path: () => file('allmissing.csv', 'x,y,z\n' + rows(20, (i) => `${i % 7},${(i * 3) % 5},`)),
    args: ['--features', 'x,z'],
    message: /column "z" is empty in every row/,
  },
  {
    name: 'NaN in a feature',
    path: () => file('nan.csv', 'x,y\n' + rows(20, (i) => `${i % 7},${i === 4 ? 'NaN' : i % 5}`)),
    message: /column "y" row 5 holds NaN/,
  },
  {
    name: 'Infinity in a feature',
    path: () => file('inf.csv', 'x,y\n' + rows(20, (i) => `${i % 7},${i === 2 ? 'Infinity' : i % 5}`)),
    message: /column "y" row 3 holds Infinity/,
  },
  {
    name: 'k larger than the distinct rows',
    path: () => file('few.csv', 'x,y\n' + rows(30, (i) => `${i % 3},${i % 3}`)),
    args: ['--k', '5'],
    message: /k = 5 is larger than the number of distinct customers \(3\)/,
  },
  {
    name: 'unknown feature name',
    path: () => MALL,
    args: ['--features', 'Annual Incme (k$)'],
    message: /--features column "Annual Incme \(k\$\)" is not in .*did you mean "Annual Income \(k\$\)"/,
  },
  {
    name: 'binary file',
    path: () => file('garbage.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0, 255, 254, 7, 8])),
    message: /garbage\.csv is not a text table \(binary data found\)/,
  },
  { name: 'duplicate column names', path: () => file('dup.csv', 'a,b,a\n1,2,3\n4,5,6\n7,8,9\n'), message: /duplicate column name "a" \(columns 1 and 3\)/ },
];

describe('segmenta run refuses bad input with one clear line, exit 3, and writes nothing', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const out = join(dir, `out-${c.name.replace(/\W+/g, '-')}`);
      const r = await runCli(['run', c.path(), ...(c.args ?? []), '--out', out]);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(c.message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^segmenta: error: /);
      expect(r.stderr).not.toMatch(/ {4}at /);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('usage errors exit 2 and name the flag', async () => {
    const r = await runCli(['run', MALL, '--scale', 'zscore', '--out', join(dir, 'u')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid --scale: zscore \(expected standard, robust, minmax, none\)/);
    expect((await runCli(['run', MALL, '--bogus'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });

  it('predict refuses a file lacking a model column, naming it, and writes nothing', async () => {
    const out = join(dir, 'train');
    expect((await runCli(['run', MALL, '--features', `${INCOME},${SPENDING}`, '--k', '5', '--out', out, '--quiet'])).code).toBe(0);
    const lacking = file('lacking.csv', 'CustomerID,Annual Income (k$)\n1,15\n2,16\n');
    const wrongType = file('wrongtype.csv', 'CustomerID,Annual Income (k$),Spending Score (1-100)\n1,15,high\n2,16,low\n');
    const pout = join(dir, 'pred-out');
    const a = await runCli(['predict', join(out, 'model.json'), lacking, '--out', pout]);
    expect(a.code).toBe(3);
    expect(a.stderr).toMatch(/lacking\.csv lacks column "Spending Score \(1-100\)", which the model needs/);
    const b = await runCli(['predict', join(out, 'model.json'), wrongType, '--out', pout]);
    expect(b.code).toBe(3);
    expect(b.stderr).toMatch(/column "Spending Score \(1-100\)" must hold numbers but row 1 is "high"/);
    expect(existsSync(pout)).toBe(false);
    expect(readdirSync(out).filter((f) => f.startsWith('.') && f !== '.segmenta-run.json')).toEqual([]);
  });
});
