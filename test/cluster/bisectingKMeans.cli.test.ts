import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bisectingTree, cutBisecting, type BisectingStrategy } from '../../src/cluster/bisectingKMeans.js';
import { adjustedRandIndex } from '../../src/metrics/adjustedRandIndex.js';
import { INCOME, MALL, mallMatrix, ROOT, SPENDING, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

interface Reference {
  strategies: Record<BisectingStrategy, { starts: Array<[number, number]>; per_k: Array<{ k: number; labels: number[]; inertia: number }> }>;
}

describe('bisecting k-means', () => {
  it('equals scikit-learn’s BisectingKMeans on Mall (income × spending) for k = 2..6, both strategies, from the same starts', async () => {
    const ref = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/mall_bisecting.json'), 'utf8')) as Reference;
    const x = await mallMatrix([INCOME, SPENDING]);
    for (const strategy of ['biggest_inertia', 'largest_cluster'] as const) {
      const { starts, per_k } = ref.strategies[strategy];
      const tree = bisectingTree(x, 5, { strategy, starts: (s) => starts[s]! });
      for (const { k, labels, inertia } of per_k) {
        const fit = cutBisecting(x, tree, k);
        // The same labels, numbered as scikit-learn numbers its leaves (left first).
        expect([...fit.labels], `${strategy}, k = ${k}`).toEqual(labels);
        expect(fit.inertia).toBeCloseTo(inertia, 9);
      }
    }
    // The strategies part at the third split: the test tells them apart.
    expect(ref.strategies.biggest_inertia.per_k[2]!.labels).not.toEqual(ref.strategies.largest_cluster.per_k[2]!.labels);
  });

  it('by default seeds each split with k-means++ and restarts: deterministic, and no worse than scikit-learn’s single random start at k = 6', async () => {
    const ref = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/mall_bisecting.json'), 'utf8')) as Reference;
    const x = await mallMatrix([INCOME, SPENDING]);
    const a = cutBisecting(x, bisectingTree(x, 5, { seed: 3 }), 6);
    const b = cutBisecting(x, bisectingTree(x, 5, { seed: 3 }), 6);
    expect([...a.labels]).toEqual([...b.labels]);
    expect(a.inertia).toBeLessThanOrEqual(ref.strategies.biggest_inertia.per_k[4]!.inertia + 1e-9);
    expect(adjustedRandIndex(a.labels, Int32Array.from(ref.strategies.biggest_inertia.per_k[4]!.labels))).toBeGreaterThan(0.5);
  });
});

describe('segmenta run --method bisecting, and --within SEGMENT --baseline MODEL', () => {
  const dir = tempDir();
  const read = (out: string, f: string) => JSON.parse(readFileSync(join(out, f), 'utf8'));
  const segmentsOf = (out: string): Map<string, string> =>
    new Map(
      readFileSync(join(out, 'segments.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => [l.split(',')[0]!, l.split(',')[1]!]),
    );

  it('draws and names the tree of splits: its leaves are the segments, every group has a name, in summary.json, the terminal and the report', async () => {
    const out = join(dir, 'bisect');
    const r = await runCli(['run', MALL, '--method', 'bisecting', '--features', `${INCOME},${SPENDING}`, '--k', '5', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const summary = read(out, 'summary.json');
    expect(summary.method).toMatchObject({ method: 'bisecting', strategy: 'biggest_inertia' });
    const tree = summary.method.tree as Array<{ id: number; parent: number | null; size: number; name: string; segment?: number; split?: number }>;
    expect(
      tree
        .filter((n) => n.split !== undefined)
        .map((n) => n.split)
        .sort(),
    ).toEqual([1, 2, 3, 4]);
    const leaves = tree.filter((n) => n.segment !== undefined);
    expect(leaves.map((n) => [n.segment, n.name, n.size]).sort()).toEqual(
      summary.segments.map((s: { id: number; name: string; size: number }) => [s.id, s.name, s.size]).sort(),
    );
    // A split's two parts add up to it; every group is named.
    for (const n of tree.filter((x) => x.split !== undefined)) expect(tree.filter((c) => c.parent === n.id).reduce((s, c) => s + c.size, 0)).toBe(n.size);
    for (const n of tree) expect(n.name.length).toBeGreaterThan(3);
    expect(r.stdout).toMatch(/^tree of splits \(bisecting k-means/m);
    expect(r.stdout).toMatch(/^Everyone \(200\)$/m);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('id="chart-split-tree"');
    // predict descends the tree as scikit-learn does: on the training file, the run's segments.csv byte for byte.
    expect((await runCli(['predict', join(out, 'model.json'), MALL, '--out', join(dir, 'bisect-scored')])).code).toBe(0);
    expect(readFileSync(join(dir, 'bisect-scored', 'segments.csv'), 'utf8')).toBe(readFileSync(join(out, 'segments.csv'), 'utf8'));
    expect((await runCli(['export-sql', join(out, 'model.json'), '--dialect', 'duckdb'])).stderr).toMatch(
      /this model is bisecting \(export-sql --rules writes/,
    );
    expect((await runCli(['export-sql', join(out, 'model.json'), '--rules', '--dialect', 'duckdb'])).code).toBe(0);
  });

  it('--within re-segments one segment’s customers (by number or name), and refuses an unknown segment or a missing --baseline', async () => {
    const parent = join(dir, 'parent');
    expect((await runCli(['run', MALL, '--k', '5', '--out', parent, '--quiet'])).code).toBe(0);
    const first = read(parent, 'summary.json').segments[0] as { id: number; name: string; size: number };
    const inParent = segmentsOf(parent);
    for (const [n, which] of [
      ['by-number', String(first.id)],
      ['by-name', first.name.toUpperCase()],
    ] as const) {
      const out = join(dir, n);
      const r = await runCli(['run', MALL, '--within', which, '--baseline', parent, '--k', '2', '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe(
        `within segment ${first.id} (${first.name}) of ${join(parent, 'model.json')}${n === 'by-name' ? ', found by its name' : ''}: ${first.size} of 200 customers (membership by segments.csv)`,
      );
      const summary = read(out, 'summary.json');
      expect(summary.within).toMatchObject({ segment: first.id, customers: first.size, of: 200 });
      expect(summary.data.rows).toBe(first.size);
      const sub = segmentsOf(out);
      expect(sub.size).toBe(first.size);
      for (const key of sub.keys()) expect(inParent.get(key)).toBe(String(first.id));
      expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(`<h1>Sub-segments of segment ${first.id} (`);
    }
    const bad = await runCli(['run', MALL, '--within', 'nobody', '--baseline', parent, '--out', join(dir, 'bad')]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/--within nobody: .* has no such segment; give a number or a name of 1 \(/)]);
    expect((await runCli(['run', MALL, '--within', '1', '--out', join(dir, 'bad')])).stderr).toMatch(/--within SEGMENT needs --baseline MODEL/);
  });
});
