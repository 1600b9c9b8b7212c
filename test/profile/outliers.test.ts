import { describe, expect, it } from 'vitest';
import { findOutliers, outlierFences } from '../../src/profile/outliers.js';
import { profileTable } from '../../src/profile/profileTable.js';
import { readTable } from '../../src/data/readTable.js';
import { join } from 'node:path';
import { DATA_DIR } from '../helpers.js';

const sorted = (values: number[]) => Float64Array.from(values).sort();

describe('unusual values (Tukey fences at 3 × IQR)', () => {
  it('flags a far value of an amount, and never the ends of a share or frequency within [0, 1]', () => {
    const amounts = sorted([...Array.from({ length: 40 }, (_, i) => 10 + i), 1_000]);
    expect(findOutliers(amounts, 41)).toMatchObject({ above: 1, below: 0, examples: [1000] });
    // A share: mostly between 0.4 and 0.6, with customers who never or always did it.
    const share = sorted([...Array.from({ length: 40 }, (_, i) => 0.4 + i / 200), 0, 0, 0, 1]);
    expect(outlierFences(share, 42)).toBeUndefined();
    expect(findOutliers(share, 42)).toBeUndefined();
    // The same spread beyond [0, 1] is fenced.
    expect(outlierFences(sorted([...Array.from({ length: 40 }, (_, i) => 0.4 + i / 200), 0, 0, 0, 1.5]), 42)).toBeDefined();
  });

  it('cc_general: share columns within [0, 1] have no unusual values; amounts and a frequency above 1 still do', async () => {
    const profile = profileTable(await readTable(join(DATA_DIR, 'cc_general.csv')));
    const flagged = profile.columns.filter((c) => 'outliers' in c && c.outliers).map((c) => c.name);
    for (const share of ['BALANCE_FREQUENCY', 'PURCHASES_FREQUENCY', 'ONEOFF_PURCHASES_FREQUENCY', 'PURCHASES_INSTALLMENTS_FREQUENCY', 'PRC_FULL_PAYMENT'])
      expect(flagged).not.toContain(share);
    expect(flagged).toContain('BALANCE');
    // A frequency above 1 cannot be: cash advance frequency's 8 such values are still flagged, its zeros are not.
    const cash = profile.columns.find((c) => c.name === 'CASH_ADVANCE_FREQUENCY') as { outliers?: { below: number; examples: number[] } };
    expect(cash.outliers?.below).toBe(0);
    expect(cash.outliers?.examples.every((v) => v > 1)).toBe(true);
  });
});
