import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/data/readTable.js';
import { summaryJson } from '../../src/output/summaryJson.js';
import { segment, type SegmentOptions } from '../../src/pipeline/segment.js';
import { join } from 'node:path';
import { INCOME, MALL, DATA_DIR, SPENDING } from '../helpers.js';

// The studio keeps a run's k sweep and segments at the k the user picks without sweeping again: the result
// must be the one a run with that k (`segmenta run … --k 5`) gives, sentence and figures, byte for byte.
describe('segment at a given k, reusing an earlier run’s sweep', () => {
  const cases: Array<[string, SegmentOptions, number]> = [
    ['k-means', { features: [INCOME, SPENDING] }, 3],
    ['k-means with size limits', { features: [INCOME, SPENDING], minSize: 20 }, 4],
    ['bisecting k-means', { features: [INCOME, SPENDING], method: 'bisecting' }, 3],
    ['hierarchical', { features: [INCOME, SPENDING], method: 'hierarchical' }, 4],
    ['a Gaussian mixture', { features: [INCOME, SPENDING], method: 'gmm', kMax: 6 }, 3],
  ];
  it.each(cases)('%s: the same summary as a full run with that k, and no k sweep', async (_, setup, k) => {
    const table = await readTable(MALL);
    const first = segment(table, setup);
    const stages = new Set<string>();
    const reused = segment(table, { ...setup, k, onProgress: (stage) => stages.add(stage) }, { sweep: first.kSweep });
    const full = segment(table, { ...setup, k });
    expect(reused.k).toBe(k);
    expect(reused.choice.reason).toMatch(new RegExp(`^k = ${k} was given; `));
    expect(summaryJson(reused, table.source, 0)).toBe(summaryJson(full, table.source, 0));
    expect(JSON.stringify(reused.model)).toBe(JSON.stringify(full.model));
    expect(stages.has('choosing k')).toBe(false);
  });

  it('k-means swept on a sample of a larger file: the same summary, the sample’s fits reused', async () => {
    const table = await readTable(join(DATA_DIR, 'cc_general.csv'));
    const setup: SegmentOptions = { features: ['BALANCE', 'PURCHASES', 'CREDIT_LIMIT', 'PAYMENTS'], sweepSampleSize: 1000, kMax: 5 };
    const first = segment(table, setup);
    const reused = segment(table, { ...setup, k: 4 }, { sweep: first.kSweep });
    expect(reused.sweepRows).toBe(1000);
    expect(summaryJson(reused, table.source, 0)).toBe(summaryJson(segment(table, { ...setup, k: 4 }), table.source, 0));
  });

  it('refuses a sweep of another range, saying to sweep again', async () => {
    const table = await readTable(MALL);
    const first = segment(table, { features: [INCOME, SPENDING], kMax: 6 });
    expect(() => segment(table, { features: [INCOME, SPENDING], k: 4 }, { sweep: first.kSweep })).toThrow(
      /other data or another range \(k from 2 to 6\); sweep again/,
    );
  });
});
