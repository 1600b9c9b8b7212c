import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INCOME, MALL, DATA_DIR, SPENDING, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

const dir = tempDir();
const MARKETING = join(DATA_DIR, 'marketing_campaign.csv');

/** Every file of a folder with its bytes and modification time, to show nothing changed. */
function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).map((f) => [f, `${statSync(join(folder, f)).mtimeMs}:${readFileSync(join(folder, f), 'utf8').length}`]));
}

describe('run: every column profiled, labels, clipping', () => {
  const out = join(dir, 'mall');
  it('Mall income + spending: the age profile of each segment is in summary.json and the report, marked as not a feature', async () => {
    const r = await runCli(['run', MALL, '--features', `${INCOME},${SPENDING}`, '--stability', 'off', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    for (const s of summary.segments)
      expect(Object.keys(s.context.numeric.find((c: { feature: string }) => c.feature === 'Age'))).toEqual(
        expect.arrayContaining(['mean', 'median', 'q1', 'q3']),
      );
    expect(summary.columns.map((c: { column: string; feature: boolean }) => `${c.column}:${c.feature}`)).toEqual([
      'Gender:false',
      'Age:false',
      `${INCOME}:true`,
      `${SPENDING}:true`,
    ]);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('id="column-profiles"');
    expect(html).toContain('Age (not a feature)');
    expect(html).toContain('Gender (not a feature): Female');
    expect(r.stdout).toContain('Not used to form the segments: low age (mean 25.27 vs 38.85 overall; middle half 21.25–29.75)');
    // segments.csv stays as it was: key, segment, name, distance, then the input columns.
    expect(readFileSync(join(out, 'segments.csv'), 'utf8').split('\n')[0]).toBe(
      `CustomerID,segment,segment_name,distance,distance_percentile,unusual,Gender,Age,${INCOME},${SPENDING}`,
    );
  });

  it('--labels renames columns in names, descriptions and the table; an unknown column is refused with the closest name', async () => {
    const labels = join(dir, 'labels.json');
    writeFileSync(labels, JSON.stringify({ [INCOME]: { label: 'Yearly income', unit: 'k$' }, [SPENDING]: 'Spending', Age: 'Age' }));
    const r = await runCli(['run', MALL, '--features', `${INCOME},${SPENDING}`, '--stability', 'off', '--labels', labels, '--out', join(dir, 'labelled')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Low yearly income · High spending');
    expect(r.stdout).toContain('Yearly income (k$, mean)');
    expect(r.stdout).toContain('low yearly income (mean 25.73 k$ vs 60.56 k$ overall)');
    writeFileSync(labels, JSON.stringify({ 'Annual Income': 'Income' }));
    const bad = await runCli(['run', MALL, '--labels', labels, '--out', join(dir, 'bad-labels')]);
    expect(bad.code).toBe(3);
    expect(bad.stderr.trim()).toBe(`segmenta: error: --labels ${labels}: column "Annual Income" is not in the data; did you mean "${INCOME}"?`);
  });

  it('--clip auto winsorizes at the fences, says how many values moved, and predict replays it', async () => {
    const o = join(dir, 'clipped');
    const r = await runCli(['run', MARKETING, '--features', 'Income,MntWines,MntMeatProducts', '--k', '3', '--stability', 'off', '--clip', 'auto', '--out', o]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(o, 'summary.json'), 'utf8'));
    const income = summary.preprocessing.clipped.find((c: { column: string }) => c.column === 'Income');
    expect(income.count).toBe(1); // the 666,666 income
    expect(r.stdout).toMatch(/clipped at the outlier fences \(--clip auto\): Income 1 value\(s\) to /);
    const model = JSON.parse(readFileSync(join(o, 'model.json'), 'utf8'));
    expect(model.pipeline.steps[0].clip).toEqual([income.low, income.high]);
    expect(readFileSync(join(o, 'report.html'), 'utf8')).toContain('Clipped at the outlier fences (--clip auto): Income 1 value(s)');
    const p = await runCli(['predict', join(o, 'model.json'), MARKETING, '--out', join(dir, 'clipped-scored')]);
    expect(p.code, p.stderr).toBe(0);
    const segmentsOf = (file: string): string[] =>
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(',').slice(0, 3).join(','));
    expect(segmentsOf(join(dir, 'clipped-scored', 'segments.csv'))).toEqual(segmentsOf(join(o, 'segments.csv')));
  });
});

describe('profile: unusual values', () => {
  it('marketing_campaign: impossible birth years and the 666,666 income', async () => {
    const r = await runCli(['profile', MARKETING, '--out', join(dir, 'profile')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Year_Birth: 2 impossible (a year before 1900 or after 2100), e.g. 1893, 1899');
    expect(r.stdout).toMatch(/Income: 1 outlier \(1 above 168,\d{3}; beyond the quartiles ∓ 3 × IQR\), e\.g\. 666,666/);
    const profile = JSON.parse(readFileSync(join(dir, 'profile', 'profile.json'), 'utf8'));
    const income = profile.columns.find((c: { name: string }) => c.name === 'Income');
    expect(income.max).toBe(666666);
    expect(income.outliers).toMatchObject({ below: 0, above: 1, examples: [666666] });
  });
});

describe('predict is safe', () => {
  const training = join(dir, 'train');
  it('writes into ./segmenta-scored by default and refuses the training folder (exit 2, nothing changed)', async () => {
    expect((await runCli(['run', MALL, '--features', `${INCOME},${SPENDING}`, '--stability', 'off', '--out', training])).code).toBe(0);
    const cwd = tempDir();
    const r = await runCli(['predict', join(training, 'model.json'), MALL], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(cwd, 'segmenta-scored'))).toContain('segments.csv');
    const before = snapshot(training);
    const refused = await runCli(['predict', join(training, 'model.json'), MALL, '--out', training]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--out .*train: it is the folder of the input model\.json; choose another folder, or add --force/);
    expect(snapshot(training)).toEqual(before);
  });

  it('flags customers scaled ×10 as unusual, and a renamed column gets the closest name', async () => {
    const rows = readFileSync(MALL, 'utf8').trim().split(/\r?\n/);
    const scaled = [
      rows[0],
      ...rows.slice(1, 31).map((l) =>
        l
          .split(',')
          .map((v, j) => (j >= 3 ? String(Number(v) * 10) : v))
          .join(','),
      ),
    ].join('\n');
    const file = join(dir, 'scaled.csv');
    writeFileSync(file, scaled + '\n');
    const r = await runCli(['predict', join(training, 'model.json'), file, '--out', join(dir, 'scaled-out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('30 of 30 customers are unusual');
    const lines = readFileSync(join(dir, 'scaled-out', 'segments.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(lines[0]!.split(',').slice(4, 6)).toEqual(['distance_percentile', 'unusual']);
    for (const l of lines.slice(1)) expect(l.split(',').slice(4, 6)).toEqual(['100.0', '1']);
    const renamed = join(dir, 'renamed.csv');
    writeFileSync(renamed, readFileSync(MALL, 'utf8').replace('Annual Income (k$)', 'Annual Income'));
    const bad = await runCli(['predict', join(training, 'model.json'), renamed, '--out', join(dir, 'renamed-out')]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain(`lacks column "${INCOME}", which the model needs; did you mean "Annual Income"?`);
  });
});
