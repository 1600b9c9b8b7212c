import { describe, expect, it } from 'vitest';
import { inStudioWords, mention } from '../../src/options/optionMentions.js';

describe('option mentions: messages name flags from the declarations, the studio words them as its controls', () => {
  it('writes a mention as a command line spells it (column names quoted)', () => {
    expect([mention('k', 4), mention('kMax', 15), mention('exclude', 'InvoiceNo'), mention('log', 'auto'), mention('contamination')]).toEqual([
      '--k 4',
      '--k-max 15',
      '--exclude "InvoiceNo"',
      '--log auto',
      '--contamination',
    ]);
  });

  it("rewrites the mentions of the messages the studio shows as its controls' words and leaves other text alone", () => {
    const cases: Array<[string, string]> = [
      [
        'orders.csv: column "InvoiceNo" holds numbers but row 142 is "C536379"; fix that cell (or leave it empty), or leave the column out (--exclude "InvoiceNo")',
        'orders.csv: column "InvoiceNo" holds numbers but row 142 is "C536379"; fix that cell (or leave it empty), or leave the column out (untick "InvoiceNo" among the features in Setup)',
      ],
      [
        'k = 2 won only 2 of 6 criteria (the others preferred k = 3, 4, 6); look at those k too (--k N) before acting on 2 segments',
        'k = 2 won only 2 of 6 criteria (the others preferred k = 3, 4, 6); look at those k too (pick them in Choose k) before acting on 2 segments',
      ],
      [
        'look at k = 6 too (--k 6: reproducibility 0.91) before acting on 2 segments',
        'look at k = 6 too (pick k = 6 in Choose k: reproducibility 0.91) before acting on 2 segments',
      ],
      ['the data may hold more segments; try a wider range (--k-max 15)', 'the data may hold more segments; try a wider range (a largest k of 15 in Setup)'],
      [
        'k = 3 is the most stable k ≥ 3 (prediction strength 0.71): --k 3.',
        'k = 3 is the most stable k ≥ 3 (prediction strength 0.71): pick k = 3 in Choose k.',
      ],
      [
        "5 customers are flagged unusual: the 1% farthest from their segment's centre (--contamination). Check them",
        "5 customers are flagged unusual: the 1% farthest from their segment's centre. Check them",
      ],
      [
        'measured on this file: --features BALANCE,PURCHASES,CASH_ADVANCE (one feature of each family) makes k = 2 reproduce',
        'measured on this file: ticking only BALANCE, PURCHASES, CASH_ADVANCE among the features in Setup (one feature of each family) makes k = 2 reproduce',
      ],
      [
        "measured on this file: --features 'Annual Income (k$),Spending Score (1-100)' makes k = 5 reproduce, --k 5, too",
        'measured on this file: ticking only Annual Income (k$), Spending Score (1-100) among the features in Setup makes k = 5 reproduce, pick k = 5 in Choose k, too',
      ],
      ['a plain message about spending -- nothing to change', 'a plain message about spending -- nothing to change'],
      // segmenta clv's flags, as the CLV panel labels its controls (auto's reasons and the clv job's errors).
      [
        'BG/NBD has the lowest BIC; without a holdout (--calibration-end) the fit decides; use --time-unit day',
        'BG/NBD has the lowest BIC; without a holdout (a Calibration end) the fit decides; use Time unit "day"',
      ],
      [
        '--holdout-end 2011-01-01 is before --calibration-end 2011-06-01; the holdout follows the calibration period',
        'the Holdout end 2011-01-01 is before the Calibration end 2011-06-01; the holdout follows the calibration period',
      ],
    ];
    for (const [cli, studio] of cases) expect(inStudioWords(cli)).toBe(studio);
  });
});
