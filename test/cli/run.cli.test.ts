import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../src/metrics/adjustedRandIndex.js';
import { INCOME, MALL, mallReference, DATA_DIR, SPENDING, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

const dir = tempDir();
const ref = mallReference();

async function runMall(name: string, args: string[]): Promise<{ out: string; summary: any; labels: number[]; stdout: string }> {
  const out = join(dir, name);
  const r = await runCli(['run', MALL, ...args, '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  const lines = readFileSync(join(out, 'segments.csv'), 'utf8').trim().split('\n');
  return { out, summary, labels: lines.slice(1).map((l) => Number(l.split(',')[1])), stdout: r.stdout };
}

function expectNearReference(summary: any, set: string): void {
  for (const r of ref.sets[set]!.per_k) {
    const mine = summary.k.perK.find((p: any) => p.k === r.k);
    expect(mine.inertia).toBeLessThanOrEqual(r.inertia * 1.005);
    expect(mine.inertia).toBeGreaterThan(r.inertia * 0.999);
  }
}

describe('segmenta run on the Mall data', () => {
  it('income + spending: --k auto picks 5, labels agree with scikit-learn, every per-k figure is in summary.json', async () => {
    const { summary, labels, stdout, out } = await runMall('two', ['--features', `${INCOME},${SPENDING}`]);
    expect(summary.k.chosen).toBe(5);
    expect(stdout).toMatch(/k = 5 was chosen by/);
    expectNearReference(summary, 'income_spending');
    for (const p of summary.k.perK)
      for (const f of ['inertia', 'silhouette', 'calinskiHarabasz', 'daviesBouldin', 'gap', 'gapSe']) expect(typeof p[f]).toBe('number');
    const sk = ref.sets['income_spending']!.per_k.find((p) => p.k === 5)!.labels;
    expect(adjustedRandIndex(labels, sk)).toBeGreaterThanOrEqual(0.99);
    expect(summary.segments.map((s: any) => s.size)).toEqual([...summary.segments.map((s: any) => s.size)].sort((a: number, b: number) => b - a));
    const names = summary.segments.map((s: any) => s.name);
    expect(names).toContain('Low annual income · High spending score');
    expect(new Set(names).size).toBe(5);
    const header = readFileSync(join(out, 'segments.csv'), 'utf8').split('\n')[0];
    expect(header).toBe('CustomerID,segment,segment_name,distance,distance_percentile,unusual,Gender,Age,Annual Income (k$),Spending Score (1-100)');
  });

  it('with Age added: near-optimal inertia at every k and scikit-learn’s labels at the chosen k', async () => {
    const { summary, labels } = await runMall('three', ['--features', `Age,${INCOME},${SPENDING}`]);
    expectNearReference(summary, 'age_income_spending');
    const sk = ref.sets['age_income_spending']!.per_k.find((p) => p.k === summary.k.chosen)!.labels;
    expect(adjustedRandIndex(labels, sk)).toBeGreaterThanOrEqual(0.99);
  });

  it('all columns with --categories features: CustomerID is the key, Gender is one-hot encoded, results match scikit-learn', async () => {
    const { summary, labels } = await runMall('all', ['--categories', 'features']);
    expect(summary.data.key).toBe('CustomerID');
    expect(summary.preprocessing.features).not.toContain('CustomerID');
    expect(summary.preprocessing.columns).toEqual(['Gender=Female', 'Gender=Male', 'Age', INCOME, SPENDING]);
    expectNearReference(summary, 'all');
    const sk = ref.sets['all']!.per_k.find((p) => p.k === summary.k.chosen)!.labels;
    expect(adjustedRandIndex(labels, sk)).toBeGreaterThanOrEqual(0.99);
  });

  it('is deterministic: byte-identical segments.csv and summary.json across runs', async () => {
    const a = (await runMall('det-a', ['--seed', '3'])).out,
      b = (await runMall('det-b', ['--seed', '3'])).out;
    for (const f of ['segments.csv', 'summary.json', 'model.json', 'pca.csv']) {
      expect(readFileSync(join(a, f))).toEqual(readFileSync(join(b, f)));
    }
  });

  it('predict on the training file reproduces the training segments.csv exactly, and places each customer among the training distances', async () => {
    const { out } = await runMall('pred', []);
    const pout = join(dir, 'pred-out');
    const r = await runCli(['predict', join(out, 'model.json'), MALL, '--out', pout]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/this is the training data/);
    const lines = readFileSync(join(pout, 'segments.csv'), 'utf8').trimEnd().split('\n');
    const header = lines[0]!.split(',');
    expect(header.slice(4, 6)).toEqual(['distance_percentile', 'unusual']);
    // The training run writes the same placement: predict's file is run's segments.csv byte for byte.
    expect(readFileSync(join(pout, 'segments.csv'), 'utf8')).toBe(readFileSync(join(out, 'segments.csv'), 'utf8'));
    // --contamination 1% (the default) flags 1% of the training customers: 2 of 200, as run's summary says.
    const unusual = lines.slice(1).filter((l) => l.split(',')[5] === '1').length;
    expect(unusual).toBe(2);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.unusual).toMatchObject({ contamination: 0.01, count: 2 });
    const flaggedKeys = lines
      .slice(1)
      .filter((l) => l.split(',')[5] === '1')
      .map((l) => l.split(',')[0]);
    expect(summary.unusual.customers.map((c: { key: string }) => c.key).sort()).toEqual(flaggedKeys.sort());
    expect(r.stdout).toContain(`${unusual} of 200 customers are unusual`);
  });
});

describe('segmenta run on other real data with no flags', () => {
  it('marketing_campaign.csv (tab-separated, blank incomes, odd categories) reports what it imputed; with --categories features it groups rare levels', async () => {
    const out = join(dir, 'mkt');
    const r = await runCli(['run', join(DATA_DIR, 'marketing_campaign.csv'), '--out', out, '--categories', 'features', '--stability', 'off']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/imputed: Income 24 cell\(s\)/);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.preprocessing.imputed).toEqual([{ column: 'Income', count: 24, value: 51381.5 }]);
    const marital = s.preprocessing.encoded.find((e: any) => e.column === 'Marital_Status');
    expect(marital.groupedAsOther.sort()).toEqual(['Absurd', 'Alone', 'YOLO']);
    expect(s.warnings.join('\n')).toMatch(/Z_CostContact" not used: the same value in every row/);
  });

  it('cc_general.csv (blank minimum payments) runs end to end with a sampled silhouette stated', async () => {
    const out = join(dir, 'cc');
    const r = await runCli(['run', join(DATA_DIR, 'cc_general.csv'), '--out', out, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.data.key).toBe('CUST_ID');
    expect(s.preprocessing.imputed.map((i: any) => [i.column, i.count])).toEqual([
      ['CREDIT_LIMIT', 1],
      ['MINIMUM_PAYMENTS', 313],
    ]);
    expect(s.k.silhouetteRows).toBe(5000);
    expect(s.segments.reduce((t: number, g: any) => t + g.size, 0)).toBe(8950);
  });
});

describe('segmenta profile and demo', () => {
  it('profile prints a table and writes profile.json', async () => {
    const out = join(dir, 'prof');
    const r = await runCli(['profile', MALL, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Annual Income \(k\$\)\s+integer\s+200\s+0/);
    const p = JSON.parse(readFileSync(join(out, 'profile.json'), 'utf8'));
    expect(p.columns.find((c: any) => c.name === 'Gender').top).toEqual([
      { value: 'Female', count: 112 },
      { value: 'Male', count: 88 },
    ]);
    expect(p.correlations.pearson.length).toBe(4);
  });

  it('demo segments the built-in customers and its model predicts them back', async () => {
    const out = join(dir, 'demo');
    const r = await runCli(['demo', '--out', out]);
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.data.rows).toBe(1000);
    expect(s.preprocessing.imputed.length).toBeGreaterThan(0);
    const pout = join(dir, 'demo-pred');
    expect((await runCli(['predict', join(out, 'model.json'), join(out, 'demo_customers.csv'), '--out', pout])).code).toBe(0);
    const seg = (f: string): string[] =>
      readFileSync(f, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(',').slice(0, 3).join(','));
    expect(seg(join(pout, 'segments.csv'))).toEqual(seg(join(out, 'segments.csv')));
  });
});

describe('--excel', () => {
  it('starts every CSV output (run and predict) with a UTF-8 byte order mark and leaves the rest byte for byte', async () => {
    const plain = join(dir, 'plain'),
      excel = join(dir, 'excel');
    const args = ['run', MALL, '--features', `${INCOME},${SPENDING}`, '--no-report', '--quiet'];
    expect((await runCli([...args, '--out', plain])).code).toBe(0);
    expect((await runCli([...args, '--out', excel, '--excel'])).code).toBe(0);
    for (const name of ['segments.csv', 'pca.csv']) {
      const a = readFileSync(join(plain, name)),
        b = readFileSync(join(excel, name));
      expect(a[0]).not.toBe(0xef);
      expect([...b.subarray(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
      expect(b.subarray(3).equals(a), name).toBe(true);
    }
    expect(readFileSync(join(excel, 'summary.json'))[0]).toBe(0x7b); // JSON untouched: "{"
    const scored = join(dir, 'scored-excel');
    expect((await runCli(['predict', join(plain, 'model.json'), MALL, '--out', scored, '--excel'])).code).toBe(0);
    expect([...readFileSync(join(scored, 'segments.csv')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
