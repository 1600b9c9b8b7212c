import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootstrapJaccard, stabilityVerdict } from '../../src/stability/bootstrapJaccard.js';
import { kmeansRecluster } from '../../src/stability/kmeansRecluster.js';
import { kmeans } from '../../src/cluster/kmeans.js';
import { adjustedRandIndex } from '../../src/metrics/adjustedRandIndex.js';
import { mallMatrix, ROOT } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

/** R fpc::clusterboot figures made by scripts/reference/clusterboot.R. */
interface Fixture {
  cases: Array<{ name: string; columns: string[]; k: number; B: number; partition: number[]; jaccard: number[]; dissolved: number[]; recovered: number[] }>;
}
const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/clusterboot.json'), 'utf8')) as Fixture;

describe('bootstrapJaccard(x, labels, k, recluster): clusterwise Jaccard bootstrap as R fpc::clusterboot', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: every segment's mean Jaccard within ±0.05 of fpc's (B = ${c.B}), the same words`, async () => {
      const x = await mallMatrix(c.columns);
      // The segments are fpc's own partition, so the figures are compared segment by segment.
      const labels = Int32Array.from(c.partition, (p) => p - 1);
      const ours = bootstrapJaccard(x, labels, c.k, kmeansRecluster(c.k, { nInit: 20 }), { bootstraps: c.B, seed: 7 });
      ours.forEach((s, j) => {
        expect(Math.abs(s.jaccard - c.jaccard[j]!), `segment ${j + 1}: ${s.jaccard} vs fpc ${c.jaccard[j]}`).toBeLessThanOrEqual(0.05);
        if (Math.abs(c.jaccard[j]! - 0.6) > 0.05 && Math.abs(c.jaccard[j]! - 0.75) > 0.05 && Math.abs(c.jaccard[j]! - 0.85) > 0.05)
          expect(s.verdict).toBe(stabilityVerdict(c.jaccard[j]!));
        expect(Math.abs(s.dissolved - c.dissolved[j]!)).toBeLessThanOrEqual(0.1 * c.B);
      });
    }, 60_000);
  }

  it('Mall income and spending, k = 5 as Segmenta finds it: every segment highly stable; the same seed gives the same figures', async () => {
    const x = await mallMatrix(['Annual Income (k$)', 'Spending Score (1-100)']);
    const fit = kmeans(x, { k: 5, seed: 0 });
    expect(adjustedRandIndex(fit.labels, Int32Array.from(fixture.cases[0]!.partition))).toBeCloseTo(1, 9);
    const a = bootstrapJaccard(x, fit.labels, 5, kmeansRecluster(5, { nInit: 10 }), { bootstraps: 20, seed: 3 });
    const b = bootstrapJaccard(x, fit.labels, 5, kmeansRecluster(5, { nInit: 10 }), { bootstraps: 20, seed: 3 });
    expect(a).toEqual(b);
    for (const s of a) expect([s.verdict, s.bootstraps, s.dissolved]).toEqual(['highly stable', 20, 0]);
  });

  it("stabilityVerdict uses fpc's thresholds", () => {
    expect([0.59, 0.6, 0.74, 0.75, 0.84, 0.85, 1].map(stabilityVerdict)).toEqual([
      'not stable',
      'doubtful',
      'doubtful',
      'stable',
      'stable',
      'highly stable',
      'highly stable',
    ]);
  });
});

describe('segmenta run: stability on every k-means segment', () => {
  it('summary.json, the CLI table and the report carry it; --stability off leaves it out; other methods refuse a count', async () => {
    const { MALL, tempDir } = await import('../helpers.js');
    const features = ['--features', 'Annual Income (k$),Spending Score (1-100)'];
    const out = join(tempDir(), 'run');
    const r = await runCli(['run', MALL, ...features, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/stability {10,}/);
    expect(r.stdout).toMatch(/0\.\d\d highly stable|1\.00 highly stable/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      stability: { bootstraps: number; rows: number };
      segments: Array<{ stability: { jaccard: number; verdict: string; bootstraps: number; dissolved: number } }>;
    };
    expect(summary.stability).toMatchObject({ bootstraps: 20, rows: 200 });
    for (const s of summary.segments) expect([s.stability.verdict, s.stability.bootstraps, s.stability.dissolved]).toEqual(['highly stable', 20, 0]);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/Stability 0\.\d\d — highly stable: found again in 20 of 20 resamples, dissolved in none\./);
    const off = join(tempDir(), 'off');
    expect((await runCli(['run', MALL, ...features, '--stability', 'off', '--out', off, '--quiet'])).code).toBe(0);
    const quiet = JSON.parse(readFileSync(join(off, 'summary.json'), 'utf8')) as { stability?: unknown; segments: Array<{ stability?: unknown }> };
    expect([quiet.stability, quiet.segments[0]!.stability]).toEqual([undefined, undefined]);
    const gmm = await runCli(['run', MALL, ...features, '--method', 'gmm', '--stability', '20', '--out', join(tempDir(), 'g'), '--quiet']);
    expect([gmm.code, gmm.stderr]).toEqual([2, expect.stringMatching(/--stability is measured for k-means runs; this run uses gmm/)]);
    const bad = await runCli(['run', MALL, ...features, '--stability', '0', '--out', join(tempDir(), 'b'), '--quiet']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/invalid --stability: 0/)]);
  }, 60_000);
});
