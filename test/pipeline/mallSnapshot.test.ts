import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/data/readTable.js';
import { summaryJson } from '../../src/output/summaryJson.js';
import { segment } from '../../src/pipeline/segment.js';
import { INCOME, MALL, SPENDING } from '../helpers.js';

// Any change to what a run writes shows up here as a diff of the committed files (update them with
// `npx vitest run test/pipeline -u` when the change is meant, and say why in the commit).
describe('Mall income + spending: summary.json and model.json as committed', () => {
  it('are unchanged', async () => {
    const table = await readTable(MALL);
    const result = segment(table, { features: [INCOME, SPENDING] });
    // The file's path depends on where the repository sits; everything else must match byte for byte.
    const summary = summaryJson(result, { ...table.source!, path: 'mall_customers.csv' }, 0);
    await expect(summary).toMatchFileSnapshot('../fixtures/snapshots/mall-income-spending.summary.json');
    await expect(JSON.stringify(result.model, null, 2) + '\n').toMatchFileSnapshot('../fixtures/snapshots/mall-income-spending.model.json');
  });
});
