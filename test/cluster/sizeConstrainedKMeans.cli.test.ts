import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignWithSizeLimits, sizeConstrainedKMeans } from '../../src/cluster/sizeConstrainedKMeans.js';
import { feasibleKRange, parseSizeLimit, sizeBounds } from '../../src/cluster/sizeLimits.js';
import { fromRows, type Matrix } from '../../src/util/matrix.js';
import { createRandom } from '../../src/util/random.js';
import { INCOME, MALL, SPENDING, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

const matrix = (rows: number[][]): Matrix => fromRows(rows);
const cost = (x: Matrix, c: Matrix, labels: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < x.rows; i++) for (let t = 0; t < x.cols; t++) s += (x.data[i * x.cols + t]! - c.data[labels[i]! * x.cols + t]!) ** 2;
  return s;
};

/** The cheapest assignment meeting the limits by trying all k^n of them. */
function bruteForce(x: Matrix, c: Matrix, min: number, max: number): number {
  const k = c.rows,
    n = x.rows;
  let best = Infinity;
  const labels = new Int32Array(n);
  for (let code = 0; code < k ** n; code++) {
    let rest = code;
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      labels[i] = rest % k;
      sizes[labels[i]!]!++;
      rest = Math.floor(rest / k);
    }
    if (sizes.every((s) => s >= min && s <= max)) best = Math.min(best, cost(x, c, labels));
  }
  return best;
}

describe('k-means with size limits', () => {
  it('hand-checked: where the nearest centre leaves a segment too small, the cheapest customer moves', () => {
    // 0, 1, 2 are nearest to 1 and 10 to 10: a segment of one. With at least 2 each, moving 2 costs
    // (2 − 10)² − (2 − 1)² = 63, moving 1 costs 81 and 0 costs 99: customer 2 moves.
    const x = matrix([[0], [1], [2], [10]]);
    expect([...assignWithSizeLimits(x, matrix([[1], [10]]), { min: 0, max: 4 })]).toEqual([0, 0, 0, 1]);
    expect([...assignWithSizeLimits(x, matrix([[1], [10]]), { min: 2, max: 4 })]).toEqual([0, 0, 1, 1]);
    // The iteration then settles on {0, 1} and {2, 10}: centres 0.5 and 6, inertia 0.25 + 0.25 + 16 + 16.
    const fit = sizeConstrainedKMeans(x, matrix([[1], [10]]), { min: 2, max: 4 });
    expect([...fit.labels]).toEqual([0, 0, 1, 1]);
    expect([...fit.centers.data]).toEqual([0.5, 6]);
    expect(fit.inertia).toBe(32.5);
    expect(fit.converged).toBe(true);
  });

  it('hand-checked: an upper limit sends the farthest members of a crowded segment to the next centre', () => {
    // Five customers near (0, 0) and one near (10, 0); at most 3 per segment: the two of the five nearest the
    // other centre (x = 3 and 4) move.
    const x = matrix([
      [0, 0],
      [1, 0],
      [0, 1],
      [3, 0],
      [4, 0],
      [10, 0],
    ]);
    expect([
      ...assignWithSizeLimits(
        x,
        matrix([
          [0, 0],
          [10, 0],
        ]),
        { min: 0, max: 3 },
      ),
    ]).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('is the cheapest assignment meeting the limits (against all k^n assignments on random small cases)', () => {
    const rng = createRandom(7);
    for (let trial = 0; trial < 60; trial++) {
      const n = 5 + (trial % 4),
        k = 2 + (trial % 3);
      const x = matrix(Array.from({ length: n }, () => [rng.next() * 10, rng.next() * 10]));
      const c = matrix(Array.from({ length: k }, () => [rng.next() * 10, rng.next() * 10]));
      const min = trial % 3 === 0 ? 0 : Math.floor(n / k) - (trial % 2);
      const max = trial % 3 === 1 ? n : Math.ceil(n / k) + (trial % 2);
      const labels = assignWithSizeLimits(x, c, { min, max });
      const sizes = Array.from({ length: k }, (_, j) => labels.filter((l) => l === j).length);
      for (const s of sizes) {
        expect(s).toBeGreaterThanOrEqual(min);
        expect(s).toBeLessThanOrEqual(max);
      }
      expect(cost(x, c, labels)).toBeCloseTo(bruteForce(x, c, min, max), 9);
    }
  });

  it('limits in customers or shares; the ks that can meet them; bad limits named', () => {
    expect(sizeBounds('15%', undefined, 200)).toEqual({ min: 30, max: 200 });
    expect(sizeBounds(30, '40%', 200)).toEqual({ min: 30, max: 80 });
    // A count for 1,000 customers on a sample of 200 keeps its share.
    expect(sizeBounds(150, undefined, 200, 1000)).toEqual({ min: 30, max: 200 });
    expect(feasibleKRange(2, 10, 200, { min: 30, max: 200 })).toEqual({ kMin: 2, kMax: 6 });
    expect(feasibleKRange(2, 10, 200, { min: 0, max: 50 })).toEqual({ kMin: 4, kMax: 10 });
    expect(parseSizeLimit('--min-size', '15%')).toBe('15%');
    expect(parseSizeLimit('--min-size', '30')).toBe(30);
    expect(() => parseSizeLimit('--min-size', 'ten')).toThrow('invalid --min-size: ten (expected a number of customers such as 30, or a share such as 15%)');
    expect(() => assignWithSizeLimits(matrix([[0], [1], [2]]), matrix([[0], [1]]), { min: 2, max: 3 })).toThrow(/2 segments cannot hold 3 customers/);
  });
});

describe('segmenta run --min-size / --max-size', () => {
  const dir = tempDir();
  const read = (out: string, f: string) => JSON.parse(readFileSync(join(out, f), 'utf8'));

  it('Mall with --min-size 15%: every segment ≥ 30 customers, only the ks that can meet it voted, inertia within 15% of k-means without limits; predict says it assigns by the nearest centre', async () => {
    const out = join(dir, 'min15');
    const r = await runCli(['run', MALL, '--features', `${INCOME},${SPENDING}`, '--min-size', '15%', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const summary = read(out, 'summary.json');
    expect(summary.segments.every((s: { size: number }) => s.size >= 30)).toBe(true);
    expect(summary.k.perK.map((f: { k: number }) => f.k)).toEqual([2, 3, 4, 5, 6]);
    const limits = summary.method.sizeLimits;
    expect([limits.min, limits.max]).toEqual([30, 200]);
    expect(summary.inertia).toBeGreaterThanOrEqual(limits.unconstrainedInertia * 0.999);
    expect(summary.inertia).toBeLessThanOrEqual(limits.unconstrainedInertia * 1.15);
    expect(r.stdout).toMatch(/^Size limits: every segment holds 30 to 200 customers .* they cost \d+\.\d% of fit/m);
    const sizes = readFileSync(join(out, 'segments.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .reduce((m, l) => m.set(l.split(',')[1]!, (m.get(l.split(',')[1]!) ?? 0) + 1), new Map<string, number>());
    expect(Math.min(...sizes.values())).toBeGreaterThanOrEqual(30);
    const p = await runCli(['predict', join(out, 'model.json'), MALL, '--out', join(dir, 'scored')]);
    expect(p.stdout).toContain('predict assigns each customer to the nearest centre');
    // Without limits two segments are below 30 (23 and 22 customers): the limit changed the answer.
    const free = join(dir, 'free');
    expect((await runCli(['run', MALL, '--features', `${INCOME},${SPENDING}`, '--k', '5', '--out', free, '--quiet'])).code).toBe(0);
    expect(Math.min(...read(free, 'summary.json').segments.map((s: { size: number }) => s.size))).toBeLessThan(30);
  });

  it('--max-size caps every segment; limits no k can meet, or another method, are refused in one line', async () => {
    const out = join(dir, 'max');
    expect((await runCli(['run', MALL, '--k', '4', '--max-size', '30%', '--out', out, '--quiet'])).code).toBe(0);
    expect(read(out, 'summary.json').segments.every((s: { size: number }) => s.size <= 60)).toBe(true);
    const bad = await runCli(['run', MALL, '--k', '7', '--min-size', '15%', '--out', join(dir, 'bad')]);
    expect([bad.code, bad.stderr.trim()]).toEqual([
      2,
      'segmenta: error: k = 7 segments cannot meet --min-size 15% and --max-size none (30–200 customers of 200); give a k from 2 to 6, or looser limits',
    ]);
    expect((await runCli(['run', MALL, '--method', 'gmm', '--min-size', '10', '--out', join(dir, 'bad')])).code).toBe(2);
    expect((await runCli(['run', MALL, '--min-size', 'ten', '--out', join(dir, 'bad')])).stderr).toMatch(/invalid --min-size: ten/);
  });
});
