import { describe, expect, it } from 'vitest';
import { fromRows, takeRows } from '../../src/util/matrix.js';

describe('takeRows', () => {
  it('copies the rows asked for, in that order and with repeats, into shared memory, narrow and wide alike', () => {
    for (const d of [1, 3, 8, 63, 64, 70]) {
      const m = fromRows(Array.from({ length: 5 }, (_, i) => Array.from({ length: d }, (_, t) => i * 1000 + t + 0.5)));
      const out = takeRows(m, Int32Array.of(4, 0, 4, 2));
      expect(out.rows).toBe(4);
      expect(out.cols).toBe(d);
      expect(out.data.buffer).toBeInstanceOf(SharedArrayBuffer);
      [4, 0, 4, 2].forEach((row, r) => expect(Array.from(out.data.subarray(r * d, (r + 1) * d))).toEqual(Array.from(m.data.subarray(row * d, (row + 1) * d))));
    }
    expect(takeRows(fromRows([[1, 2]]), []).rows).toBe(0);
  });
});
