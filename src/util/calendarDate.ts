import { UsageError } from './errors.js';

/**
 * A YYYY-MM-DD date a user gives with a flag, checked as a calendar date (2023-02-30 and 2023-13-01 are
 * refused, where `Date.parse` would roll the first into March), as ms since the epoch at UTC midnight.
 * Refused in one line naming the flag (exit 2). O(1).
 */
export function calendarDate(text: string, flag: string, example = '1997-09-30'): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const time = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== text)
    throw new UsageError(`invalid ${flag}: ${text} (expected a calendar date like ${example})`);
  return time;
}
