import { describe, expect, it } from 'vitest';
import { nearestKernel } from '../../src/cluster/nearestKernel.js';
import { createRandom } from '../../src/util/random.js';

/** The scalar kernel of rowPasses (nearestTwo), written out: the reference the WebAssembly one must equal bit for bit. */
function scalar(X: Float64Array, C: Float64Array, d: number, k: number, i: number): [number, number, number] {
  let b1 = 0,
    d1 = Infinity,
    d2 = Infinity;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const diff = X[i * d + t]! - C[j * d + t]!;
      s += diff * diff;
    }
    if (s < d1) ((d2 = d1), (d1 = s), (b1 = j));
    else if (s < d2) d2 = s;
  }
  return [b1, d1, d2];
}

describe('nearestKernel (WebAssembly SIMD, built by npm run build)', () => {
  it('is built and gives the scalar kernel’s labels and squared distances bit for bit, ties to the lower index', () => {
    const rng = createRandom(21);
    for (const d of [1, 2, 3, 8, 17]) {
      for (const k of [1, 2, 3, 7, 20]) {
        const n = 2000;
        const X = Float64Array.from({ length: n * d }, () => (rng.next() < 0.05 ? 0 : rng.next() * 10 - 5));
        const C = Float64Array.from({ length: k * d }, () => rng.next() * 10 - 5);
        if (k >= 3) C.copyWithin(2 * d, 0, d); // centre 2 equals centre 0: ties go to 0
        const kernel = nearestKernel(C, k, d);
        expect(kernel).toBeDefined();
        for (let i = 0; i < n; i++) {
          const [label, first, second] = scalar(X, C, d, k, i);
          expect(kernel!.nearestTwo(X, i)).toBe(label);
          expect(Object.is(kernel!.first(), first)).toBe(true);
          expect(Object.is(kernel!.second(), second)).toBe(true);
        }
      }
    }
  });
});
