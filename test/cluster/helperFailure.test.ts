import { describe, expect, it } from 'vitest';
import { injectHelperFault } from '../../src/cluster/helperPool.js';
import { kmeans } from '../../src/cluster/kmeans.js';
import { helperFailureCount } from '../../src/cluster/passRunner.js';
import { Pass } from '../../src/cluster/rowPasses.js';
import { blobs } from '../helpers.js';

// Before, the calling thread ran a failed helper's chunk again: Hamerly's and Elkan's passes then gave
// another answer than one thread (inertia 540,206 against 532,565 here) and, the helper's error flag never
// being cleared, both threads ran that chunk in every later pass.
describe('a helper thread that fails in the middle of a pass', () => {
  // 150,000 rows × k 15 (one restart) is above the 2,000,000 at which a single fit splits its passes by rows.
  const x = blobs(150_000, 4, 15, 21);
  const cases: ReadonlyArray<readonly ['lloyd' | 'hamerly' | 'elkan', keyof typeof Pass]> = [
    ['lloyd', 'Assign'],
    // Not idempotent: a row run twice shifts its bounds twice and forgets the label it left.
    ['hamerly', 'HamerlyStep'],
    ['elkan', 'ElkanStep'],
    ['elkan', 'ElkanBounds'],
  ];
  for (const [algorithm, pass] of cases) {
    it(`${algorithm}, its ${pass} pass failing half-done: the fit gives the bits of one thread`, () => {
      const one = kmeans(x, { k: 15, nInit: 1, seed: 5, threads: 1, algorithm });
      // The failing pass runs at least once in the fit (the second iteration's step and bounds).
      expect(one.iterations).toBeGreaterThanOrEqual(3);
      expect(injectHelperFault(Pass[pass])).toBe(true);
      const failures = helperFailureCount();
      const disturbed = kmeans(x, { k: 15, nInit: 1, seed: 5, threads: 2, algorithm });
      // The planted fault was met: the fit ran again, once.
      expect(helperFailureCount()).toBe(failures + 1);
      expect(disturbed.inertia).toBe(one.inertia);
      expect(disturbed.iterations).toBe(one.iterations);
      expect(Array.from(disturbed.labels)).toEqual(Array.from(one.labels));
      expect(Array.from(disturbed.centers.data)).toEqual(Array.from(one.centers.data));
      // The helpers go on serving later fits.
      const after = kmeans(x, { k: 15, nInit: 1, seed: 5, threads: 2, algorithm });
      expect(after.inertia).toBe(one.inertia);
      expect(helperFailureCount()).toBe(failures + 1);
    });
  }

  it('a helper that cannot set up the passes: the fit gives the bits of one thread instead of waiting for it for ever', () => {
    const one = kmeans(x, { k: 15, nInit: 1, seed: 5, threads: 1, algorithm: 'hamerly' });
    expect(injectHelperFault('setup')).toBe(true);
    const failures = helperFailureCount();
    const disturbed = kmeans(x, { k: 15, nInit: 1, seed: 5, threads: 2, algorithm: 'hamerly' });
    expect(helperFailureCount()).toBe(failures + 1);
    expect(disturbed.inertia).toBe(one.inertia);
    expect(Array.from(disturbed.labels)).toEqual(Array.from(one.labels));
  }, 30_000);
});
