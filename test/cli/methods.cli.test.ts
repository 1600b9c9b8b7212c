import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INCOME, MALL, SPENDING, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

const dir = tempDir();
const column = (csv: string, name: string): string[] => {
  const [head, ...rows] = csv.trim().split('\n');
  const j = head!.split(',').indexOf(name);
  return rows.map((r) => r.split(',')[j]!);
};

describe('segmenta run --method and predict for every method', () => {
  for (const method of ['kmeans', 'gmm', 'kprototypes', 'hierarchical', 'bisecting'] as const) {
    it(`${method}: runs on the Mall data (all columns) and predict ${method === 'hierarchical' ? 'assigns every customer to the nearest segment centre' : 'reproduces the training segments'}`, async () => {
      const out = join(dir, method);
      const r = await runCli(['run', MALL, '--method', method, '--k', '4', '--out', out, '--quiet']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
      expect(model.method).toBe(method);
      const pout = join(dir, `${method}-pred`);
      expect((await runCli(['predict', join(out, 'model.json'), MALL, '--out', pout])).code).toBe(0);
      const trained = column(readFileSync(join(out, 'segments.csv'), 'utf8'), 'segment');
      const predicted = column(readFileSync(join(pout, 'segments.csv'), 'utf8'), 'segment');
      if (method === 'hierarchical') {
        expect(predicted.length).toBe(200);
        expect(predicted.filter((p, i) => p === trained[i]).length).toBeGreaterThan(180);
      } else expect(predicted).toEqual(trained);
    });
  }

  it('gmm writes membership probabilities that sum to 1, and chooses k by BIC', async () => {
    const out = join(dir, 'gmm-auto');
    expect((await runCli(['run', MALL, '--features', `${INCOME},${SPENDING}`, '--method', 'gmm', '--out', out, '--quiet'])).code).toBe(0);
    const csv = readFileSync(join(out, 'segments.csv'), 'utf8');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.k.reason).toMatch(/^k = \d+ has the lowest BIC/);
    const bics = summary.k.perK.map((p: any) => p.bic);
    expect(Math.min(...bics)).toBe(summary.k.perK.find((p: any) => p.k === summary.k.chosen).bic);
    const k = summary.k.chosen;
    const rows = csv.trim().split('\n').slice(1);
    for (const row of rows) {
      const p = row.split(',').slice(-k).map(Number);
      expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
    }
  });

  it('hierarchical adds a merge-height vote and a dendrogram to summary.json and the report', async () => {
    const out = join(dir, 'hier');
    expect(
      (await runCli(['run', MALL, '--features', `${INCOME},${SPENDING}`, '--method', 'hierarchical', '--linkage', 'average', '--out', out, '--quiet'])).code,
    ).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.method).toMatchObject({ method: 'hierarchical', linkage: 'average' });
    expect(summary.method.dendrogram.length).toBe(49);
    expect(summary.k.votes.map((v: any) => v.criterion)).toContain('merge-heights');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/id="chart-dendrogram"/);
  });

  it('k-prototypes reports gamma and shows category modes in the profiles', async () => {
    const out = join(dir, 'kp');
    expect((await runCli(['run', MALL, '--method', 'kprototypes', '--k', '4', '--out', out, '--quiet'])).code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.method.gamma).toBeGreaterThan(0);
    expect(summary.method.gammaRule).toMatch(/Huang/);
    for (const s of summary.segments) expect(s.modes.map((m: any) => m.feature)).toEqual(['Gender']);
  });

  it('refuses an unknown method or linkage by name', async () => {
    const a = await runCli(['run', MALL, '--method', 'dbscan', '--out', join(dir, 'x')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/invalid --method: dbscan \(expected kmeans, hierarchical, gmm, kprototypes, bisecting\)/);
    const b = await runCli(['run', MALL, '--method', 'hierarchical', '--linkage', 'centroid', '--out', join(dir, 'y')]);
    expect(b.stderr).toMatch(/invalid --linkage: centroid/);
  });
});

describe('segmenta compare', () => {
  it('prints and exports k, metrics, sizes and pairwise ARI/AMI, with a comparison section in the report', async () => {
    const out = join(dir, 'compare');
    const r = await runCli(['compare', MALL, '--features', `${INCOME},${SPENDING}`, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kmeans vs hierarchical/);
    const doc = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    expect(doc.methods.map((m: any) => m.method)).toEqual(['kmeans', 'hierarchical', 'gmm']);
    expect(doc.methods.map((m: any) => m.k)).toEqual([5, 5, 5]);
    expect(doc.agreements).toHaveLength(3);
    for (const a of doc.agreements) {
      expect(a.adjustedRand).toBeGreaterThan(0.9);
      expect(a.crossTable.flat().reduce((s: number, v: number) => s + v, 0)).toBe(200);
    }
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/Methods compared/);
  });
});
