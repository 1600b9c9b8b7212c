import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchSegments } from '../../src/baseline/matchSegments.js';
import { optimalAssignment } from '../../src/baseline/optimalAssignment.js';
import { INCOME, MALL, SPENDING, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

/** Every permutation's best total, by brute force. */
function bestTotal(score: number[][]): number {
  const rows = score.length,
    cols = score[0]!.length;
  let best = -Infinity;
  const walk = (i: number, used: Set<number>, total: number): void => {
    if (i === rows) return void (best = Math.max(best, total));
    walk(i + 1, used, total); // row left unassigned (only when rows > cols matters)
    for (let j = 0; j < cols; j++) if (!used.has(j)) (used.add(j), walk(i + 1, used, total + score[i]![j]!), used.delete(j));
  };
  walk(0, new Set(), 0);
  return best;
}

describe('optimalAssignment and matchSegments', () => {
  it('finds the assignment with the largest total, on square and rectangular matrices', () => {
    let seed = 5;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % 50);
    for (const [r, c] of [
      [3, 3],
      [4, 2],
      [2, 5],
      [5, 5],
      [6, 4],
    ] as const) {
      for (let t = 0; t < 10; t++) {
        const score = Array.from({ length: r }, () => Array.from({ length: c }, rand));
        const match = optimalAssignment(score);
        expect(new Set(match.filter((j) => j >= 0)).size).toBe(Math.min(r, c));
        expect(match.reduce((s, j, i) => s + (j >= 0 ? score[i]![j]! : 0), 0)).toBe(bestTotal(score));
      }
    }
  });
  it('keeps a pair only when half of one side is in the other; the rest are new or gone', () => {
    const baseline = [
      { id: 1, name: 'A' },
      { id: 2, name: 'B' },
      { id: 3, name: 'C' },
    ];
    // Baseline C splits across new 2 and 3; new 3 holds under half of C and is mostly A's: new, and C is gone.
    const m = matchSegments(
      [
        [90, 0, 40],
        [0, 50, 0],
        [10, 30, 30],
      ],
      baseline,
    );
    expect(m.matches.map((x) => x.baseline?.id ?? null)).toEqual([1, 2, null]);
    expect(m.vanished.map((v) => v.id)).toEqual([3]);
    expect(m.matches[0]).toMatchObject({ overlap: 90, shareOfBaseline: 90 / 130, shareOfNew: 0.9 });
    const weak = matchSegments(
      [
        [40, 30, 30],
        [30, 40, 30],
        [30, 30, 40],
      ],
      baseline,
    );
    expect(weak.matches.every((x) => x.baseline === null)).toBe(true);
    expect(weak.vanished.map((v) => v.id)).toEqual([1, 2, 3]);
  });
});

describe('segmenta run --baseline and segmenta drift', () => {
  const dir = tempDir();
  const run = async (out: string, ...args: string[]) => {
    const r = await runCli(['run', ...args, '--out', join(dir, out), '--stability', 'off']);
    expect(r.code, r.stderr).toBe(0);
    return {
      stdout: r.stdout,
      summary: JSON.parse(readFileSync(join(dir, out, 'summary.json'), 'utf8')),
      segments: readFileSync(join(dir, out, 'segments.csv'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(',')),
      migration: readFileSync(join(dir, out, 'migration.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')),
    };
  };
  const csvRows = (out: string) =>
    readFileSync(join(dir, out, 'segments.csv'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(','));
  beforeAll(async () => {
    const r = await runCli(['run', MALL, '--features', `${INCOME},${SPENDING}`, '--out', join(dir, 'base'), '--stability', 'off']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('another seed keeps every segment’s number and name: the migration diagonal is 100%', async () => {
    const base = csvRows('base');
    const again = await run('seed7', MALL, '--features', `${INCOME},${SPENDING}`, '--seed', '7', '--baseline', join(dir, 'base', 'model.json'));
    expect(again.summary.k.chosen).toBe(5);
    // Same customer → same segment number and name as in the baseline.
    expect(again.segments.map((r) => r.slice(0, 3))).toEqual(base.map((r) => r.slice(0, 3)));
    for (const [from, , to, , count, shareOfBaseline] of again.migration) {
      if (from === to) expect(shareOfBaseline).toBe('1');
      else expect(count).toBe('0');
    }
    expect(again.summary.baseline.segments.every((s: { status: string }) => s.status === 'kept')).toBe(true);
    expect(again.summary.baseline.vanished).toEqual([]);
    expect(again.stdout).toMatch(/Of the 200 customers in both runs, 200 \(100\.0%\) are in the segment of the same number/);
    const report = readFileSync(join(dir, 'seed7', 'report.html'), 'utf8');
    expect(report).toMatch(/<section id="baseline"><h2>What changed since the baseline<\/h2>/);
    expect(report).toMatch(/<table class="plain migration" id="migration">/);
  });

  it('removing a feature: a migration table whose counts sum to the customers in both, new segments numbered after the baseline’s', async () => {
    const fewer = await run('income', MALL, '--features', INCOME, '--k', '6', '--baseline', join(dir, 'base'));
    const sum = fewer.migration.reduce((s, r) => s + Number(r[4]), 0);
    expect(sum).toBe(200);
    expect(fewer.summary.baseline.shared).toBe(200);
    const ids = fewer.summary.segments.map((s: { id: number }) => s.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    type Status = { id: number; name: string; status: string; baseline: { name: string } | null };
    const kept = fewer.summary.baseline.segments.filter((s: Status) => s.status !== 'new').map((s: Status) => s.id);
    // A continued segment keeps its name only when at least ¾ of its customers came from it; else it is renamed.
    for (const s of fewer.summary.baseline.segments as Status[]) {
      if (s.status === 'kept') expect(s.name).toBe(s.baseline!.name);
      if (s.status === 'renamed') expect(s.name).not.toBe(s.baseline!.name);
    }
    const added = fewer.summary.baseline.segments.filter((s: { status: string }) => s.status === 'new').map((s: { id: number }) => s.id);
    expect(kept.every((id: number) => id <= 5)).toBe(true);
    expect(added.every((id: number) => id > 5)).toBe(true);
    expect(kept.length + fewer.summary.baseline.vanished.length).toBe(5);
    // The model with kept numbers predicts and reports like any other.
    const predicted = await runCli(['predict', join(dir, 'income', 'model.json'), MALL, '--out', join(dir, 'income-predicted')]);
    expect(predicted.code, predicted.stderr).toBe(0);
    expect(csvRows('income-predicted').map((r) => r.slice(0, 3))).toEqual(csvRows('income').map((r) => r.slice(0, 3)));
    expect((await runCli(['report', join(dir, 'income')])).code).toBe(0);
  });

  it('20% new customers: counts sum to the customers in both, the new ones counted apart', async () => {
    const lines = readFileSync(MALL, 'utf8').trim().split(/\r?\n/);
    const extra = lines
      .slice(1, 41)
      .map((l) => l.split(','))
      .map((c) => [String(Number(c[0]) + 1000), c[1], c[2], String(Number(c[3]) + 3), String(Math.min(99, Number(c[4]) + 2))].join(','));
    const file = join(dir, 'mall_plus.csv');
    writeFileSync(file, [...lines, ...extra].join('\n') + '\n');
    const more = await run('plus', file, '--features', `${INCOME},${SPENDING}`, '--baseline', join(dir, 'base', 'model.json'));
    expect(more.migration.reduce((s, r) => s + Number(r[4]), 0)).toBe(200);
    expect(more.summary.baseline.added).toBe(40);
    expect(more.summary.baseline.basis).toBe('customers');
  });

  it('a baseline whose features the file lacks is refused with one clear line (exit 3), and its folder is not overwritten', async () => {
    const file = join(dir, 'no_spending.csv');
    writeFileSync(
      file,
      readFileSync(MALL, 'utf8')
        .trim()
        .split(/\r?\n/)
        .map((l) => l.split(',').slice(0, 4).join(','))
        .join('\n') + '\n',
    );
    const r = await runCli(['run', file, '--out', join(dir, 'refused'), '--baseline', join(dir, 'base', 'model.json')]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/lacks "Spending Score \(1-100\)" of the baseline .*model\.json/);
    const over = await runCli(['run', MALL, '--out', join(dir, 'base'), '--force', '--baseline', join(dir, 'base', 'model.json')]);
    expect(over.code).not.toBe(0);
  });

  it('segmenta drift OLD NEW gives the same table without re-running', async () => {
    const r = await runCli(['drift', join(dir, 'base'), join(dir, 'plus'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const drift = JSON.parse(r.stdout);
    expect(drift.customersInBoth).toBe(200);
    expect(drift.onlyNew).toBe(40);
    const csv = (await runCli(['drift', join(dir, 'base'), join(dir, 'plus'), '--csv'])).stdout;
    expect(csv).toBe(readFileSync(join(dir, 'plus', 'migration.csv'), 'utf8'));
    expect((await runCli(['drift', join(dir, 'base')])).code).toBe(2);
  });
}, 180_000);
