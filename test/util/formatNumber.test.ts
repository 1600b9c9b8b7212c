import { describe, expect, it } from 'vitest';
import { countText, formatNumber } from '../../src/util/formatNumber.js';
import { createRandom } from '../../src/util/random.js';

// countText and formatNumber skip ICU (its first use costs 20 ms of a small run) but must print exactly what
// toLocaleString('en-US') prints: checked on edge values and 20,000 seeded ones across 20 orders of magnitude.
describe('countText and formatNumber print what toLocaleString prints', () => {
  const random = createRandom(7);
  const values = [0, -0, 1, -1, 999, 1000, -1000, 1234567, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53 + 2, 1.5, -2.5, 0.0004, -0.0004, 1e21, 1e22, NaN, Infinity];
  for (let i = 0; i < 10_000; i++) {
    const v = (random.next() - 0.5) * 10 ** Math.floor(random.next() * 20 - 6);
    values.push(v, Math.round(v));
  }
  it('countText', () => {
    expect(values.map(countText)).toEqual(values.map((v) => v.toLocaleString('en-US')));
  });
  it('formatNumber: up to 3 significant decimals, grouped', () => {
    const expected = values.map((v) => {
      const a = Math.abs(v);
      const digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : 3;
      return Number.isFinite(v) ? Number(v.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits }) : String(v);
    });
    expect(values.map(formatNumber)).toEqual(expected);
    expect(formatNumber(1234.56)).toBe('1,235');
    expect(formatNumber(-0.0001)).toBe('-0');
  });
});
