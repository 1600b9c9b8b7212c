import { CLASS_LABEL_REASON } from '../preprocess/selectFeatures.js';
import { mention } from '../options/optionMentions.js';

/**
 * One line naming the usable columns described beside the segments instead of clustered on: categories and
 * flags (by default) and columns named like a class label. Empty when there are none.
 */
export function contextLine(
  context: ReadonlyArray<{ readonly column: string; readonly reason: string }>,
  columns: ReadonlyArray<{ readonly column: string; readonly role: string }>,
): string {
  if (!context.length) return '';
  const role = (c: string): string => columns.find((x) => x.column === c)?.role ?? 'category';
  const label = context.filter((c) => c.reason === CLASS_LABEL_REASON).map((c) => c.column);
  const categories = context.filter((c) => c.reason !== CLASS_LABEL_REASON).map((c) => `${c.column} (${ROLE_WORD[role(c.column)] ?? 'category'})`);
  const parts = [
    ...(categories.length
      ? [`${categories.join(', ')} — categories split segments by level, so they describe them (${mention('categories', 'features')} clusters on them)`]
      : []),
    ...(label.length
      ? [`${label.join(', ')} — named like a class label, a known answer rather than a trait (name it in ${mention('features')} to cluster on it)`]
      : []),
  ];
  return `described on every segment, not clustered on: ${parts.join('; ')}`;
}

const ROLE_WORD: Record<string, string> = { category: 'category', code: 'code', flag: 'yes/no flag' };

/** The sentence for a file read without a header row: its columns got generic names. */
export function noHeaderSentence(names: readonly string[]): string {
  const shown = names.length > 4 ? `${names.slice(0, 2).join(', ')} … ${names[names.length - 1]}` : names.join(', ');
  return `the file has no header row: its columns are named ${shown} by position (add a first line with column names to see them in names and tables)`;
}
