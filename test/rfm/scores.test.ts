import { describe, expect, it } from 'vitest';
import { quantileCuts, scoreOf } from '../../src/rfm/scoreQuantiles.js';
import { DEFAULT_RFM_RULES, nameByRules, toFivePointScale, UNMATCHED } from '../../src/rfm/rfmRules.js';
import { createRandom } from '../../src/util/random.js';

const scores = (values: number[], bins: number): number[] => {
  const cuts = quantileCuts(values, bins);
  return values.map((v) => scoreOf(v, cuts));
};

describe('quantileCuts(values, bins) and scoreOf', () => {
  it('splits distinct values into equal-count bins', () => {
    expect(quantileCuts([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)).toEqual([2, 4, 6, 8]);
    expect(scores([10, 1, 5, 3, 8], 5)).toEqual([5, 1, 3, 2, 4]);
  });

  it('never splits ties: equal values get the same score', () => {
    const values = [1, 1, 1, 1, 1, 1, 2, 2, 3, 4, 5, 6];
    const s = scores(values, 4);
    for (let i = 0; i < values.length; i++) for (let j = 0; j < values.length; j++) if (values[i] === values[j]) expect(s[i]).toBe(s[j]);
  });

  it('leaves no bin empty when there are at least as many distinct values as bins, even with heavy ties', () => {
    // 60% of customers bought once: plain quantiles would put several cuts on 1 and leave bins empty.
    const values = [...Array(60).fill(1), ...Array(20).fill(2), ...Array(10).fill(3), ...Array(6).fill(4), 5, 7, 9, 30];
    const s = scores(values, 5);
    expect(new Set(s)).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(s.slice(0, 60).every((x) => x === 1)).toBe(true);
  });

  it('uses one score per distinct value when there are fewer distinct values than bins', () => {
    expect(quantileCuts([1, 1, 2, 2, 3], 5)).toEqual([1, 2]);
    expect(scores([1, 1, 2, 2, 3], 5)).toEqual([1, 1, 2, 2, 3]);
  });

  it('on random data with ties: every bin used, scores monotone in the value, bins roughly equal', () => {
    const rng = createRandom(11);
    for (let trial = 0; trial < 50; trial++) {
      const bins = 2 + rng.int(9);
      const values = Array.from({ length: 200 + rng.int(500) }, () => Math.floor(Math.exp(rng.next() * 4)));
      const distinct = new Set(values).size;
      const s = scores(values, bins);
      if (distinct >= bins) expect(new Set(s).size).toBe(bins);
      const order = values.map((v, i) => [v, s[i]!] as const).sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < order.length; i++) expect(order[i]![1]).toBeGreaterThanOrEqual(order[i - 1]![1]);
    }
  });
  it('without ties the bins are equal: each holds ⌊n / bins⌋ or ⌈n / bins⌉ customers', () => {
    const rng = createRandom(12);
    for (let trial = 0; trial < 20; trial++) {
      const bins = 2 + rng.int(9);
      const n = 100 + rng.int(400);
      const values = Array.from({ length: n }, (_, i) => n - i + rng.next() * 0.5);
      const counts = new Map<number, number>();
      for (const s of scores(values, bins)) counts.set(s, (counts.get(s) ?? 0) + 1);
      expect(counts.size).toBe(bins);
      for (const c of counts.values()) expect(c === Math.floor(n / bins) || c === Math.ceil(n / bins), `${c} of ${n} in ${bins} bins`).toBe(true);
    }
  });
});

describe('the default RFM naming rules', () => {
  it('name every one of the bins³ score combinations, for every bin count 2..10', () => {
    for (let bins = 2; bins <= 10; bins++) {
      for (let r = 1; r <= bins; r++) for (let f = 1; f <= bins; f++) for (let m = 1; m <= bins; m++) expect(nameByRules(r, f, m, bins)).not.toBe(UNMATCHED);
    }
  });
  it('follow the classic map on 5 bins', () => {
    expect(nameByRules(5, 5, 5, 5)).toBe('Champions');
    expect(nameByRules(5, 1, 1, 5)).toBe('New Customers');
    expect(nameByRules(1, 5, 5, 5)).toBe("Can't Lose Them");
    expect(nameByRules(1, 1, 1, 5)).toBe('Lost');
    expect(nameByRules(2, 2, 3, 5)).toBe('Hibernating');
    expect(nameByRules(3, 3, 3, 5)).toBe('Need Attention');
    expect(DEFAULT_RFM_RULES.map((r) => r.name)).toContain('Potential Loyalist');
  });
  it('map other bin counts onto the 1–5 scale at both ends', () => {
    expect([1, 2, 3].map((s) => toFivePointScale(s, 3))).toEqual([1, 3, 5]);
    expect([1, 10].map((s) => toFivePointScale(s, 10))).toEqual([1, 5]);
  });
  it('leave gaps as "Others" only with a user\'s own rules', () => {
    expect(nameByRules(1, 1, 1, 5, [{ name: 'Best', r: [5, 5] }])).toBe(UNMATCHED);
  });
});
