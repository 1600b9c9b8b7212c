import { kneedle } from './kneedle.js';
import type { KFigures, KSweep } from './sweepK.js';

/** One criterion's preferred k. */
export interface Vote {
  readonly criterion: 'silhouette' | 'calinski-harabasz' | 'davies-bouldin' | 'elbow' | 'gap' | 'prediction-strength' | 'merge-heights' | 'bic';
  readonly k: number | null;
}

/** One k worth a look: its votes, how reproducible it is and its smallest segment. */
export interface KCandidate {
  readonly k: number;
  /** Criteria that voted for it. */
  readonly votes: number;
  /**
   * Reproducibility at k: Tibshirani & Walther's prediction strength (0..1; above 0.8 the segments reproduce
   * on fresh halves of the data). Kept under its first JSON name; segments' own stability is the bootstrap.
   */
  readonly stability: number;
  /** Share of the customers (0..1) in its smallest segment, on the rows the sweep ran on. */
  readonly smallestShare: number;
}

/** Whether the data hold groups: "none" when no k of the range reproduces (prediction strength ≤ 0.8 everywhere). */
export type KStructure = 'clusters' | 'none';

/** The chosen k, every criterion's vote, the structure test, the ranked alternatives and the one-sentence reason. */
export interface KChoice {
  readonly k: number;
  readonly votes: readonly Vote[];
  readonly elbow: number | null;
  readonly reason: string;
  readonly rule: string;
  readonly structure: KStructure;
  /** The chosen k first, then the other k by votes, then reproducibility (4 entries), and the most reproducible larger k. */
  readonly shortlist: readonly KCandidate[];
  /**
   * The one other k worth recommending (`alternativeK`): the best-voted k, then the most reproducible, whose
   * smallest segment holds at least 2% and whose reproducibility is at least 0.6; null when none qualifies.
   * Every sentence that points to another k points to this one.
   */
  readonly alternative: KCandidate | null;
}

/** A k is only recommended when its smallest segment holds at least this share and it reproduces at least this well. */
export const RECOMMENDABLE = Object.freeze({ smallestShare: 0.02, reproducibility: 0.6 });

/** Entries of the ranked shortlist. */
const SHORTLIST = 4;

const LABEL: Record<Vote['criterion'], string> = {
  silhouette: 'silhouette',
  'calinski-harabasz': 'Calinski–Harabasz',
  'davies-bouldin': 'Davies–Bouldin',
  elbow: 'the elbow of inertia',
  gap: 'the gap statistic',
  'prediction-strength': 'reproducibility',
  'merge-heights': 'the largest gap in merge heights',
  bic: 'the lowest BIC',
};

/** The documented rule, stored in summary.json. */
export const K_RULE =
  'Six criteria each vote for one k: highest mean silhouette, highest Calinski–Harabasz, lowest Davies–Bouldin, ' +
  'the Kneedle elbow of inertia, the gap statistic (first-SE rule) and reproducibility (the largest k whose prediction ' +
  'strength is above 0.8). The k with most votes wins; a tie goes to the tied k with the highest silhouette. When no k ' +
  'has a prediction strength above 0.8 the data are said to have no clear structure (the best k is still returned).';

/** The rule for Gaussian mixtures, stored in summary.json. */
const BIC_RULE = 'The k with the lowest Bayesian information criterion (BIC) of the mixture; the other criteria are reported alongside.';

/** Method-specific additions to the choice: extra votes (hierarchical merge heights), or the BIC rule. */
export interface ChooseKOptions {
  readonly extraVotes?: readonly Vote[];
  /** Choose by the lowest BIC in the sweep (Gaussian mixtures) instead of the vote. */
  readonly byBic?: boolean;
}

/**
 * Picks k from a sweep by majority vote of six criteria (see K_RULE; hierarchical clustering adds a seventh,
 * the largest merge-height gap), or by the lowest BIC for mixtures, or takes a given k and says how the
 * criteria compare; says whether the data hold clear groups at all (prediction strength) and ranks the
 * alternatives. O(|k| · n).
 */
export function chooseK(sweep: KSweep, given?: number, options: ChooseKOptions = {}): KChoice {
  const f = sweep.figures;
  const { votes, elbow } = criteriaVotes(sweep, options.extraVotes ?? []);
  const structure: KStructure = sweep.structure.strength.chosen === null ? 'none' : 'clusters';
  if (options.byBic) return chooseByBic(sweep, votes, elbow, structure, given);
  const { k: winner, tied } = majorityVote(
    votes.map((v) => v.k),
    (k) => f.find((r) => r.k === k)?.silhouette ?? -Infinity,
  );
  const k = given ?? winner;
  const agree = votes.filter((v) => v.k === k).map((v) => LABEL[v.criterion]);
  const dissent = votes.filter((v) => v.k !== k && v.k !== null);
  const others = dissent.map((v) => `${LABEL[v.criterion]} ${v.k}`);
  // One dissenting criterion is named as the subject ("the elbow of inertia preferred 5"), several as "the others".
  const preferred = (verb: string): string =>
    dissent.length === 1 ? `${LABEL[dissent[0]!.criterion]} ${verb} ${dissent[0]!.k}` : `the others ${verb} ${others.join(', ')}`;
  const abstained = votes.filter((v) => v.k === null).map((v) => LABEL[v.criterion]);
  const none = abstained.length ? `; ${abstained.join(' and ')} voted for no k` : '';
  const reason =
    given !== undefined
      ? `k = ${k} was given; ${voteCount({ votes }, k)} criteria favour it${agree.length ? ` (${agree.join(', ')})` : ''}${dissent.length ? `, ${preferred(dissent.length === 1 ? 'prefers' : 'prefer')}` : ''}${none}.`
      : `k = ${k} was chosen by ${voteCount({ votes }, k)} criteria (${agree.join(', ')})${tied.length > 1 ? ', a tie broken by the higher silhouette' : ''}${dissent.length ? `; ${preferred('preferred')}` : ''}${none}.`;
  const rule = options.extraVotes?.length
    ? `${K_RULE} Hierarchical clustering adds a seventh vote: the k whose cut leaves the largest gap in merge height.`
    : K_RULE;
  return { k, votes, elbow, reason, rule, structure, shortlist: shortlist(sweep, k, votes), alternative: alternativeK(candidates(sweep, votes), k) };
}

/** The index of the best figure by `better`, first on ties. */
function argBest(f: readonly KFigures[], value: (i: number) => number, better: (a: number, b: number) => boolean): number {
  return f.reduce((best, _, i) => (better(value(i), value(best)) ? i : best), 0);
}

/** The six criteria's votes (and a method's own), and the Kneedle elbow of the inertia curve. */
function criteriaVotes(sweep: KSweep, extraVotes: readonly Vote[]): { votes: Vote[]; elbow: number | null } {
  const f = sweep.figures;
  const best = (value: (i: number) => number, better: (a: number, b: number) => boolean): number => f[argBest(f, value, better)]!.k;
  const elbow =
    kneedle(
      f.map((r) => r.k),
      f.map((r) => r.inertia),
    ) ?? null;
  const votes: Vote[] = [
    {
      criterion: 'silhouette',
      k: best(
        (i) => f[i]!.silhouette,
        (a, b) => a > b,
      ),
    },
    {
      criterion: 'calinski-harabasz',
      k: best(
        (i) => f[i]!.calinskiHarabasz,
        (a, b) => a > b,
      ),
    },
    {
      criterion: 'davies-bouldin',
      k: best(
        (i) => f[i]!.daviesBouldin,
        (a, b) => a < b,
      ),
    },
    { criterion: 'elbow', k: elbow },
    { criterion: 'gap', k: sweep.gap.chosen },
    { criterion: 'prediction-strength', k: sweep.structure.strength.chosen },
    ...extraVotes,
  ];
  return { votes, elbow };
}

/** Mixtures: k by the lowest BIC (or as given), with the other criteria's votes told beside it. */
function chooseByBic(sweep: KSweep, votes: readonly Vote[], elbow: number | null, structure: KStructure, given: number | undefined): KChoice {
  const f = sweep.figures;
  const bicBest =
    f[
      argBest(
        f,
        (i) => f[i]!.bic ?? Infinity,
        (a, b) => a < b,
      )
    ]!;
  const k = given ?? bicBest.k;
  const others = votes.filter((v) => v.k !== null && v.k !== k).map((v) => `${LABEL[v.criterion]} ${v.k}`);
  const reason =
    given !== undefined
      ? `k = ${k} was given; the lowest BIC is at k = ${bicBest.k}${others.length ? `; ${others.join(', ')}` : ''}.`
      : `k = ${k} has the lowest BIC (${bicBest.bic!.toFixed(1)})${others.length ? `; the other criteria preferred ${others.join(', ')}` : ''}.`;
  const all = [{ criterion: 'bic', k: bicBest.k } as const, ...votes];
  return {
    k,
    votes: all,
    elbow,
    reason,
    rule: BIC_RULE,
    structure,
    shortlist: shortlist(sweep, k, all),
    alternative: alternativeK(candidates(sweep, all), k),
  };
}

/** Every k of the sweep as a candidate: its votes, reproducibility and smallest segment. O(|k| · n). */
function candidates(sweep: KSweep, votes: readonly Vote[]): KCandidate[] {
  return sweep.figures.map((f) => ({
    k: f.k,
    votes: votes.filter((v) => v.k === f.k).length,
    stability: f.predictionStrength,
    smallestShare: smallestShare(sweep.fits.get(f.k)!.labels, f.k),
  }));
}

/**
 * The one alternative to `chosen` worth recommending: of the other k whose smallest segment and
 * reproducibility meet RECOMMENDABLE, the one with most votes, then the most reproducible, then the smaller;
 * null when none qualifies. O(candidates log candidates).
 */
function alternativeK(all: readonly KCandidate[], chosen: number): KCandidate | null {
  return (
    all
      .filter((c) => c.k !== chosen && c.smallestShare >= RECOMMENDABLE.smallestShare && c.stability >= RECOMMENDABLE.reproducibility)
      .sort((a, b) => b.votes - a.votes || b.stability - a.stability || a.k - b.k)[0] ?? null
  );
}

/** The chosen k, then the other k of the sweep ranked by votes and then reproducibility. O(|k| · n). */
function shortlist(sweep: KSweep, chosen: number, votes: readonly Vote[]): KCandidate[] {
  const all = candidates(sweep, votes);
  const rest = all.filter((c) => c.k !== chosen).sort((a, b) => b.votes - a.votes || b.stability - a.stability || a.k - b.k);
  const list = [...all.filter((c) => c.k === chosen), ...rest].slice(0, SHORTLIST);
  // The most stable larger k is always a candidate: it is the answer to "what if not this k?".
  const stable = mostStableAbove(rest, chosen);
  return stable && !list.includes(stable) ? [...list, stable] : list;
}

/** Of the candidates above `k`, the one with the highest stability (ties: more votes, then the smaller k). O(c log c). */
function mostStableAbove(candidates: readonly KCandidate[], k: number): KCandidate | undefined {
  return candidates.filter((c) => c.k > k).sort((a, b) => b.stability - a.stability || b.votes - a.votes || a.k - b.k)[0];
}

/**
 * The rule's vote count: the k most criteria name (null votes left out); a tie goes to the tied k with the
 * highest silhouette, then to the smaller k. Returns the winner, its votes and the tied ks. O(|votes|).
 */
export function majorityVote(ks: ReadonlyArray<number | null>, silhouetteOf: (k: number) => number): { k: number; most: number; tied: number[] } {
  const count = new Map<number, number>();
  for (const k of ks) if (k !== null) count.set(k, (count.get(k) ?? 0) + 1);
  const most = Math.max(...count.values());
  const tied = [...count.entries()].filter(([, c]) => c === most).map(([k]) => k);
  const k = tied.reduce((a, b) => (silhouetteOf(b) > silhouetteOf(a) || (silhouetteOf(b) === silhouetteOf(a) && b < a) ? b : a));
  return { k, most, tied };
}

/**
 * The vote count of a k in the words every sentence of a run uses: "2 of 6" — votes for k out of every
 * criterion of the rule (one that found no k counts as not voting for it). O(votes).
 */
export function voteCount(choice: Pick<KChoice, 'votes'>, k: number): string {
  return `${choice.votes.filter((v) => v.k === k).length} of ${choice.votes.length}`;
}

/** The one alternative k as a clause: "k = 3 (1 of 6 votes, reproducibility 0.87, smallest segment 26.3%)". */
export function alternativeText(choice: Pick<KChoice, 'votes'>, c: KCandidate): string {
  return `k = ${c.k} (${alternativeFigures(choice, c)})`;
}

/** A candidate k's figures: "1 of 6 votes, reproducibility 0.87, smallest segment 26.3%". */
export function alternativeFigures(choice: Pick<KChoice, 'votes'>, c: KCandidate): string {
  return `${voteCount(choice, c.k)} votes, reproducibility ${c.stability.toFixed(2)}, smallest segment ${(c.smallestShare * 100).toFixed(1)}%`;
}

/** The share of rows in the smallest of k clusters. O(n). */
function smallestShare(labels: Int32Array, k: number): number {
  const size = new Int32Array(k);
  for (const l of labels) size[l]!++;
  return Math.min(...size) / Math.max(1, labels.length);
}
