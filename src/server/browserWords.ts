/**
 * The studio's words for the command-line advice inside messages written for the CLI ("leave the column
 * out with --exclude "X"", "look at those k too (--k N)"): each rule names the studio control that does the
 * same. Messages without such advice pass unchanged. Applied to every error and warning the studio shows.
 */
const RULES: ReadonlyArray<readonly [RegExp, string | ((...groups: string[]) => string)]> = [
  [/leave the column out with --exclude "([^"]+)"/g, (_m, name) => `untick "${name}" among the features in Setup`],
  [/leave the column out with --exclude\b/g, 'untick that column among the features in Setup'],
  [/--exclude "([^"]+)"/g, (_m, name) => `unticking "${name}" in Setup`],
  [/\(--k (\d+) or more\)/g, (_m, k) => `(k = ${k} or more in Choose k)`],
  [/\(--k (\d+)\)/g, (_m, k) => `(pick k = ${k} in Choose k)`],
  [/\(--k N\)/g, '(pick them in Choose k)'],
  [/: --k (\d+)\b/g, (_m, k) => `: pick k = ${k} in Choose k`],
  [/\(--k-max (\d+)\)/g, (_m, k) => `(a largest k of ${k} in Choose k)`],
  [/override with --categorical \/ --numeric/g, 'override in Setup'],
  // The studio flags the default share; the CLI flag that changes it has no control here.
  [/ \(--contamination\)/g, ''],
];

/** `message` with its command-line advice in the studio's words. O(length · rules). */
export function browserWords(message: string): string {
  let out = message;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement as (substring: string, ...args: string[]) => string);
  return out;
}
