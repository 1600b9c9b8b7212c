import { describe, expect, it } from 'vitest';
import { closestName } from '../../src/util/closestName.js';

describe('closestName', () => {
  it('prefers the nearest of the names that contain the given one, whatever their order', () => {
    expect(closestName('mal', ['ch_mall', 'mall', 'mall_segments'])).toBe('mall');
    expect(closestName('Income', ['Age', 'Annual Income (k$)'])).toBe('Annual Income (k$)');
  });
  it('is exact first, then by edit distance, and nothing when nothing is close', () => {
    expect(closestName('AGE', ['age', 'Age'])).toBe('age');
    expect(closestName('Spendng', ['Spending', 'Gender'])).toBe('Spending');
    expect(closestName('zzzz', ['Spending', 'Gender'])).toBeUndefined();
  });
});
