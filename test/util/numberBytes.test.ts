import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeNumberText } from '../../src/util/numberBytes.js';
import { createRandom } from '../../src/util/random.js';

/** writeNumberText's bytes as text. */
function bytesOf(v: number): string {
  const out = new Uint8Array(32);
  return Buffer.from(out.subarray(0, writeNumberText(out, 0, v))).toString('latin1');
}

// segments.csv writes its number cells as bytes, digit by digit: they must be what String(v) prints, on
// edge values and 60,000 seeded ones: rounded to 0–15 decimals, across 25 orders of magnitude, and raw doubles.
describe('writeNumberText writes what String prints', () => {
  const random = createRandom(11);
  const values = [0, -0, 1, -1, 1e-6, -1e-6, 9.99e-7, 1e15, 1e15 - 1, 999_999_999, 1e9, 1e9 + 1, 123_456_789_012_345, 0.1, 0.3, 1.005, 2 ** 31, 2 ** 32 + 0.5];
  values.push(NaN, Infinity, -Infinity, 5e-324, Number.MAX_VALUE, 1e21, 123456.7890123456);
  // Decimals are tried first at the previous number's: fewer needed, more needed, and 10^15 reached there.
  values.push(0.0123456789, 5.5, 5.25, 0.0123456789, 123456.5, 7, 0.1234567, 99999999.9, 1e-6, 12345678901234.5, 0.5);
  for (let i = 0; i < 20_000; i++) {
    const v = (random.next() - 0.5) * 10 ** Math.floor(random.next() * 25 - 8);
    values.push(v, Number(v.toFixed(Math.floor(random.next() * 16))), Math.round(v));
  }
  it('on every value', () => {
    const wrong = values.filter((v) => bytesOf(v) !== String(v));
    expect(wrong.map((v) => [String(v), bytesOf(v)])).toEqual([]);
  });
  it('for every double, and for decimals of 0–16 places (property tests)', () => {
    fc.assert(
      fc.property(fc.double(), (v) => bytesOf(v) === String(v)),
      { numRuns: 20000 },
    );
    const decimals = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 16 })).map(([m, d]) => m / 10 ** d);
    fc.assert(
      fc.property(decimals, (v) => bytesOf(v) === String(v)),
      { numRuns: 50000 },
    );
    for (const v of [0, -0, 1e-6, 1e-7, 0.1 + 0.2, 1.005, 4.35, 123456789012345, 999999999999999, 1e15, 2 ** 53, 5e-324, -2.5])
      expect(bytesOf(v)).toBe(String(v));
  });
  it('at an offset, returning the end', () => {
    const out = new Uint8Array(40).fill(120);
    const end = writeNumberText(out, 3, -12.5);
    expect(end).toBe(8);
    expect(Buffer.from(out.subarray(0, 9)).toString('latin1')).toBe('xxx-12.5x');
  });
});
