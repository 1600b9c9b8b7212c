import { alternativeText, type KCandidate, type KChoice } from '../select/chooseK.js';
import { mention } from '../options/optionMentions.js';

/** The shortlist's columns, for the report's and the studio's table. */
export const SHORTLIST_HEADER = ['k', 'votes', 'reproducibility (prediction strength)', 'smallest segment'] as const;

/** The shortlist table's caption, in the report and the studio. */
export const SHORTLIST_CAPTION =
  'k worth a look, ranked by votes and reproducibility (prediction strength: above 0.8 the segments reproduce on fresh halves of the data)';

/** One shortlist entry as table cells: "4", "2 of 6", "0.91", "7.5%". */
export function shortlistCells(c: KCandidate, criteria: number): string[] {
  return [String(c.k), `${c.votes} of ${criteria}`, c.stability.toFixed(2), `${(c.smallestShare * 100).toFixed(1)}%`];
}

/**
 * The one alternative to the chosen k in one line, for the terminal: "Also worth a look: k = 3 (1 of 6 votes,
 * reproducibility 0.87, smallest segment 26.3%): --k 3." Empty when no other k is worth recommending.
 */
export function alternativeSentence(choice: Pick<KChoice, 'votes' | 'alternative'>): string {
  const alt = choice.alternative;
  return alt ? `Also worth a look: ${alternativeText(choice, alt)}: ${mention('k', alt.k)}.` : '';
}
