import { countText } from '../util/formatNumber.js';

/**
 * The kinds of value an option takes (a whole number in a range, one of some words, column names, a share…):
 * each knows how it is typed on a command line, how a value is checked, how it is shown in help and in the
 * options table, and its JSON Schema for the studio's API. Options declare a kind instead of spelling
 * these four things each time.
 */
export interface OptionKind {
  /** What the value is called in usage lines: `N`, `a,b`, `kmeans|gmm`. */
  readonly placeholder: string;
  /** The text typed after the flag as a value, or `{ expected }` when it is not one. */
  parse(text: string): { value: unknown } | { expected: string };
  /** What a value must be, as "expected …" text, or null when it is fine. */
  check(value: unknown): string | null;
  /** The JSON Schema of a value (what the studio's API accepts). */
  readonly schema: Readonly<Record<string, unknown>>;
  /** The words a choice takes, for the studio's drop-downs. */
  readonly choices?: readonly string[];
  /** Values are column names (quoted where messages mention them). */
  readonly names?: boolean;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const fromCheck = (kind: Pick<OptionKind, 'check'>, value: unknown): { value: unknown } | { expected: string } => {
  const expected = kind.check(value);
  return expected === null ? { value } : { expected };
};

/** One of a few words. */
export function choice(values: readonly string[]): OptionKind {
  const check = (v: unknown): string | null => (typeof v === 'string' && values.includes(v) ? null : values.join(', '));
  return { placeholder: values.join('|'), parse: (t) => fromCheck({ check }, t), check, schema: { type: 'string', enum: [...values] }, choices: values };
}

/** A whole number from `min` (to `max`), described as `expected` when it is not one. */
export function wholeNumber(
  min: number,
  max = Infinity,
  expected = max === Infinity ? `an integer ≥ ${min}` : `an integer from ${min} to ${countText(max)}`,
): OptionKind {
  const check = (v: unknown): string | null => (isInt(v) && v >= min && v <= max ? null : expected);
  return {
    placeholder: 'N',
    parse: (t) => fromCheck({ check }, t.trim() === '' ? NaN : Number(t)),
    check,
    schema: { type: 'integer', minimum: min, ...(max === Infinity ? {} : { maximum: max }) },
  };
}

/** A whole number from `min` to `max`, or one word ("auto", "off"). */
export function wholeNumberOr(word: string, min: number, max: number, expected: string): OptionKind {
  const number = wholeNumber(min, max, expected);
  const check = (v: unknown): string | null => (v === word ? null : number.check(v) && expected);
  return {
    placeholder: `N|${word}`,
    parse: (t) => (t === word ? { value: word } : fromCheck({ check }, t.trim() === '' ? NaN : Number(t))),
    check,
    schema: { anyOf: [number.schema, { type: 'string', enum: [word] }] },
  };
}

/** Any integer (a seed). */
export function anyInteger(): OptionKind {
  const check = (v: unknown): string | null => (isInt(v) ? null : 'an integer');
  return { placeholder: 'N', parse: (t) => fromCheck({ check }, t.trim() === '' ? NaN : Number(t)), check, schema: { type: 'integer' } };
}

/** A number ≥ `min`. */
export function numberAtLeast(min: number): OptionKind {
  const check = (v: unknown): string | null => (typeof v === 'number' && v >= min ? null : `a number ≥ ${min}`);
  return { placeholder: 'X', parse: (t) => fromCheck({ check }, t.trim() === '' ? NaN : Number(t)), check, schema: { type: 'number', minimum: min } };
}

/** A share strictly between `low` and `high` (or from `low` when `lowIncluded`), typed 0.01 or 1%. */
export function share(low: number, high: number, expected: string, lowIncluded = false): OptionKind {
  const check = (v: unknown): string | null => (typeof v === 'number' && (lowIncluded ? v >= low : v > low) && v < high ? null : expected);
  return {
    placeholder: 'P',
    parse: (t) => {
      const text = t.trim();
      const percent = text.endsWith('%');
      const n = text === '' ? NaN : Number(percent ? text.slice(0, -1) : text);
      return fromCheck({ check }, percent ? n / 100 : n);
    },
    check,
    schema: { type: 'number' },
  };
}

/** A true/false setting (library only). */
export function yesNo(): OptionKind {
  const check = (v: unknown): string | null => (typeof v === 'boolean' ? null : 'true or false');
  return { placeholder: 'true|false', parse: (t) => fromCheck({ check }, t === 'true' ? true : t === 'false' ? false : t), check, schema: { type: 'boolean' } };
}

const names = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Splits a comma-separated list ("a,b" → ["a", "b"]); commas inside names can be escaped as "\,". */
export function splitList(value: string): string[] {
  return value
    .split(/(?<!\\),/)
    .map((s) => s.replaceAll('\\,', ',').trim())
    .filter((s) => s !== '');
}

/** A list of column names, typed comma-separated. */
export function columnList(): OptionKind {
  const check = (v: unknown): string | null => (names(v) ? null : 'a list of column names');
  return { placeholder: 'a,b', parse: (t) => ({ value: splitList(t) }), check, schema: { type: 'array', items: { type: 'string' } }, names: true };
}

/** One of some words, or a list of column names ("none", "auto", "a,b"). */
export function wordsOrColumns(words: readonly string[]): OptionKind {
  const check = (v: unknown): string | null => ((typeof v === 'string' && words.includes(v)) || names(v) ? null : `${words.join(', ')} or column names`);
  return {
    placeholder: `${words.join('|')}|a,b`,
    parse: (t) => (words.includes(t) ? { value: t } : { value: splitList(t) }),
    check,
    schema: {
      anyOf: [
        { type: 'string', enum: [...words] },
        { type: 'array', items: { type: 'string' } },
      ],
    },
    choices: words,
    names: true,
  };
}

/** One column name. */
export function columnName(): OptionKind {
  const check = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? null : 'a column name');
  return { placeholder: 'COL', parse: (t) => fromCheck({ check }, t), check, schema: { type: 'string', minLength: 1 }, names: true };
}

/** A segment size limit: a number of customers, or a share "15%". */
export function sizeLimit(): OptionKind {
  const expected = 'a number of customers such as 30, or a share such as 15%';
  const check = (v: unknown): string | null =>
    (isInt(v) && v >= 1) || (typeof v === 'string' && /^\d+(\.\d+)?%$/.test(v) && Number(v.slice(0, -1)) > 0 && Number(v.slice(0, -1)) <= 100)
      ? null
      : expected;
  return {
    placeholder: 'N|P%',
    parse: (t) => {
      const text = t.trim();
      return fromCheck({ check }, /^\d+$/.test(text) ? Number(text) : text);
    },
    check,
    schema: {
      anyOf: [
        { type: 'integer', minimum: 1 },
        { type: 'string', pattern: '^\\d+(\\.\\d+)?%$' },
      ],
    },
  };
}

/** A labels.json: typed as a file path (the CLI reads it), given to the library as an object. */
export function labelsFile(): OptionKind {
  const check = (v: unknown): string | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? null : 'an object of column name → label');
  return { placeholder: 'FILE', parse: (t) => ({ value: t }), check, schema: { type: 'object' } };
}
