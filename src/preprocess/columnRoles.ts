import { nameTokens } from '../data/detectKey.js';
import type { Column } from '../data/table.js';

/**
 * What a column is to a segmentation: a measurement (`number`), a 0/1 or yes/no `flag`, a `code` (whole
 * numbers that name groups, such as Region 1/2/3), a text `category`, or a `date`.
 */
export type ColumnRole = 'number' | 'flag' | 'code' | 'category' | 'date';

/** A column's role and why, as the summary and the report state it. */
export interface RoleDecision {
  readonly column: string;
  readonly role: ColumnRole;
  readonly reason: string;
}

/** What the role rule needs to know of a column (from a file's values or a database's statistics). */
export interface RoleFacts {
  readonly name: string;
  readonly kind: 'number' | 'string' | 'date' | 'other';
  /** Every present value is a whole number. */
  readonly integer: boolean;
  /** Distinct present values (exact up to MAX_CODE_LEVELS + 1 at least), or undefined when unknown. */
  readonly distinct?: number | undefined;
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  /** Text columns: the levels when there are at most two. */
  readonly twoLevels?: readonly string[] | undefined;
}

/** Whole-number columns with more distinct values than this are measurements, never codes. */
const MAX_CODE_LEVELS = 10;

/** Name words that mark a column as a code (a group's number, not an amount). */
const CODE_WORDS: readonly string[] = [
  'code',
  'channel',
  'region',
  'type',
  'category',
  'class',
  'group',
  'segment',
  'status',
  'zone',
  'area',
  'cluster',
  'gender',
  'sex',
  'education',
  'marital',
  'state',
  'country',
  'city',
  'store',
  'branch',
  'department',
  'plan',
];

/** Name words that mark a column as a count or a scale, never a code even when its values run 1..m. */
const COUNT_WORDS: readonly string[] = [
  'count',
  'num',
  'number',
  'nb',
  'qty',
  'quantity',
  'kids',
  'kid',
  'kidhome',
  'teenhome',
  'children',
  'visits',
  'year',
  'years',
  'age',
  'score',
  'rating',
  'rank',
  'level',
  'size',
  'months',
  'month',
  'days',
  'day',
  'tenure',
  'recency',
  'frequency',
  'purchases',
  'trx',
  'times',
  'items',
  'orders',
];

const YES = /^(yes|y|true|t)$/i;
const NO = /^(no|n|false|f)$/i;

/** True when two text levels are a yes/no pair (yes/no, y/n, true/false, t/f; any case). */
export function isYesNoPair(levels: readonly string[]): boolean {
  return levels.length === 2 && ((YES.test(levels[0]!) && NO.test(levels[1]!)) || (NO.test(levels[0]!) && YES.test(levels[1]!)));
}

/**
 * The documented role rule (docs/how-it-works.md, "Column roles"), the same for files and database tables:
 * 1. `--categorical` / `--numeric` name the role outright;
 * 2. dates are dates; text with exactly the levels yes/no (true/false, y/n) is a flag, other text a category;
 * 3. a number column holding only 0 and 1 is a flag;
 * 4. whole numbers with at most MAX_CODE_LEVELS distinct values are a code when the name has a code word
 *    (CODE_WORDS: channel, region, type, …) or the values are exactly 1, 2, …, m — unless the name has a
 *    count word (COUNT_WORDS: num, score, kids, …);
 * 5. any other number is a number (a measurement). O(1).
 */
export function columnRole(
  f: RoleFacts,
  overrides: { categorical?: readonly string[] | undefined; numeric?: readonly string[] | undefined } = {},
): RoleDecision {
  const decided = (role: ColumnRole, reason: string): RoleDecision => ({ column: f.name, role, reason });
  if (overrides.categorical?.includes(f.name)) return decided(f.kind === 'string' ? 'category' : 'code', 'named in --categorical');
  if (f.kind === 'date') return decided('date', 'dates');
  if (f.kind === 'string')
    return f.twoLevels && isYesNoPair(f.twoLevels) ? decided('flag', `two values, ${f.twoLevels.join('/')}`) : decided('category', 'text');
  if (f.kind !== 'number') return decided('number', 'not a number, text or date');
  if (overrides.numeric?.includes(f.name)) return decided('number', 'named in --numeric');
  if (f.distinct === 2 && f.min === 0 && f.max === 1) return decided('flag', 'holds only 0 and 1');
  if (!f.integer || f.distinct === undefined || f.distinct > MAX_CODE_LEVELS || f.distinct < 2) return decided('number', 'numbers');
  const words = nameTokens(f.name);
  if (words.some((w) => COUNT_WORDS.includes(w))) return decided('number', `whole numbers with a count-like name`);
  const codeWord = words.find((w) => CODE_WORDS.includes(w));
  if (codeWord) return decided('code', `${f.distinct} whole-number values and a code-like name ("${codeWord}")`);
  if (f.min === 1 && f.max === f.distinct) return decided('code', `only the values 1 to ${f.distinct}, as codes are numbered`);
  return decided('number', 'numbers');
}

/** The role facts of an in-memory column: distinct values counted up to MAX_CODE_LEVELS + 1. O(n). */
export function roleFacts(c: Column): RoleFacts {
  if (c.kind === 'string') {
    const seen = new Set<string>();
    for (const v of c.values) if (v !== null && seen.add(v).size > 2) break;
    return { name: c.name, kind: 'string', integer: false, ...(seen.size === 2 ? { twoLevels: [...seen].sort() } : {}) };
  }
  if (c.kind === 'date') return { name: c.name, kind: 'date', integer: false };
  const seen = new Set<number>();
  let min = Infinity,
    max = -Infinity;
  for (const v of c.values) {
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    if (seen.size <= MAX_CODE_LEVELS) seen.add(v);
  }
  return { name: c.name, kind: 'number', integer: c.integer, distinct: seen.size, min, max };
}
