import { kneedle } from './kneedle.js';
import type { KSweep } from './sweepK.js';

/** One criterion's preferred k. */
export interface Vote {
  readonly criterion: 'silhouette' | 'calinski-harabasz' | 'davies-bouldin' | 'elbow' | 'gap' | 'merge-heights' | 'bic';
  readonly k: number | null;
}

/** The chosen k, every criterion's vote, and the one-sentence reason. */
export interface KChoice {
  readonly k: number;
  readonly votes: readonly Vote[];
  readonly elbow: number | null;
  readonly reason: string;
  readonly rule: string;
}

const LABEL: Record<Vote['criterion'], string> = {
  silhouette: 'silhouette',
  'calinski-harabasz': 'Calinski–Harabasz',
  'davies-bouldin': 'Davies–Bouldin',
  elbow: 'the elbow of inertia',
  gap: 'the gap statistic',
  'merge-heights': 'the largest gap in merge heights',
  bic: 'the lowest BIC',
};

/** The documented rule, stored in summary.json. */
export const K_RULE =
  'Five criteria each vote for one k: highest mean silhouette, highest Calinski–Harabasz, lowest Davies–Bouldin, ' +
  'the Kneedle elbow of inertia, and the gap statistic (first-SE rule). The k with most votes wins; a tie goes to the ' +
  'tied k with the highest silhouette.';

/** The rule for Gaussian mixtures, stored in summary.json. */
export const BIC_RULE = 'The k with the lowest Bayesian information criterion (BIC) of the mixture; the other criteria are reported alongside.';

/** Method-specific additions to the choice: extra votes (hierarchical merge heights), or the BIC rule. */
export interface ChooseKOptions {
  readonly extraVotes?: readonly Vote[];
  /** Choose by the lowest BIC in the sweep (Gaussian mixtures) instead of the vote. */
  readonly byBic?: boolean;
}

/**
 * Picks k from a sweep by majority vote of five criteria (see K_RULE; hierarchical clustering adds a sixth,
 * the largest merge-height gap), or by the lowest BIC for mixtures, or takes a given k and says how the
 * criteria compare. O(|k|).
 */
export function chooseK(sweep: KSweep, given?: number, options: ChooseKOptions = {}): KChoice {
  const f = sweep.figures;
  const argBest = (value: (i: number) => number, better: (a: number, b: number) => boolean): number =>
    f.reduce((best, _, i) => (better(value(i), value(best)) ? i : best), 0);
  const elbow = kneedle(f.map((r) => r.k), f.map((r) => r.inertia)) ?? null;
  const votes: Vote[] = [
    { criterion: 'silhouette', k: f[argBest((i) => f[i]!.silhouette, (a, b) => a > b)]!.k },
    { criterion: 'calinski-harabasz', k: f[argBest((i) => f[i]!.calinskiHarabasz, (a, b) => a > b)]!.k },
    { criterion: 'davies-bouldin', k: f[argBest((i) => f[i]!.daviesBouldin, (a, b) => a < b)]!.k },
    { criterion: 'elbow', k: elbow },
    { criterion: 'gap', k: sweep.gap.chosen },
    ...(options.extraVotes ?? []),
  ];
  if (options.byBic) {
    const bicBest = f[argBest((i) => f[i]!.bic ?? Infinity, (a, b) => a < b)]!;
    const k = given ?? bicBest.k;
    const others = votes.filter((v) => v.k !== null && v.k !== k).map((v) => `${LABEL[v.criterion]} ${v.k}`);
    const reason =
      given !== undefined
        ? `k = ${k} was given; the lowest BIC is at k = ${bicBest.k}${others.length ? `; ${others.join(', ')}` : ''}.`
        : `k = ${k} has the lowest BIC (${bicBest.bic!.toFixed(1)})${others.length ? `; the other criteria preferred ${others.join(', ')}` : ''}.`;
    return { k, votes: [{ criterion: 'bic', k: bicBest.k }, ...votes], elbow, reason, rule: BIC_RULE };
  }
  const count = new Map<number, number>();
  for (const v of votes) if (v.k !== null) count.set(v.k, (count.get(v.k) ?? 0) + 1);
  const most = Math.max(...count.values());
  const tied = [...count.entries()].filter(([, c]) => c === most).map(([k]) => k);
  const sil = (k: number): number => f.find((r) => r.k === k)?.silhouette ?? -Infinity;
  const winner = tied.reduce((a, b) => (sil(b) > sil(a) || (sil(b) === sil(a) && b < a) ? b : a));
  const k = given ?? winner;
  const agree = votes.filter((v) => v.k === k).map((v) => LABEL[v.criterion]);
  const total = votes.length;
  const others = votes.filter((v) => v.k !== k && v.k !== null).map((v) => `${LABEL[v.criterion]} ${v.k}`);
  const otherText = others.length ? `; ${others.join(', ')}` : '';
  const reason =
    given !== undefined
      ? `k = ${k} was given; ${agree.length} of ${total} criteria favour it${agree.length ? ` (${agree.join(', ')})` : ''}${otherText ? `, the others prefer${otherText.slice(1)}` : ''}.`
      : `k = ${k} was chosen by ${most} of ${total} criteria (${agree.join(', ')})${tied.length > 1 ? ', a tie broken by the higher silhouette' : ''}${others.length ? `; the others preferred ${others.join(', ')}` : ''}.`;
  const rule = options.extraVotes?.length ? `${K_RULE} Hierarchical clustering adds a sixth vote: the k whose cut leaves the largest gap in merge height.` : K_RULE;
  return { k, votes, elbow, reason, rule };
}
