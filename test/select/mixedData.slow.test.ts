import { describe, expect, it } from 'vitest';
import { knownGroupsSuite } from '../../src/demo/knownGroups.js';
import { evaluateMixedWeightings, mixedGroupsSuite, mixedMatrix } from '../../src/select/mixedDataEvaluation.js';

describe('categories in the distance or beside it, on known groups with categories added (docs/decisions.md, issue 29)', () => {
  const suite = mixedGroupsSuite(knownGroupsSuite(1, 200));

  it('each set gets a noise variant (gender, region, a flag) and a signal variant (the true group for 80% of rows)', () => {
    expect(suite.filter((s) => s.variant === 'category noise').length).toBe(22);
    const signal = suite.find((s) => s.variant === 'category signal' && s.name.startsWith('blobs k=4'))!;
    const tier = signal.table.columns.find((c) => c.name === 'tier')!;
    expect(new Set(tier.values).size).toBe(4);
    // The context matrix is the numeric features alone; balanced one-hot adds one column per level.
    const noise = suite.find((s) => s.variant === 'category noise' && s.name.startsWith('blobs k=4'))!;
    expect(mixedMatrix(noise.table, noise.numeric, noise.categorical, 'context').cols).toBe(2);
    expect(mixedMatrix(noise.table, noise.numeric, noise.categorical, 'balanced').cols).toBe(2 + 2 + 4 + 2);
  });

  it('described categories keep the rule as right as on numbers alone; balanced one-hot loses most sets with groups and splits by noise levels', () => {
    const scores = evaluateMixedWeightings(suite, ['context', 'balanced']);
    const score = (w: string, v: string) => scores.find((s) => s.weighting === w && s.variant === v)!;
    for (const variant of ['category noise', 'category signal']) {
      expect(score('context', variant).right, variant).toBeGreaterThanOrEqual(18);
      expect(score('context', variant).right - score('balanced', variant).right, variant).toBeGreaterThanOrEqual(8);
    }
    expect(score('balanced', 'category noise').splitByNoise).toBeGreaterThan(10 * Math.max(1, score('context', 'category noise').splitByNoise));
  }, 120_000);
});
