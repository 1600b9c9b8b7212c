import { describe, expect, it } from 'vitest';
import { candidatePotentials } from '../../src/cluster/candidatePass.js';
import { createRandom } from '../../src/util/random.js';

/** One candidate as a plain loop over dimensions: the reference the specialised passes must match bit for bit. */
function reference(X: Float64Array, d: number, n: number, off: number, closest: Float64Array, w: Float64Array, out: Float64Array): number {
  let p = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const e = X[i * d + t]! - X[off + t]!;
      s += e * e;
    }
    out[i] = Math.min(closest[i]!, s);
    p += out[i]! * w[i]!;
  }
  return p;
}

describe('the k-means++ candidate pass, specialised per dimension count and number of candidates', () => {
  it('gives a plain loop’s bits per candidate for d = 1 … 17, 40, 64 and 70 and 1 … 6 candidates (one read of the rows, in groups, or the loop)', () => {
    const random = createRandom(11);
    for (const d of [...Array.from({ length: 17 }, (_, i) => i + 1), 40, 64, 70]) {
      const n = 301;
      const X = Float64Array.from({ length: n * d }, () => Math.round(random.next() * 1e6) / 1e3 - 500);
      X.copyWithin(5 * d, 0, d); // row 5 equals row 0: a distance of exactly 0
      const closest = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? Infinity : random.next() * 1e5));
      const w = Float64Array.from({ length: n }, () => random.int(4));
      for (let m = 1; m <= 6; m++) {
        const offsets = Array.from({ length: m }, (_, c) => (c === 1 ? 0 : random.int(n)) * d);
        const mine = offsets.map(() => new Float64Array(n));
        const pots = candidatePotentials(X, d, n, offsets, closest, w, mine);
        offsets.forEach((off, c) => {
          const theirs = new Float64Array(n);
          expect(Object.is(pots[c], reference(X, d, n, off, closest, w, theirs)), `d = ${d}, ${m} candidates, candidate ${c}`).toBe(true);
          expect(Array.from(mine[c]!)).toEqual(Array.from(theirs));
        });
        // Without weights (every row 1): the pass reads no weights and gives the bits of weights 1.
        const ones = new Float64Array(n).fill(1);
        const unweighted = candidatePotentials(
          X,
          d,
          n,
          offsets,
          closest,
          undefined,
          offsets.map(() => new Float64Array(n)),
        );
        offsets.forEach((off, c) => expect(Object.is(unweighted[c], reference(X, d, n, off, closest, ones, new Float64Array(n)))).toBe(true));
      }
    }
  });
});
