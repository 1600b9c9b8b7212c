import { alternativeFigures, alternativeText, voteCount, type KChoice } from './chooseK.js';
import type { StructureAdvice } from './structureAdvice.js';
import { mention } from '../options/optionMentions.js';

/** What can make a chosen k one a marketer should not act on without a second look. */
export type KWarningCode = 'no-clear-structure' | 'split-vote' | 'k-at-range-edge' | 'tiny-segment' | 'size-only-split';

/** One warning about the chosen k: a stable code for scripts and one readable sentence. */
export interface KWarning {
  readonly code: KWarningCode;
  readonly message: string;
}

/** What `kWarnings` looks at of a finished segmentation. */
export interface KWarningInput {
  readonly choice: KChoice;
  /** k was chosen automatically (not given with --k). */
  readonly auto: boolean;
  /** The range tried, after capping by the distinct customers. */
  readonly kMin: number;
  readonly kMax: number;
  /** The largest k the data allowed (distinct customers, or the option's kMax). */
  readonly kMaxRequested: number;
  /** Gaussian mixtures choose by BIC, not by a vote. */
  readonly byBic: boolean;
  readonly segments: ReadonlyArray<{
    readonly id: number;
    readonly size: number;
    readonly share: number;
    readonly numeric: ReadonlyArray<{ readonly feature: string; readonly difference: number }>;
    /** The segment's own bootstrap stability (Jaccard), when it was measured. */
    readonly stability?: { readonly jaccard: number };
  }>;
  /** When no k reproduces: what was measured to help on this file (see `structureAdvice`). */
  readonly advice?: StructureAdvice | undefined;
}

/** Smallest segment worth a campaign: fewer customers, or a smaller share, is warned about. */
const TINY = { customers: 5, share: 0.01 };

/** Segments this stable each (bootstrap Jaccard) are "stable on their own" (fpc's "stable" and above). */
const STABLE_SEGMENT = 0.75;

/**
 * Warnings about the chosen k (issues 13, 29). `no-clear-structure` — no k of the range reproduces on fresh
 * halves of the data (reproducibility, i.e. prediction strength, ≤ 0.8 at every k), with what that means when
 * every segment is stable on its own, and the advice measured on this file (`advice`), never a wider range;
 * `split-vote` — the winner has no majority of the criteria, or two or more criteria agree on the alternative k;
 * `k-at-range-edge` — k is the largest tried (only when some k reproduces) or the smallest above 2;
 * `tiny-segment` — a segment under 5 customers or 1%; `size-only-split` — k = 2 where one segment is above
 * average on at least 80% of the numeric features (at least 3). Every sentence that points to another k
 * points to the choice's one `alternative` (smallest segment ≥ 2%, reproducibility ≥ 0.6) or to none, and
 * counts votes with `voteCount`. O(k · d).
 */
export function kWarnings(p: KWarningInput): KWarning[] {
  const out: KWarning[] = [];
  const k = p.choice.k;
  const alt = p.choice.alternative;
  const votes = p.choice.votes.filter((v) => v.k !== null);
  const look = alt ? `; look at k = ${alt.k} too (${mention('k', alt.k)}: ${alternativeFigures(p.choice, alt)}) before acting on ${k} segments` : '';
  if (p.choice.structure === 'none') out.push({ code: 'no-clear-structure', message: noStructureMessage(p) });
  if (p.auto && !p.byBic && votes.length > 0) {
    const forK = votes.filter((v) => v.k === k).length;
    const others = [...new Set(votes.filter((v) => v.k !== k).map((v) => v.k!))];
    // A second camp counts only when it is the k worth recommending: a k with a sliver segment or that does
    // not reproduce is never pointed to.
    const camp = alt && others.includes(alt.k) && votes.filter((v) => v.k === alt.k).length >= 2 ? alt.k : undefined;
    const none = '; no other k is worth recommending (each has a segment under 2% or a reproducibility under 0.6)';
    if (forK * 2 <= p.choice.votes.length) {
      out.push({ code: 'split-vote', message: `k = ${k} won only ${voteCount(p.choice, k)} criteria${look || none}` });
    } else if (camp !== undefined) {
      out.push({ code: 'split-vote', message: `k = ${k} won ${voteCount(p.choice, k)} criteria, but ${voteCount(p.choice, camp)} prefer k = ${camp}${look}` });
    }
  }
  if (p.auto && k === p.kMax && p.kMax === p.kMaxRequested && p.choice.structure !== 'none') {
    out.push({
      code: 'k-at-range-edge',
      message: `k = ${k} is the largest k tried, so the data may hold more segments; try a wider range (${mention('kMax', k + 5)})`,
    });
  } else if (p.auto && k === p.kMin && p.kMin > 2) {
    out.push({ code: 'k-at-range-edge', message: `k = ${k} is the smallest k tried; try a wider range (${mention('kMin', Math.max(2, k - 2))})` });
  }
  for (const s of p.segments) {
    if (s.size < TINY.customers || s.share < TINY.share) {
      const fewer = alt && alt.k < k ? `, or choose fewer segments (${mention('k', alt.k)})` : '';
      out.push({
        code: 'tiny-segment',
        message: `segment ${s.id} has only ${s.size} customer${s.size === 1 ? '' : 's'} (${(s.share * 100).toFixed(1)}%): too small to act on; look at outliers${fewer}`,
      });
    }
  }
  if (k === 2) {
    const [a] = p.segments;
    const shown = a ? a.numeric.filter((c) => Math.abs(c.difference) >= 0.1) : [];
    const above = shown.filter((c) => c.difference > 0).length;
    const same = Math.max(above, shown.length - above);
    if (shown.length >= 3 && same >= 0.8 * shown.length) {
      const high = above >= shown.length - above ? 1 : 2;
      const hint = alt
        ? `look at k = ${alt.k} (${mention('k', alt.k)}: ${alternativeFigures(p.choice, alt)})`
        : 'no larger k is worth recommending (each has a segment under 2% or a reproducibility under 0.6)';
      out.push({
        code: 'size-only-split',
        message: `k = 2 separates customers mostly by overall size: segment ${high} is above average on ${same} of ${shown.length} features; ${hint}`,
      });
    }
  }
  return out;
}

/**
 * The no-clear-structure sentence: the best reproducibility and its k; what individually stable segments
 * mean here; then what was measured to help on this file, or the alternative k, or that nothing tried helped.
 */
function noStructureMessage(p: KWarningInput): string {
  const k = p.choice.k;
  const best = p.choice.shortlist.reduce((a, b) => (b.stability > a.stability ? b : a), p.choice.shortlist[0]!);
  const head = `no number of segments from ${p.kMin} to ${p.kMax} reproduces on fresh halves of the data (reproducibility at most ${best.stability.toFixed(2)}, at k = ${best.k}; above 0.8 is needed): customers form one continuous population, so treat the ${k} segments as a convenient partition, not natural groups`;
  const measured = p.segments.filter((s) => s.stability);
  const stable =
    measured.length === p.segments.length && measured.length > 0 && measured.every((s) => s.stability!.jaccard >= STABLE_SEGMENT)
      ? `. Each segment is stable on its own (found again when these customers are resampled), so the cut is repeatable on this data, but its borders are not gaps between groups: expect them to move on new customers`
      : '';
  const a = p.advice;
  const helps = a?.helps
    ? `. Measured on this file: ${a.helps.flags} (${a.helps.why}) makes k = ${a.helps.k} reproduce (reproducibility ${a.helps.reproducibility.toFixed(2)}); try it`
    : a?.tried.length
      ? `. Measured on this file, ${a.tried.map((t) => `${t.flags} (best reproducibility ${t.reproducibility.toFixed(2)})`).join(' and ')} ${a.tried.length > 1 ? 'do' : 'does'} not make a k reproduce either`
      : '';
  const alt = !a?.helps && p.choice.alternative ? `; the most credible other k is ${alternativeText(p.choice, p.choice.alternative)}` : '';
  return `${head}${stable}${helps}${alt}`;
}
