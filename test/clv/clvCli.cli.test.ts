import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSpaceAligned } from '../../src/data/prepareInput.js';
import { DATA_DIR, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

const dir = tempDir();
const CDNOW = join(DATA_DIR, 'cdnow_sample.txt');
const CDNOW_COLUMNS = ['--customer', 'column0', '--date', 'column2', '--amount', 'column4'];

/** clv.csv as objects keyed by its header. */
export function clvRows(folder: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(join(folder, 'clv.csv'), 'utf8').trim().split('\n');
  const names = header!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

describe('segmenta clv', () => {
  it('the CDNOW sample (space-aligned, no header), calibration to 1997-09-30 in weeks: the published BG/NBD and Gamma-Gamma parameters, the holdout chart, a model that scores again', async () => {
    expect(isSpaceAligned(readFileSync(CDNOW, 'utf8').slice(0, 4096))).toBe(true);
    expect(isSpaceAligned('name\nAna Lopez\nBo Li\n')).toBe(false);
    const out = join(dir, 'cdnow');
    const r = await runCli(['clv', CDNOW, ...CDNOW_COLUMNS, '--calibration-end', '1997-09-30', '--time-unit', 'week', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'clv_summary.json'), 'utf8'));
    // Fader, Hardie & Lee (2005), table 1 and the Gamma-Gamma note (see data/SOURCES.md).
    const paper = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, p: 6.25, q: 3.74, gamma: 15.44 };
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(summary.bgnbd.params[k] / paper[k] - 1), k).toBeLessThan(0.01);
    for (const k of ['p', 'q', 'gamma'] as const) expect(Math.abs(summary.gammaGamma.params[k] / paper[k] - 1), k).toBeLessThan(0.01);
    expect(summary.customers).toBe(2357);
    expect(summary.gammaGamma.customers).toBe(946);
    // The paper's log-likelihood, −9,582.4, and standard errors of the size lifetimes reports (r ± 0.013).
    expect(summary.bgnbd.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(summary.bgnbd.standardErrors.r).toBeCloseTo(0.0126, 3);
    // Holdout: 39 weeks to 1998-06-30, actual purchase days by calibration frequency 0 … 7+.
    expect(summary.holdout.length).toBe(39);
    expect(summary.holdout.byFrequency.map((g: { frequency: string }) => g.frequency)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(summary.holdout.byFrequency[0].customers).toBe(1411);
    const rows = clvRows(out);
    expect(rows).toHaveLength(2357);
    expect(rows.reduce((s, c) => s + Number(c['holdout_purchases']), 0)).toBe(summary.holdout.actualTotal);
    // Customer 00004: 2 repeat purchases, recency 30.43 and T 38.86 weeks as in the paper's data.
    const c4 = rows.find((c) => c['customer'] === '00004')!;
    expect([Number(c4['frequency']), Number(c4['recency']).toFixed(2), Number(c4['T']).toFixed(2)]).toEqual([2, '30.43', '38.86']);
    expect(c4['rfm_segment']).not.toBe('');
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    for (const id of ['clv-holdout', 'clv-alive', 'clv-segments']) expect(report).toContain(`"${id}"`);
    expect(r.stdout).toMatch(/fitted: BG\/NBD r 0\.24\d\d, alpha 4\.41\d/);
    // Scoring with the saved model gives every customer the same figures without fitting.
    const again = join(dir, 'cdnow-scored');
    const scored = await runCli(['clv', CDNOW, ...CDNOW_COLUMNS, '--calibration-end', '1997-09-30', '--model', join(out, 'model.json'), '--out', again]);
    expect(scored.code, scored.stderr).toBe(0);
    expect(scored.stdout).toContain('given: BG/NBD');
    expect(readFileSync(join(again, 'clv.csv'), 'utf8')).toBe(readFileSync(join(out, 'clv.csv'), 'utf8'));
    // A monthly discount rate of 1%: the same purchases, each customer's value between the undiscounted one
    // and that one discounted over the whole 12 months.
    const discounted = join(dir, 'cdnow-discounted');
    const d = await runCli([
      'clv',
      CDNOW,
      ...CDNOW_COLUMNS,
      '--calibration-end',
      '1997-09-30',
      '--model',
      join(out, 'model.json'),
      '--discount-rate',
      '0.01',
      '--out',
      discounted,
    ]);
    expect(d.code, d.stderr).toBe(0);
    clvRows(discounted).forEach((c, i) => {
      const plain = rows[i]!;
      expect(c['expected_purchases']).toBe(plain['expected_purchases']);
      expect(Number(c['expected_value'])).toBeLessThan(Number(plain['expected_value']));
      expect(Number(c['expected_value'])).toBeGreaterThan(Number(plain['expected_value']) / 1.01 ** 12);
    });
  });

  it('bad input: no repeat buyer, dates only after --calibration-end, an unreadable date: one line each', async () => {
    const once = join(dir, 'once.csv');
    writeFileSync(once, 'customer,date,amount\na,2024-01-02,10\nb,2024-01-05,20\nc,2024-02-01,5\n');
    const cols = ['--customer', 'customer', '--date', 'date', '--amount', 'amount'];
    const noRepeat = await runCli(['clv', once, ...cols, '--out', join(dir, 'once-out')]);
    expect(noRepeat.code).toBe(3);
    expect(noRepeat.stderr).toMatch(/^segmenta: error: .*once\.csv: no customer bought on more than one day.*\n$/);
    const late = await runCli(['clv', once, ...cols, '--calibration-end', '2023-12-31', '--out', join(dir, 'late-out')]);
    expect(late.code).toBe(3);
    expect(late.stderr).toMatch(/every purchase is after --calibration-end 2023-12-31 \(the log runs from 2024-01-02 to 2024-02-01\)/);
    const bad = await runCli(['clv', once, ...cols, '--calibration-end', 'soon', '--out', join(dir, 'bad-out')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid --calibration-end: soon/);
    for (const r of [noRepeat, late, bad]) expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
