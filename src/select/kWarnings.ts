import { mostStableAbove, type KChoice } from './chooseK.js';

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
  }>;
}

/** Smallest segment worth a campaign: fewer customers, or a smaller share, is warned about. */
const TINY = { customers: 5, share: 0.01 };

/**
 * Warnings about the chosen k (issue 13): `no-clear-structure` — no k of the range reproduces on fresh halves
 * of the data (prediction strength ≤ 0.8 at every k); `split-vote` — the winner has no majority of the criteria,
 * or two or more criteria agree on another k (a second camp);
 * `k-at-range-edge` — k is the largest tried (the data may hold more segments) or the smallest above 2;
 * `tiny-segment` — a segment under 5 customers or 1%; `size-only-split` — k = 2 where one segment is above
 * average on at least 80% of the numeric features (at least 3), i.e. big versus small customers. O(k · d).
 */
export function kWarnings(p: KWarningInput): KWarning[] {
  const out: KWarning[] = [];
  const k = p.choice.k;
  const votes = p.choice.votes.filter((v) => v.k !== null);
  if (p.choice.structure === 'none') {
    const best = p.choice.shortlist.reduce((a, b) => (b.stability > a.stability ? b : a), p.choice.shortlist[0]!);
    out.push({
      code: 'no-clear-structure',
      message: `no number of segments from ${p.kMin} to ${p.kMax} reproduces on fresh halves of the data (prediction strength at most ${best.stability.toFixed(2)}, at k = ${best.k}; 0.8 is needed): customers form one continuous population, so treat the ${k} segments as a convenient partition, not natural groups`,
    });
  }
  if (p.auto && !p.byBic && votes.length > 0) {
    const forK = votes.filter((v) => v.k === k).length;
    const others = [...new Set(votes.filter((v) => v.k !== k).map((v) => v.k!))].sort((a, b) => a - b);
    const camp = others.find((o) => votes.filter((v) => v.k === o).length >= 2);
    if (forK * 2 <= votes.length) {
      out.push({
        code: 'split-vote',
        message: `k = ${k} won only ${forK} of ${votes.length} criteria (the others preferred k = ${others.join(', ')}); look at those k too (--k N) before acting on ${k} segments`,
      });
    } else if (camp !== undefined) {
      const n = votes.filter((v) => v.k === camp).length;
      out.push({
        code: 'split-vote',
        message: `k = ${k} won ${forK} of ${votes.length} criteria, but ${n} prefer k = ${camp}; look at k = ${camp} too (--k ${camp}) before acting on ${k} segments`,
      });
    }
  }
  if (p.auto && k === p.kMax && p.kMax === p.kMaxRequested) {
    out.push({ code: 'k-at-range-edge', message: `k = ${k} is the largest k tried, so the data may hold more segments; try a wider range (--k-max ${k + 5})` });
  } else if (p.auto && k === p.kMin && p.kMin > 2) {
    out.push({ code: 'k-at-range-edge', message: `k = ${k} is the smallest k tried; try a wider range (--k-min ${Math.max(2, k - 2)})` });
  }
  for (const s of p.segments) {
    if (s.size < TINY.customers || s.share < TINY.share) {
      out.push({
        code: 'tiny-segment',
        message: `segment ${s.id} has only ${s.size} customer${s.size === 1 ? '' : 's'} (${(s.share * 100).toFixed(1)}%): too small to act on; look at outliers, or choose fewer segments`,
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
      const next = mostStableAbove(p.choice.shortlist, 2);
      const hint = next
        ? `k = ${next.k} is the most stable k ≥ 3 (prediction strength ${next.stability.toFixed(2)}): --k ${next.k}`
        : 'more segments (--k 3 or more) show how customers differ beyond volume';
      out.push({
        code: 'size-only-split',
        message: `k = 2 separates customers mostly by overall size: segment ${high} is above average on ${same} of ${shown.length} features; ${hint}`,
      });
    }
  }
  return out;
}
