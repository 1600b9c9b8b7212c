import { describe, expect, it } from 'vitest';
import { elkan } from '../../src/cluster/elkan.js';
import { hamerly } from '../../src/cluster/hamerly.js';
import { lloyd } from '../../src/cluster/lloyd.js';
import { absoluteTolerance, divideByMass, relocateEmpty, shiftConverged, updateCenters } from '../../src/cluster/updateCenters.js';
import { fromRows } from '../../src/util/matrix.js';

// scikit-learn's test_relocate_empty_clusters: ten points on a line, every one in cluster 0 of three.
const X = fromRows([-10, -9.5, -9, -8.5, -8, -1, 1, 9, 9.5, 10].map((v) => [v]));

describe('the k-means steps, small enough to compute by hand', () => {
  it('relocates empty clusters as scikit-learn does: the two farthest rows (10, 9.5) move, the rest average to −4.5', () => {
    const labels = new Int32Array(10);
    const next = fromRows([[0], [0], [0]]);
    const old = -10;
    const moved = updateCenters(X, labels, undefined, next, () => Float64Array.from(X.data, (v) => (v - old) ** 2));
    expect(moved).toBe(2);
    expect(Array.from(next.data)).toEqual([-36 / 8, 10, 9.5]);
  });
  it('updateCenters with running sums: its own sums when no cluster is empty, the sums by label when one is (relocation moves values, not labels)', () => {
    const running = { sums: new Float64Array(3), mass: new Float64Array(3) };
    const labels = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 2, 2, 2]);
    const w = Float64Array.from([1, 2, 1, 1, 1, 3, 1, 1, 0.5, 1]);
    updateCenters(X, labels, w, fromRows([[0], [0], [0]]), () => new Float64Array(10), running);
    expect([Array.from(running.sums), Array.from(running.mass)]).toEqual([
      [-10 - 19 - 9 - 8.5 - 8, -3 + 1, 9 + 4.75 + 10],
      [6, 4, 2.5],
    ]);
    // Every row in cluster 0: clusters 1 and 2 take the two farthest rows, whose labels stay 0.
    const next = fromRows([[0], [0], [0]]);
    updateCenters(X, new Int32Array(10), undefined, next, () => Float64Array.from(X.data, (v) => (v + 10) ** 2), running);
    expect(Array.from(next.data)).toEqual([-36 / 8, 10, 9.5]);
    expect([Array.from(running.sums), Array.from(running.mass)]).toEqual([
      [-16.5, 0, 0],
      [10, 0, 0],
    ]);
  });
  it('relocateEmpty on sums and masses (the step the SQL Lloyd shares) gives scikit-learn’s sums [−36, 10, 9.5] and weights [8, 1, 1]', () => {
    const sums = Float64Array.from([-16.5, 0, 0]);
    const mass = Float64Array.from([10, 0, 0]);
    const far = [10, 9.5];
    relocateEmpty(sums, mass, 1, [1, 2], (e) => ({ old: 0, weight: 1, value: () => far[e]! }));
    expect([Array.from(sums), Array.from(mass)]).toEqual([
      [-36, 10, 9.5],
      [8, 1, 1],
    ]);
    divideByMass(sums, mass, 1);
    expect(Array.from(sums)).toEqual([-4.5, 10, 9.5]);
  });
  it('the tolerance rule: shift ≤ tol × mean variance', () => {
    expect(absoluteTolerance(1e-4, 50)).toBeCloseTo(5e-3, 15);
    expect(shiftConverged(5e-3, 5e-3)).toBe(true);
    expect(shiftConverged(5.0001e-3, 5e-3)).toBe(false);
    expect(shiftConverged(0, 0)).toBe(true);
  });
  it.each([
    ['lloyd', lloyd],
    ['hamerly', hamerly],
    ['elkan', elkan],
  ])('%s from −10, −1, 1 converges to the hand-computed centres −9, −1 / 1 split, 9.5', (_, run) => {
    const fit = run({ x: X, init: fromRows([[-10], [-1], [1]]), weights: undefined, maxIter: 100, tolAbs: 0 });
    // Rows −10…−8 average −9; −1 and 1 share a centre 0; 9, 9.5, 10 average 9.5.
    expect(Array.from(fit.centers.data)).toEqual([-9, 0, 9.5]);
    expect(Array.from(fit.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 2, 2, 2]);
    expect(fit.inertia).toBeCloseTo(2.5 + 2 + 0.5, 12);
  });
});
