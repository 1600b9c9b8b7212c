import type { SegmentStability } from '../stability/bootstrapJaccard.js';

/** A segment's stability in a few words, for tables: "0.98 highly stable". */
export function stabilityText(s: SegmentStability): string {
  return `${s.jaccard.toFixed(2)} ${s.verdict}`;
}

/**
 * A segment's stability as one sentence for cards: "Stability 0.98 — highly stable: found again in 20 of 20
 * resamples, dissolved in none." (found again: Jaccard > 0.75; dissolved: ≤ 0.5).
 */
export function stabilitySentence(s: SegmentStability): string {
  const dissolved = s.dissolved === 0 ? 'dissolved in none' : `dissolved in ${s.dissolved}`;
  return `Stability ${s.jaccard.toFixed(2)} — ${s.verdict}: found again in ${s.recovered} of ${s.bootstraps} resamples, ${dissolved}.`;
}
