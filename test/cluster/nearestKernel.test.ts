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
  const bits = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

  it('is built; assign and nearestTwoRows give the scalar kernel’s labels, squared distances and bounds bit for bit, ties to the lower index', () => {
    const rng = createRandom(21);
    for (const d of [1, 2, 3, 8, 17]) {
      for (const k of [1, 2, 3, 7, 20]) {
        // More rows than one block (1,024), from row 7: the rows before keep what they held.
        const n = 2500;
        const X = Float64Array.from({ length: n * d }, () => (rng.next() < 0.05 ? 0 : rng.next() * 10 - 5));
        const C = Float64Array.from({ length: k * d }, () => rng.next() * 10 - 5);
        if (k >= 3) C.copyWithin(2 * d, 0, d); // centre 2 equals centre 0: ties go to 0
        const kernel = nearestKernel(C, k, d);
        expect(kernel).toBeDefined();
        const [labels, twoLabels] = [new Int32Array(n).fill(-9), new Int32Array(n).fill(-9)];
        const [dist, upper, lower] = [new Float64Array(n).fill(-9), new Float64Array(n).fill(-9), new Float64Array(n).fill(-9)];
        kernel!.assign(X, 7, n, labels, dist);
        kernel!.nearestTwoRows(X, 7, n, twoLabels, upper, lower);
        for (let i = 0; i < n; i++) {
          const [label, first, second] = i < 7 ? [-9, -9, -9] : scalar(X, C, d, k, i);
          expect([labels[i], twoLabels[i]]).toEqual([label, label]);
          expect(bits([dist[i]!, upper[i]!, lower[i]!], i < 7 ? [-9, -9, -9] : [first, Math.sqrt(first), Math.sqrt(second)])).toBe(true);
        }
      }
    }
  });

  it('hamerlyStep skips, tightens or re-checks each row as rowPasses’ scalar step does, bit for bit', () => {
    const rng = createRandom(23);
    for (const [n, d, k] of [
      [3000, 8, 20],
      [1500, 5, 3],
    ] as const) {
      const X = Float64Array.from({ length: n * d }, () => rng.next() * 10 - 5);
      const C = Float64Array.from({ length: k * d }, () => rng.next() * 10 - 5);
      // Bounds from an earlier pass (labels wrong for some rows), and centre moves of all sizes.
      const labels = Int32Array.from({ length: n }, () => rng.int(k));
      const upper = Float64Array.from({ length: n }, () => rng.next() * 6);
      const lower = Float64Array.from({ length: n }, () => rng.next() * 6);
      const moved = Float64Array.from({ length: k }, () => rng.next() * 0.5);
      const halfGap = Float64Array.from({ length: k }, () => rng.next() * 3);
      const moves = Float64Array.from([0.5, 0.4, 1]);
      const s = { X, labels: labels.slice(), upper: upper.slice(), lower: lower.slice(), from: new Int32Array(n), moved, halfGap, moves };
      nearestKernel(C, k, d)!.hamerlyStep(s, 0, n);
      let skipped = 0,
        tightened = 0,
        rechecked = 0;
      for (let i = 0; i < n; i++) {
        const a = labels[i]!;
        let u = upper[i]! + moved[a]!,
          l = lower[i]! - (a === 1 ? 0.4 : 0.5),
          label = a;
        const m = Math.max(halfGap[a]!, l);
        if (u > m) {
          u = Math.sqrt(own(X, C, d, i, a));
          if (u > m) {
            const [b, first, second] = scalar(X, C, d, k, i);
            ((label = b), (u = Math.sqrt(first)), (l = Math.sqrt(second)));
            rechecked++;
          } else tightened++;
        } else skipped++;
        expect(s.labels[i]).toBe(label);
        expect(s.from[i]).toBe(label === a ? -1 : a);
        expect(bits([s.upper[i]!, s.lower[i]!], [u, l])).toBe(true);
      }
      // Every path was taken: skipped on the bounds, skipped once the own distance was exact, re-checked.
      expect(Math.min(skipped, tightened, rechecked)).toBeGreaterThan(0);
    }
  });
});

/** Squared distance of row i to centre j, summed in dimension order. */
function own(X: Float64Array, C: Float64Array, d: number, i: number, j: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const diff = X[i * d + t]! - C[j * d + t]!;
    s += diff * diff;
  }
  return s;
}
