import { beforeAll, describe, expect, it } from 'vitest';
import type { KRuleScore } from '../../src/select/knownKEvaluation.js';
import { knownGroupsSuite } from '../../src/demo/knownGroups.js';
import { evaluateKRules } from '../../src/select/knownKEvaluation.js';

describe('choosing k on generated data with a known number of groups (docs/choosing-k.md)', () => {
  const suite = knownGroupsSuite(2, 300);
  let scores: KRuleScore[] = [];
  beforeAll(() => {
    scores = evaluateKRules(suite);
  }, 120_000);
  const score = (rule: string) => scores.find((s) => s.rule.startsWith(rule))!;
  const grouped = (rule: string) =>
    score(rule)
      .byFamily.filter((f) => !f.family.startsWith('no groups'))
      .reduce((s, f) => s + f.right, 0);
  const ungrouped = (rule: string) =>
    score(rule)
      .byFamily.filter((f) => f.family.startsWith('no groups'))
      .reduce((s, f) => s + f.right, 0);

  it('the suite holds every family, with and without groups', () => {
    expect(new Set(suite.map((s) => s.family)).size).toBe(10);
    expect(suite.filter((s) => s.k === 1).length).toBe(12);
  });
  it('Segmenta’s rule finds the true k (or says there are no groups) more often than silhouette alone and than the majority of silhouette/CH/DB', () => {
    const v2 = score('Segmenta v2').right;
    expect(v2).toBeGreaterThan(score('silhouette alone').right);
    expect(v2).toBeGreaterThan(score('majority of silhouette').right);
    expect(v2 / suite.length).toBeGreaterThan(0.8);
  });
  it('says "no groups" on most data without groups, and almost never on data with groups', () => {
    expect(ungrouped('Segmenta v2')).toBeGreaterThanOrEqual(8);
    expect(grouped('Segmenta v2')).toBeGreaterThanOrEqual(grouped('silhouette alone') - 2);
  });
});
