import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { customerValue } from '../../src/clv/clv.js';
import { checkClvModel } from '../../src/clv/clvModel.js';
import { tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

/*
 * Issue 30: clv and its models validated like model.json — a horizon that never returns, NaN amounts, a time
 * unit read through the prototype, models holding strings or 1e308, a date in 9999, two repeat buyers fitting
 * r = 7.6 million, and impossible calendar dates are each refused in one line naming what to fix.
 */
const dir = tempDir();
const LOG = join(dir, 'orders.csv');
const FLAGS = ['--customer', 'customer', '--date', 'date', '--amount', 'amount'];

/** 30 customers with 2–5 purchases each over 2020 (deterministic). */
function orderLines(): string[] {
  const lines: string[] = [];
  for (let c = 1; c <= 30; c++)
    for (let p = 0; p < 2 + (c % 4); p++)
      lines.push(`c${c},2020-${String(1 + ((c + p * 3) % 12)).padStart(2, '0')}-${String(1 + ((c * 7 + p) % 27)).padStart(2, '0')},${10 + c + p}`);
  return lines;
}
beforeAll(() => writeFileSync(LOG, ['customer,date,amount', ...orderLines()].join('\n') + '\n'));

const run = async (...args: string[]) => await runCli(['clv', ...args, '--out', join(tempDir(), 'out'), '--quiet']);
const oneLine = (r: { code: number; stderr: string }, code: number, pattern: RegExp) => {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
};

describe('segmenta clv refuses what would hang, crash or mislead', () => {
  it('a horizon beyond 100 years, a time unit that is an object property, an impossible calendar date', async () => {
    oneLine(await run(LOG, ...FLAGS, '--horizon', '100000000'), 2, /invalid --horizon: 100000000 \(expected whole months ahead from 1 to 1200/);
    oneLine(await run(LOG, ...FLAGS, '--time-unit', 'constructor'), 2, /invalid --time-unit: constructor \(expected day, week or month\)/);
    oneLine(
      await run(LOG, ...FLAGS, '--calibration-end', '2020-02-30'),
      2,
      /invalid --calibration-end: 2020-02-30 \(expected a calendar date like 1997-09-30\)/,
    );
    oneLine(await runCli(['rfm', LOG, ...FLAGS, '--as-of', '2020-13-01', '--out', join(tempDir(), 'r')]), 2, /invalid --as-of: 2020-13-01/);
  });

  it('NaN and Infinity amounts are named by column and row', async () => {
    for (const bad of ['NaN', 'Infinity', '-inf']) {
      const file = join(dir, `bad-${bad}.csv`);
      const lines = orderLines();
      lines[6] = lines[6]!.replace(/,[^,]+$/, `,${bad}`);
      writeFileSync(file, ['customer,date,amount', ...lines].join('\n') + '\n');
      oneLine(await run(file, ...FLAGS), 3, new RegExp(`row 7: --amount column "amount" holds "${bad}", which is not a usable number`));
    }
  });

  it('one order dated 9999-12-31 is named, not taken as the end of the log', async () => {
    const file = join(dir, 'far.csv');
    writeFileSync(file, ['customer,date,amount', ...orderLines(), 'c3,9999-12-31,12'].join('\n') + '\n');
    oneLine(
      await run(file, ...FLAGS),
      3,
      /row \d+: --date column "date" holds 9999-12-31, far from the other orders \(most fall between 2020-\d\d-\d\d and 2020-\d\d-\d\d\)/,
    );
  });

  it('two repeat buyers are too few to fit (r = 7.6 million before)', async () => {
    const file = join(dir, 'few.csv');
    const lines = [
      'a,2020-01-01,10',
      'a,2020-03-01,12',
      'b,2020-02-01,9',
      'b,2020-05-01,11',
      ...Array.from({ length: 20 }, (_, i) => `x${i},2020-04-${String(i + 1).padStart(2, '0')},5`),
    ];
    writeFileSync(file, ['customer,date,amount', ...lines].join('\n') + '\n');
    oneLine(await run(file, ...FLAGS), 3, /only 2 customers bought on more than one day; the models need at least 10 repeat buyers/);
  });

  it('a model.json with strings, 1e308, a foreign time unit or inherited fields is refused by field', async () => {
    const out = join(tempDir(), 'fit');
    expect((await runCli(['clv', LOG, ...FLAGS, '--out', out, '--quiet'])).code).toBe(0);
    const good = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(() => checkClvModel(good, 'model.json')).not.toThrow();
    for (const [change, field] of [
      [(m: any) => (m.bgnbd.r = '0.5'), /bgnbd\.r is "0\.5"/],
      [(m: any) => (m.gammaGamma.q = 1e308), /gammaGamma\.q is 1e\+308/],
      [(m: any) => (m.timeUnit = 'constructor'), /timeUnit is not day, week or month/],
      [(m: any) => (m.horizonMonths = 1e9), /horizonMonths is 1000000000/],
      [(m: any) => (m.bgnbd = Object.create({ r: 1, alpha: 1, a: 1, b: 1 })), /bgnbd\.r is missing/],
    ] as const) {
      const model = structuredClone(good);
      change(model);
      expect(() => checkClvModel(model, 'model.json')).toThrow(field);
      const file = join(tempDir(), 'model.json');
      writeFileSync(file, JSON.stringify(model));
      oneLine(await run(LOG, ...FLAGS, '--model', file), 3, field);
    }
    // The library checks a given model too.
    await expect(customerValue(LOG, { customer: 'customer', date: 'date', amount: 'amount', model: { ...good, discountRate: NaN } })).rejects.toThrow(
      /discountRate is null/,
    );
  });
});
