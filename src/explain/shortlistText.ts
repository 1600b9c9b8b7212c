import type { KCandidate } from '../select/chooseK.js';

/** The shortlist's columns, for the report's and the studio's table. */
export const SHORTLIST_HEADER = ['k', 'votes', 'stability (prediction strength)', 'smallest segment'] as const;

/** One shortlist entry as table cells: "4", "2 of 6", "0.91", "7.5%". */
export function shortlistCells(c: KCandidate, criteria: number): string[] {
  return [String(c.k), `${c.votes} of ${criteria}`, c.stability.toFixed(2), `${(c.smallestShare * 100).toFixed(1)}%`];
}

/**
 * The alternatives to the chosen k in one line, for the terminal: "Other k worth a look: k = 3 (1 of 6 votes,
 * stability 0.95, smallest segment 19.0%); …". Empty when there are none.
 */
export function shortlistSentence(shortlist: readonly KCandidate[], chosen: number, criteria: number): string {
  const others = shortlist.filter((c) => c.k !== chosen);
  if (!others.length) return '';
  const item = (c: KCandidate): string => {
    const [, votes, stability, smallest] = shortlistCells(c, criteria);
    return `k = ${c.k} (${votes} votes, stability ${stability}, smallest segment ${smallest})`;
  };
  return `Other k worth a look: ${others.map(item).join('; ')}.`;
}
