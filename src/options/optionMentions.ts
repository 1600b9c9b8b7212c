import { OPTION_SPECS, specOf, type OptionSpec } from './optionSpecs.js';
import type { OptionName } from './optionTypes.js';

/**
 * Advice inside messages ("look at k = 4 too (--k 4)") names options as a command line spells them, from the
 * declarations: `mention` writes the flag, and `inStudioWords` turns every such mention into the studio's
 * words for the same action ("pick k = 4 in Choose k"), as each option's `studioSays` declares.
 */

/** A mention's flag and the studio's words for it: an option's declaration, or one of `segmenta clv`'s flags. */
type Mentioned = Pick<OptionSpec, 'flag' | 'studioSays'>;

/**
 * `segmenta clv`'s flags that its messages name, as the CLV panel's controls are labelled (they are the
 * order-log command's, not segment options, so they have no OptionSpec).
 */
const CLV_MENTIONS: readonly Mentioned[] = [
  { flag: 'calibration-end', studioSays: (v) => (v === undefined ? 'a Calibration end' : `the Calibration end ${v}`) },
  { flag: 'holdout-end', studioSays: (v) => (v === undefined ? 'a Holdout end' : `the Holdout end ${v}`) },
  { flag: 'time-unit', studioSays: (v) => (v === undefined ? 'the Time unit' : `Time unit "${v}"`) },
];

/** An option as a command line names it: `--k 4`, `--log auto`, `--exclude "Region"` (column names quoted). */
export function mention(name: OptionName, value?: string | number): string {
  const spec = specOf(name);
  if (spec.flag === null) throw new Error(`option ${name} has no flag to mention`);
  if (value === undefined) return `--${spec.flag}`;
  const quoted = typeof value === 'string' && spec.kind.names === true && !spec.kind.choices?.includes(value);
  return `--${spec.flag} ${quoted ? `"${value}"` : String(value)}`;
}

/** A mention's value: a text in double or single (shell) quotes, or tokens joined by commas ("a,b,c"). */
const TOKEN = String.raw`[^\s"'):;,]*[^\s"'):;,.]`;
const VALUE = String.raw`"(?:[^"\\]|\\.)*"|'(?:[^']|'\\'')*'|${TOKEN}(?:,${TOKEN})*`;

/**
 * `message` with every mention of an option that the studio offers in its own words: `--k 4` → "pick k = 4
 * in Choose k", `--exclude "X"` → "untick "X" among the features in Setup"; a mention declared "omit" is
 * dropped with its parentheses. Mentions of other options are left as they are. O(length · options).
 */
export function inStudioWords(message: string, specs: readonly Mentioned[] = [...OPTION_SPECS, ...CLV_MENTIONS]): string {
  let out = message;
  for (const spec of specs) {
    if (spec.flag === null || spec.studioSays === undefined) continue;
    const flag = spec.flag.replace(/[-]/g, '\\-');
    if (spec.studioSays === 'omit') {
      out = out.replace(new RegExp(String.raw` ?\(--${flag}(?: (?:${VALUE}))?\)|--${flag}(?: (?:${VALUE}))?\b`, 'g'), '');
      continue;
    }
    const says = spec.studioSays;
    out = out.replace(new RegExp(String.raw`--${flag}(?![\w-])(?: (${VALUE}))?`, 'g'), (_m, value: string | undefined) => says(value));
  }
  return out;
}
