import { describe, expect, it } from 'vitest';
import { kmeans } from '../../src/cluster/kmeans.js';
import { bootstrapJaccard } from '../../src/stability/bootstrapJaccard.js';
import { kmeansRecluster } from '../../src/stability/kmeansRecluster.js';
import { blobs } from '../helpers.js';

describe('bootstrapJaccard with resamples re-clustered side by side', () => {
  it('gives every segment the figures of one resample at a time, on 1 and 2 threads', () => {
    // Enough work for the helper threads to take part (20 resamples of ~1,900 rows, k = 5, 10 restarts).
    const x = blobs(3_000, 4, 5, 11);
    const labels = kmeans(x, { k: 5, seed: 2 }).labels;
    const batched = kmeansRecluster(5, { nInit: 10 });
    expect(batched.many).toBeDefined();
    const oneAtATime = (rows: Parameters<typeof batched>[0], seed: number): Int32Array => batched(rows, seed);
    const expected = bootstrapJaccard(x, labels, 5, oneAtATime, { bootstraps: 20, seed: 9 });
    expect(bootstrapJaccard(x, labels, 5, batched, { bootstraps: 20, seed: 9 })).toEqual(expected);
    expect(bootstrapJaccard(x, labels, 5, kmeansRecluster(5, { nInit: 10, threads: 1 }), { bootstraps: 20, seed: 9 })).toEqual(expected);
  });
});
