import { describe, expect, it } from 'vitest';
import { chartDataTable } from '../../src/charts/chartDataTable.js';
import { convexHull } from '../../src/charts/convexHull.js';
import { dendrogramSegments } from '../../src/charts/dendrogramChart.js';
import { robustRange } from '../../src/charts/robustRange.js';

describe('convexHull', () => {
  it('keeps the corners of a square with points inside and on its edges, counter-clockwise', () => {
    const pts: Array<[number, number]> = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [1, 1],
      [1, 0],
      [0.5, 1.5],
      [2, 2],
    ];
    expect(convexHull(pts)).toEqual([
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
    ]);
  });
  it('returns fewer than three distinct points as they are', () => {
    expect(
      convexHull([
        [1, 1],
        [1, 1],
        [3, 0],
      ]),
    ).toEqual([
      [1, 1],
      [3, 0],
    ]);
  });
});

describe('robustRange', () => {
  it('stops the axis short of a far outlier, and leaves an even spread alone', () => {
    const even = Array.from({ length: 200 }, (_, i) => i);
    expect(robustRange(even)).toBeNull();
    const withOutlier = [...even, 10_000];
    const r = robustRange(withOutlier)!;
    expect(r[1]).toBeLessThan(300);
    expect(r[0]).toBeLessThanOrEqual(1);
  });
});

describe('dendrogramSegments', () => {
  // Four customers: 0+1 at 1, 2+3 at 2, then both at 5; labels: 0,1 → segment 0; 2,3 → segment 1.
  const merges = [
    { a: 0, b: 1, height: 1, size: 2, labelA: 0, labelB: 0 },
    { a: 2, b: 3, height: 2, size: 2, labelA: 1, labelB: 1 },
    { a: 4, b: 5, height: 5, size: 4, labelA: 0, labelB: 1 },
  ];
  it('colours the branches below the cut into k = 2 by segment, the top merge not', () => {
    const { lines } = dendrogramSegments(merges, 4, 2);
    const top = lines.filter((l) => l.y2 === 5 && l.y === 5);
    expect(top.map((l) => l.label)).toEqual([-1]);
    expect(lines.filter((l) => l.y2 === 1).map((l) => l.label)).toEqual([0, 0, 0]);
    expect(lines.filter((l) => l.y2 === 2).map((l) => l.label)).toEqual([1, 1, 1]);
  });
  it('with k = 1 (no cut) colours nothing', () => {
    expect(new Set(dendrogramSegments(merges, 4).lines.map((l) => l.label))).toEqual(new Set([-1]));
  });
});

describe('chartDataTable', () => {
  const chart = (values: object[]) => ({
    id: 'x',
    title: 'A chart',
    spec: { data: { values }, encoding: { x: { field: 'a', title: 'Alpha' }, y: { field: 'b', title: 'Beta' } } },
  });
  it('shows a short dataset as it is, headed by the encodings’ titles, without styling fields', () => {
    const t = chartDataTable(chart([{ a: 1.23456, b: 'x', ink: 'white' }]))!;
    expect(t.header).toEqual(['Alpha', 'Beta']);
    expect(t.rows).toEqual([['1.23', 'x']]);
  });
  it('summarizes a long dataset by segment: points drawn and the mean of each number', () => {
    const values = Array.from({ length: 100 }, (_, i) => ({ segment: i < 30 ? 'one' : 'two', a: i < 30 ? 1 : 3, b: 'z' }));
    const t = chartDataTable(chart(values))!;
    expect(t.header).toEqual(['segment', 'drawn', 'mean Alpha']);
    expect(t.rows).toEqual([
      ['one', '30', '1'],
      ['two', '70', '3'],
    ]);
  });
});
