import { describe, expect, it } from 'vitest';
import { humanizeName } from '../../src/explain/humanizeName.js';
import { nameSegments } from '../../src/explain/nameSegments.js';
import type { SegmentStats } from '../../src/explain/profileSegments.js';

const seg = (diffs: Record<string, number>): SegmentStats => ({
  size: 10,
  share: 0.1,
  levels: [],
  modes: [],
  numeric: Object.entries(diffs).map(([feature, difference]) => ({ feature, difference, mean: 0, median: 0, populationMean: 0 })),
});

describe('naming segments', () => {
  it('humanizes column names', () => {
    expect(humanizeName('Annual Income (k$)')).toBe('income');
    expect(humanizeName('Spending Score (1-100)')).toBe('spending');
    expect(humanizeName('MntWines')).toBe('wines');
    expect(humanizeName('CREDIT_LIMIT')).toBe('credit limit');
  });
  it('names by the two strongest differences and keeps names unique', () => {
    const names = nameSegments([
      seg({ 'Annual Income (k$)': 1.2, 'Spending Score (1-100)': -1.1, Age: 0.6 }),
      seg({ 'Annual Income (k$)': 1.3, 'Spending Score (1-100)': -1.0, Age: -0.7 }),
      seg({ 'Annual Income (k$)': 0.1, 'Spending Score (1-100)': 0.05, Age: 0 }),
    ]);
    expect(names[0]).toBe('High income · Low spending · High age');
    expect(names[1]).toBe('High income · Low spending · Low age');
    expect(names[2]).toBe('Average profile');
  });
});
