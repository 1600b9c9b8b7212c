import { kneedle } from './kneedle.js';
import type { KSweep } from './sweepK.js';

/** One criterion's preferred k. */
export interface Vote {
  readonly criterion: 'silhouette' | 'calinski-harabasz' | 'davies-bouldin' | 'elbow' | 'gap';
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
};

/** The documented rule, stored in summary.json. */
export const K_RULE =
  'Five criteria each vote for one k: highest mean silhouette, highest Calinski–Harabasz, lowest Davies–Bouldin, ' +
  'the Kneedle elbow of inertia, and the gap statistic (first-SE rule). The k with most votes wins; a tie goes to the ' +
  'tied k with the highest silhouette.';

/**
 * Picks k from a sweep by majority vote of five criteria (see K_RULE), or takes a given k and says how the
 * criteria compare. O(|k|).
 */
export function chooseK(sweep: KSweep, given?: number): KChoice {
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
  ];
  const count = new Map<number, number>();
  for (const v of votes) if (v.k !== null) count.set(v.k, (count.get(v.k) ?? 0) + 1);
  const most = Math.max(...count.values());
  const tied = [...count.entries()].filter(([, c]) => c === most).map(([k]) => k);
  const sil = (k: number): number => f.find((r) => r.k === k)?.silhouette ?? -Infinity;
  const winner = tied.reduce((a, b) => (sil(b) > sil(a) || (sil(b) === sil(a) && b < a) ? b : a));
  const k = given ?? winner;
  const agree = votes.filter((v) => v.k === k).map((v) => LABEL[v.criterion]);
  const others = votes.filter((v) => v.k !== k && v.k !== null).map((v) => `${LABEL[v.criterion]} ${v.k}`);
  const otherText = others.length ? `; ${others.join(', ')}` : '';
  const reason =
    given !== undefined
      ? `k = ${k} was given; ${agree.length} of 5 criteria favour it${agree.length ? ` (${agree.join(', ')})` : ''}${otherText ? `, the others prefer${otherText.slice(1)}` : ''}.`
      : `k = ${k} was chosen by ${most} of 5 criteria (${agree.join(', ')})${tied.length > 1 ? ', a tie broken by the higher silhouette' : ''}${others.length ? `; the others preferred ${others.join(', ')}` : ''}.`;
  return { k, votes, elbow, reason, rule: K_RULE };
}
