import { describe, expect, it } from 'vitest';
import { allRows, gather } from '../../src/util/gather.js';

describe('gather and allRows', () => {
  it('picks values by row index in the indices’ order, keeping the array kind', () => {
    const values = Float64Array.from([10.5, -0, NaN, 3]);
    const picked = gather(values, [3, 0, 2, 0]);
    expect(picked).toBeInstanceOf(Float64Array);
    expect(Array.from(picked)).toEqual([3, 10.5, NaN, 10.5]);
    expect(Object.is(gather(values, Int32Array.of(1))[0], -0)).toBe(true);
    const labels = gather(Int32Array.from([4, 5, 6]), Int32Array.of(2, 1));
    expect(labels).toBeInstanceOf(Int32Array);
    expect(Array.from(labels)).toEqual([6, 5]);
    expect(gather(values, []).length).toBe(0);
  });
  it('numbers the rows 0 … n − 1', () => {
    expect(Array.from(allRows(5))).toEqual([0, 1, 2, 3, 4]);
    expect(allRows(0).length).toBe(0);
  });
});
