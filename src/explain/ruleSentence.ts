import type { SegmentRule } from './segmentRules.js';

/**
 * How well a segment's rule fits, in words for cards: "finds 97% of the segment; 99% of those it finds are
 * in it" (recall, then precision, rounded down so "100%" means every customer).
 */
export function ruleFit(rule: Pick<SegmentRule, 'precision' | 'recall'>): string {
  return `finds ${Math.floor(rule.recall * 100)}% of the segment; ${Math.floor(rule.precision * 100)}% of those it finds are in it`;
}
