import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { radixOrderFloat64, radixSortFloat64 } from '../../src/stats/radixSort.js';
import { quantileSorted, quantilesInPlace, quartilesInPlace, sortedPresent, type SortScratch } from '../../src/stats/quantile.js';
import { createRandom } from '../../src/util/random.js';

describe('quartilesInPlace (selection instead of a sort)', () => {
  it('gives exactly the quartiles of the sorted present values, on 3,000 arrays with ties, NaN and few levels', () => {
    const rng = createRandom(11);
    for (let trial = 0; trial < 3000; trial++) {
      const n = 1 + rng.int(80);
      const levels = 1 + rng.int(8);
      const values = Float64Array.from({ length: n }, () => (rng.next() < 0.1 ? NaN : rng.next() < 0.5 ? rng.int(levels) : rng.next() * 100 - 50));
      const sorted = sortedPresent(values);
      expect(quartilesInPlace(Float64Array.from(values))).toEqual([0.25, 0.5, 0.75].map((p) => quantileSorted(sorted, p)));
    }
  });
  it('reads only the present values (kept, reordered, at the front of the array given up), and answers NaN without one', () => {
    const values = Float64Array.from([5, NaN, 1, 4, 2, 3]);
    expect(quartilesInPlace(values)).toEqual([2, 3, 4]);
    expect(Array.from(values.subarray(0, 5)).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(quartilesInPlace(Float64Array.of(NaN, NaN))).toEqual([NaN, NaN, NaN]);
    expect(quartilesInPlace(Float64Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 100_000))).toEqual([24_999.75, 49_999.5, 74_999.25]);
  });
});

describe('radixSortFloat64', () => {
  it('orders exactly as the native typed-array sort (signs, zeros, infinities, ties, subnormals)', () => {
    const special = fc.constantFrom(0, -0, Infinity, -Infinity, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1);
    const value = fc.oneof(fc.double({ noNaN: true }), special, fc.integer({ min: -5, max: 5 }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1000, maxLength: 3000 }), (xs) => {
        const native = Float64Array.from(xs).sort();
        const radix = radixSortFloat64(Float64Array.from(xs));
        return native.every((v, i) => Object.is(v, radix[i]));
      }),
      { numRuns: 60 },
    );
  });
});

describe('radixOrderFloat64', () => {
  it('orders rows as the comparison sort by value, ties by row (-0 equal to 0), for any subset of rows', () => {
    const special = fc.constantFrom(0, -0, Infinity, -Infinity, 5e-324, -5e-324, 1, -1);
    const value = fc.oneof(fc.double({ noNaN: true }), special, fc.integer({ min: -5, max: 5 }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 3000 }), fc.integer({ min: 1, max: 4 }), (xs, step) => {
        const values = Float64Array.from(xs);
        const rows = Int32Array.from({ length: Math.ceil(xs.length / step) }, (_, r) => r * step);
        const compared = Int32Array.from(rows).sort((a, b) => values[a]! - values[b]! || a - b);
        return radixOrderFloat64(values, rows).every((row, r) => row === compared[r]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('quantilesInPlace and sortedPresent in a scratch', () => {
  it('give exactly the sorted values’ quantiles and sort, one array after another in the same scratch', () => {
    const rng = createRandom(5);
    const scratch: SortScratch = {};
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + rng.int(trial % 2 ? 3000 : 60);
      const levels = 1 + rng.int(8);
      const values = Float64Array.from({ length: n }, () => (rng.next() < 0.1 ? NaN : rng.next() < 0.5 ? rng.int(levels) : rng.next() * 100 - 50));
      const sorted = sortedPresent(values);
      expect(Array.from(sortedPresent(values, scratch))).toEqual(Array.from(sorted));
      const ps = [0, rng.next() * 0.5, 0.5, 0.5 + rng.next() * 0.49, 0.99, 1];
      expect(quantilesInPlace(Float64Array.from(values), ps)).toEqual(ps.map((p) => quantileSorted(sorted, p)));
    }
    expect(quantilesInPlace(Float64Array.of(NaN), [0.5])).toEqual([NaN]);
  });
});
