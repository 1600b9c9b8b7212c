import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/data/table.js';
import { featureFamilies } from '../../src/explain/featureFamilies.js';
import { structureTries } from '../../src/pipeline/structureTries.js';
import { fitPipeline } from '../../src/preprocess/pipeline.js';

// The "one feature per family" try refits on fewer columns. RFM logs its three columns by name, and its
// Monetary follows Frequency on some logs (Online Retail's sample to 2011-09-30): the try used to refit with
// a log list naming the column it had left out, and rfm and clv stopped with "invalid --log column".
describe('structure tries when no k reproduces', () => {
  it('refit a family try with the log list of the columns it keeps', () => {
    const n = 300;
    const frequency = Float64Array.from({ length: n }, (_, i) => 1 + (i % 17));
    const monetary = Float64Array.from(frequency, (f, i) => f * 40 + (i % 3));
    const recency = Float64Array.from({ length: n }, (_, i) => (i * 37) % 365);
    const table: Table = {
      rowCount: n,
      columns: [
        { name: 'Recency', kind: 'number', values: recency, integer: true },
        { name: 'Frequency', kind: 'number', values: frequency, integer: true },
        { name: 'Monetary', kind: 'number', values: monetary, integer: false },
      ],
    };
    const features = table.columns;
    const log = ['Recency', 'Frequency', 'Monetary'];
    const families = featureFamilies(features);
    expect(families.groups).toEqual([['Frequency', 'Monetary']]);
    const family = structureTries(table, features, { log }, families).find((t) => t.flags.startsWith('--features'))!;
    expect(family.flags).toBe('--features Recency,Frequency');
    const kept = features.filter((c) => c.name !== 'Monetary');
    expect(family.matrix()).toEqual(fitPipeline(table, kept, { log: ['Recency', 'Frequency'] }).matrix);
  });
});
