import { expect } from 'vitest';
import type { Pipeline } from '../../src/preprocess/pipeline.js';
import { withEngine } from './engineFixtures.js';

/** |a − b| ≤ tol · max(1, |b|) element by element. */
export function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++)
    expect(Math.abs(a[i]! - b[i]!), `element ${i}: ${a[i]} vs ${b[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b[i]!)));
}

export function expectSamePipeline(a: Pipeline, b: Pipeline): void {
  expect(a.outputNames).toEqual(b.outputNames);
  a.steps.forEach((s, i) => {
    const t = b.steps[i]!;
    expect(s.kind).toBe(t.kind);
    if (s.kind === 'number' && t.kind === 'number') {
      expect(s.log).toBe(t.log);
      expectClose([s.fill, s.center, s.scale], [t.fill, t.center, t.scale], 1e-12);
    } else if (s.kind === 'category' && t.kind === 'category') {
      expect([s.levels, s.other, s.fill]).toEqual([t.levels, t.other, t.fill]);
      expectClose([...s.centers, ...s.scales], [...t.centers, ...t.scales], 1e-12);
    }
  });
}

/** segments.csv (or a written table read back) as key → segment. */
export function segmentsOf(csvText: string): Map<string, number> {
  const lines = csvText.trim().split('\n').slice(1);
  return new Map(lines.map((l) => l.split(',')).map((c) => [c[0]!, Number(c[1])]));
}

export async function writtenSegments(url: string, table: string): Promise<Map<string, number>> {
  return withEngine(
    url,
    async (e) => new Map((await e.query(`SELECT * FROM ${e.tableRef(table)}`)).map((r) => [String(Object.values(r)[0]), Number(r['segment'])])),
  );
}
