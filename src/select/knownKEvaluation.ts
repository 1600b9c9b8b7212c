import type { KnownGroups } from '../demo/knownGroups.js';
import { chooseK, majorityVote } from './chooseK.js';
import { sweepK, type KFigures, type KSweep } from './sweepK.js';

/** A way to choose k from a sweep; 1 means "no groups". */
export interface KRule {
  readonly name: string;
  readonly choose: (sweep: KSweep) => number;
}

/** One rule's score on a suite: right answers per family and in all. */
export interface KRuleScore {
  readonly rule: string;
  readonly byFamily: ReadonlyArray<{ readonly family: string; readonly right: number; readonly of: number }>;
  readonly right: number;
  readonly of: number;
}

const best = (f: readonly KFigures[], value: (r: KFigures) => number): number => f.reduce((b, r) => (value(r) > value(b) ? r : b)).k;
const bySilhouette = (s: KSweep): number => best(s.figures, (r) => r.silhouette);

/** The majority of `ks` by the rule's own count and tie-break (`majorityVote`). */
function majority(s: KSweep, ks: ReadonlyArray<number | null>): number {
  return majorityVote(ks, (k) => s.figures.find((f) => f.k === k)!.silhouette).k;
}

/**
 * The rules compared in docs/choosing-k.md: the single indices, their majority, Segmenta's first rule (five
 * votes) and its rule now (six votes with prediction strength, "no groups" when no k reproduces), and the
 * gap statistic's own k = 1 test as the alternative structure test.
 */
export const K_RULES: readonly KRule[] = [
  { name: 'silhouette alone', choose: bySilhouette },
  { name: 'Calinski–Harabasz alone', choose: (s) => best(s.figures, (r) => r.calinskiHarabasz) },
  { name: 'Davies–Bouldin alone', choose: (s) => best(s.figures, (r) => -r.daviesBouldin) },
  {
    name: 'majority of silhouette, CH, DB',
    choose: (s) => majority(s, [bySilhouette(s), best(s.figures, (r) => r.calinskiHarabasz), best(s.figures, (r) => -r.daviesBouldin)]),
  },
  {
    name: 'Segmenta v1 (five votes)',
    choose: (s) =>
      majority(
        s,
        chooseK(s)
          .votes.filter((v) => v.criterion !== 'prediction-strength')
          .map((v) => v.k),
      ),
  },
  { name: 'six votes + gap at k = 1 test', choose: (s) => (s.structure.gap1 >= s.structure.gap2 - s.structure.gap2Se ? 1 : chooseK(s).k) },
  { name: 'Segmenta v2 (six votes + prediction-strength test)', choose: (s) => (chooseK(s).structure === 'none' ? 1 : chooseK(s).k) },
];

/** Scores every rule on a suite of data with known k (hierarchical sets also accept their coarse k). O(suite · sweep). */
export function evaluateKRules(suite: readonly KnownGroups[], rules: readonly KRule[] = K_RULES, options: { kMax?: number; seed?: number } = {}): KRuleScore[] {
  const answers = suite.map((set) => {
    const sweep = sweepK(set.x, { kMin: 2, kMax: options.kMax ?? 10, seed: options.seed ?? 0 });
    return rules.map((r) => r.choose(sweep));
  });
  const families = [...new Set(suite.map((s) => s.family))];
  const right = (i: number, k: number): boolean => k === suite[i]!.k || k === suite[i]!.alsoRight;
  return rules.map((rule, r) => {
    const ok = suite.map((_, i) => right(i, answers[i]![r]!));
    return {
      rule: rule.name,
      byFamily: families.map((family) => ({
        family,
        right: ok.filter((v, i) => v && suite[i]!.family === family).length,
        of: suite.filter((s) => s.family === family).length,
      })),
      right: ok.filter(Boolean).length,
      of: suite.length,
    };
  });
}
