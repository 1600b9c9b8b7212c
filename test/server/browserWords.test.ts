import { describe, expect, it } from 'vitest';
import { browserWords } from '../../src/server/browserWords.js';

describe('browserWords: the studio’s controls where CLI messages name flags', () => {
  it('rewrites the flags of the messages the studio shows and leaves other text alone', () => {
    const cases: Array<[string, string]> = [
      [
        'orders.csv: column "InvoiceNo" holds numbers but row 142 is "C536379"; fix that cell (or leave it empty), or leave the column out with --exclude "InvoiceNo"',
        'orders.csv: column "InvoiceNo" holds numbers but row 142 is "C536379"; fix that cell (or leave it empty), or untick "InvoiceNo" among the features in Setup',
      ],
      [
        'k = 2 won only 2 of 6 criteria (the others preferred k = 3, 4, 6); look at those k too (--k N) before acting on 2 segments',
        'k = 2 won only 2 of 6 criteria (the others preferred k = 3, 4, 6); look at those k too (pick them in Choose k) before acting on 2 segments',
      ],
      ['look at k = 6 too (--k 6) before acting on 2 segments', 'look at k = 6 too (pick k = 6 in Choose k) before acting on 2 segments'],
      ['the data may hold more segments; try a wider range (--k-max 15)', 'the data may hold more segments; try a wider range (a largest k of 15 in Choose k)'],
      ['k = 3 is the most stable k ≥ 3 (prediction strength 0.71): --k 3', 'k = 3 is the most stable k ≥ 3 (prediction strength 0.71): pick k = 3 in Choose k'],
      [
        'more segments (--k 3 or more) show how customers differ beyond volume',
        'more segments (k = 3 or more in Choose k) show how customers differ beyond volume',
      ],
      ['a plain message about spending -- nothing to change', 'a plain message about spending -- nothing to change'],
    ];
    for (const [cli, studio] of cases) {
      expect(browserWords(cli)).toBe(studio);
      expect(browserWords(cli)).not.toMatch(/--[a-z]/);
    }
  });
});
