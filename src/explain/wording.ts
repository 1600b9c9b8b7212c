import { countText } from '../util/formatNumber.js';

/**
 * The wording rules of segment names and descriptions in one table (docs/how-it-works.md, "Wording of segments"):
 * how large a difference must be to be called slight, plain or very, on each of the two scales.
 */
export const WORDING_THRESHOLDS = Object.freeze({
  /** Symmetric columns: |segment mean − overall mean| in overall standard deviations. */
  standardized: Object.freeze({ slight: 0.25, plain: 0.5, very: 1.5 }),
  /** Skewed money-like columns (skewness > 1, no negative value): the ratio of means, larger over smaller. */
  ratio: Object.freeze({ slight: 1.25, plain: 1.5, very: 3 }),
  /** Shares of a level or flag: "all" only at 100%, "mostly" from 80%. */
  share: Object.freeze({ mostly: 0.8, all: 1 }),
});

/** How large a difference is, in words; "none" is left out of descriptions. */
export type Band = 'none' | 'slight' | 'plain' | 'very';

/** Columns with a skewness above this (and no negative value) are compared by ratio. */
const RATIO_SKEWNESS = 1;

/** Whether a column is compared by ratio of means (skewed, non-negative, positive mean) or in standard deviations. */
export function comparisonScale(c: { readonly min: number; readonly skewness: number; readonly mean: number }): 'ratio' | 'standardized' {
  return c.min >= 0 && c.skewness > RATIO_SKEWNESS && c.mean > 0 ? 'ratio' : 'standardized';
}

/**
 * A ratio of means (segment / overall) on the standardized scale, so both scales rank together: piecewise
 * linear in log(ratio) through the thresholds (1 → 0, 1.25 → 0.25, 1.5 → 0.5, 3 → 1.5, and on at the last
 * slope); signed (below 1 is negative); a ratio of 0 is −∞ capped at −9. O(1).
 */
export function ratioStrength(ratio: number): number {
  if (!(ratio > 0)) return -9;
  const f = Math.max(ratio, 1 / ratio);
  const r = WORDING_THRESHOLDS.ratio,
    s = WORDING_THRESHOLDS.standardized;
  const points: Array<[number, number]> = [
    [1, 0],
    [r.slight, s.slight],
    [r.plain, s.plain],
    [r.very, s.very],
  ];
  let strength = 0;
  for (let i = 1; i < points.length; i++) {
    const [f0, s0] = points[i - 1]!,
      [f1, s1] = points[i]!;
    const slope = (s1 - s0) / Math.log(f1 / f0);
    if (f <= f1 || i === points.length - 1) {
      strength = s0 + slope * Math.log(f / f0);
      break;
    }
  }
  return Math.min(9, strength) * (ratio >= 1 ? 1 : -1);
}

/** The band of a strength (standardized scale, sign ignored). O(1). */
export function bandOf(strength: number): Band {
  const a = Math.abs(strength),
    s = WORDING_THRESHOLDS.standardized;
  return a >= s.very ? 'very' : a >= s.plain ? 'plain' : a >= s.slight ? 'slight' : 'none';
}

/** The adverb of a band: "very ", "", "slightly ". */
export function bandAdverb(band: Band): string {
  return band === 'very' ? 'very ' : band === 'slight' ? 'slightly ' : '';
}

/** The quantifier of a share that is above the overall share: "all" (100%), "mostly" (≥ 80%), else "more". */
export function shareWord(share: number): 'all' | 'mostly' | 'more' {
  const t = WORDING_THRESHOLDS.share;
  return share >= t.all ? 'all' : share >= t.mostly ? 'mostly' : 'more';
}

/** A ratio in words: "3.6× less than average", "2.1× the average". */
export function ratioWords(ratio: number): string {
  if (ratio === 0) return 'none at all';
  const f = ratio >= 1 ? ratio : 1 / ratio;
  const text = f >= 10 ? countText(Math.round(f)) : f.toFixed(1);
  return ratio >= 1 ? `${text}× the average` : `${text}× less than average`;
}
