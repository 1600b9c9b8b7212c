import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distancePercentiles, placeAgainstTraining, unusualRule } from '../../src/stats/distancePercentile.js';
import { MALL, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

describe('unusual customers', () => {
  it('are far relative to their own segment: a wide segment does not hide a tight segment’s outlier', () => {
    // Segment 0: typical distance 1, one customer at 10; segment 1: typical distance 2, one at 20.
    const labels = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
    const distances = Float64Array.from([1, 1, 1, 1, 10, 2, 2, 2, 2, 2, 2, 20]);
    const percentiles = distancePercentiles(distances, labels, 2);
    // Scores (distance / segment median): ten 1s and two 10s; the 0.8 quantile of them is 1.
    const rule = unusualRule(labels, distances, percentiles, 0.2);
    expect(rule).toEqual({ contamination: 0.2, threshold: 1 });
    const placed = placeAgainstTraining(labels, distances, percentiles, rule);
    expect([...placed.unusual]).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1]);
    expect([placed.score[4], placed.score[11]]).toEqual([10, 10]);
    // An absolute cut would flag segment 1's ordinary members before segment 0's outlier: 2 > 1 but 2 is typical there.
    expect(placed.unusual[5]).toBe(0);
  });

  it('--contamination sets the share flagged; summary.json and the report list the most unusual with the columns that put them there', async () => {
    const dir = tempDir();
    const out = join(dir, 'five');
    const r = await runCli(['run', MALL, '--k', '5', '--contamination', '5%', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const flagged = readFileSync(join(out, 'segments.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .filter((l) => l.split(',')[5] === '1');
    expect(flagged).toHaveLength(10);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.unusual).toMatchObject({ contamination: 0.05, count: 10 });
    const customers = summary.unusual.customers as Array<{ score: number; why: string[]; segment: number }>;
    expect(customers).toHaveLength(10);
    for (let i = 1; i < customers.length; i++) expect(customers[i]!.score).toBeLessThanOrEqual(customers[i - 1]!.score);
    for (const c of customers) {
      expect(c.score).toBeGreaterThan(summary.unusual.threshold - 1e-3);
      expect(c.why.length).toBeGreaterThanOrEqual(1);
      expect(c.why[0]).toMatch(/^(Gender|Age|Annual Income \(k\$\)|Spending Score \(1-100\)) /);
    }
    expect(r.stdout).toMatch(/^unusual customers: 10 \(the 5% farthest/m);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<section id="unusual"><h2>Unusual customers</h2>');
    expect(html).toContain(customers[0]!.why[0]!.replace('&', '&amp;'));
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(model.unusual.contamination).toBe(0.05);
    const bad = await runCli(['run', MALL, '--contamination', '60%', '--out', join(dir, 'bad')]);
    expect([bad.code, bad.stderr.trim()]).toEqual([
      2,
      'segmenta: error: invalid --contamination: 60% (expected a share above 0 and below 0.5, e.g. 0.01 or 1%)',
    ]);
  });
});
