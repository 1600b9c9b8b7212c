import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/data/readTable.js';
import { findColumn } from '../../src/data/table.js';
import { fitTree, segmentByRules, segmentRules, type TreeNode } from '../../src/explain/segmentRules.js';
import { MALL, ROOT, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

interface Reference {
  columns: string[];
  depth: number;
  segments: Array<{ label: number; root: { feature: number; threshold: number }; inSegment: number[] }>;
}

/** The rows a fitted tree puts in the segment. */
function inSegment(tree: TreeNode, columns: Float64Array[], n: number): number[] {
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    let node = tree;
    while (!node.leaf) node = columns[node.feature]![i]! <= node.threshold ? node.left : node.right;
    if (node.inSegment) rows.push(i);
  }
  return rows;
}

describe('readable segment rules', () => {
  it('trees as scikit-learn grows them: the same root split and the same customers in every segment (Mall, sklearn k = 5 labels, depth 3)', async () => {
    const ref = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/mall_rules.json'), 'utf8')) as Reference;
    const kmeans = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/mall_kmeans.json'), 'utf8'));
    const labels: number[] = kmeans.sets.income_spending.per_k.find((p: { k: number }) => p.k === 5).labels;
    const table = await readTable(MALL);
    const columns = ref.columns.map((name) => {
      const c = findColumn(table, name)!;
      if (c.kind !== 'number') throw new Error(name);
      return Float64Array.from(c.values);
    });
    for (const s of ref.segments) {
      const tree = fitTree(
        columns,
        Uint8Array.from(labels, (l) => (l === s.label ? 1 : 0)),
        ref.depth,
      );
      expect(tree.leaf).toBe(false);
      if (tree.leaf) continue;
      expect([tree.feature, tree.threshold], `segment ${s.label}`).toEqual([s.root.feature, s.root.threshold]);
      expect(inSegment(tree, columns, labels.length), `segment ${s.label}`).toEqual(s.inSegment);
    }
  });

  it('Mall k = 5 on income and spending: every rule recovers its segment (precision and recall ≥ 0.9), in the data’s units, in summary.json, the terminal and the report', async () => {
    const out = join(tempDir(), 'mall');
    const r = await runCli(['run', MALL, '--features', 'Annual Income (k$),Spending Score (1-100)', '--k', '5', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.rules.columns).toEqual(['Annual Income (k$)', 'Spending Score (1-100)']);
    expect(summary.rules.rules).toHaveLength(5);
    for (const rule of summary.rules.rules) {
      expect(rule.precision, rule.text).toBeGreaterThanOrEqual(0.9);
      expect(rule.recall, rule.text).toBeGreaterThanOrEqual(0.9);
    }
    expect(summary.rules.agreement).toBeGreaterThanOrEqual(0.9);
    // Each segment card of the report says who is in it.
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    for (const rule of summary.rules.rules)
      expect(report).toContain(`<strong>Who is in it:</strong> ${rule.text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}`);
    // Thresholds halfway between customers' values, in k$ and score points.
    expect(r.stdout).toMatch(/^1\. .*Annual Income \(k\$\) .*— precision \d\.\d\d, recall \d\.\d\d$/m);
  });

  it('a rule is checked against the customers it claims: precision and recall computed from the matches', () => {
    // Two segments: the threshold sits halfway between the neighbouring customers of each side.
    const x = Float64Array.from([1, 2, 3, 4, 6, 7, 8, 9, 4.5]);
    const labels = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1, 1]);
    const rules = segmentRules([{ column: { name: 'x', kind: 'number', values: x, integer: false }, categorical: false }], labels, 2, 1);
    expect(rules.rules[0]!.text).toBe('x ≤ 4.25');
    expect([rules.rules[0]!.precision, rules.rules[0]!.recall]).toEqual([1, 1]);
    expect(rules.rules[1]!.text).toBe('x > 4.25');
    expect([rules.rules[1]!.precision, rules.rules[1]!.recall]).toEqual([1, 1]);
    const wrong = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1, 0]);
    const r2 = segmentRules([{ column: { name: 'x', kind: 'number', values: x, integer: false }, categorical: false }], wrong, 2, 1);
    expect(r2.rules[0]!.text).toBe('x ≤ 5.25');
    expect(r2.rules[0]!.precision).toBe(1);
    expect(r2.rules[0]!.recall).toBe(1);
  });

  it('categories split one level against the rest, named by their levels; codes too; a missing cell meets no condition', () => {
    // Segment 0: gold and silver customers who spend much, and one gold customer who spends little.
    const plan = { name: 'plan', kind: 'string' as const, values: ['gold', 'gold', 'silver', 'silver', 'bronze', 'bronze', 'silver', null] };
    const spend = { name: 'spend', kind: 'number' as const, values: Float64Array.from([10, 90, 80, 20, 90, 15, 70, 95]), integer: true };
    const labels = Int32Array.from([0, 0, 0, 1, 1, 1, 0, 1]);
    const rules = segmentRules(
      [
        { column: plan, categorical: true },
        { column: spend, categorical: false },
      ],
      labels,
      2,
      2,
    );
    expect(rules.columns).toEqual(['plan', 'spend']);
    // Root: spend ≤ 45; on the high side "bronze" against the rest (the missing plan is left out of fitting).
    expect(rules.rules[0]!.text).toBe('plan is not bronze and spend > 45');
    expect([rules.rules[0]!.precision, rules.rules[0]!.recall]).toEqual([1, 0.75]);
    expect(segmentByRules(rules, (c) => ({ plan: null, spend: 99 })[c])).toBe(segmentByRules(rules, () => null));
    // Two levels read as "is A" / "is B"; a number code column given as categorical is matched as text.
    const region = { name: 'region', kind: 'number' as const, values: Float64Array.from([1, 1, 2, 2]), integer: true };
    const two = segmentRules([{ column: region, categorical: true }], Int32Array.from([0, 0, 1, 1]), 2, 1);
    expect(two.rules.map((r) => r.text)).toEqual(['region is 2', 'region is 1'].reverse());
    expect(segmentByRules(two, () => 2)).toBe(2);
  });

  it('drops a path that finds a sliver of the segment (fewer than 2% of it), keeping the rule readable', () => {
    // Segment 0: x from 0 to 99, and one customer at 500 among segment 1's 501..510.
    const x = Float64Array.from([
      ...Array.from({ length: 100 }, (_, i) => i),
      ...Array.from({ length: 100 }, (_, i) => 200 + i),
      500,
      ...Array.from({ length: 10 }, (_, i) => 501 + i),
    ]);
    const labels = Int32Array.from([...Array(100).fill(0), ...Array(100).fill(1), 0, ...Array(10).fill(1)]);
    const column = { name: 'x', kind: 'number' as const, values: x, integer: true };
    const tree = fitTree(
      [x],
      Uint8Array.from(labels, (l) => (l === 0 ? 1 : 0)),
      3,
    );
    // The tree itself does isolate the lone customer …
    expect(inSegment(tree, [x], x.length)).toContain(200);
    // … the rule does not: "x ≤ 149.5" finds 100 of 101.
    const rules = segmentRules([{ column, categorical: false }], labels, 2, 3);
    expect(rules.rules[0]!.text).toBe('x ≤ 149.5');
    expect(rules.rules[0]!.recall).toBeCloseTo(100 / 101, 12);
  });
});
