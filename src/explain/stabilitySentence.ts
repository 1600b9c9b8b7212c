import type { SegmentStability } from '../stability/bootstrapJaccard.js';

/**
 * A segment's stability as one sentence for cards: "Stability 0.98 — highly stable: found again in 20 of 20
 * resamples (Jaccard > 0.75), dissolved in none."
 */
export function stabilitySentence(s: SegmentStability): string {
  const dissolved = s.dissolved === 0 ? 'dissolved in none' : `dissolved in ${s.dissolved}`;
  return `Stability ${s.jaccard.toFixed(2)} — ${s.verdict}: found again in ${s.recovered} of ${s.bootstraps} resamples, ${dissolved}.`;
}
