/**
 * The columns of a table as DuckDB hands them over, chunk by chunk: numbers (with the one grammar of numbers in
 * text files), texts and dates, and the checks made on their cells.
 */
import type { Column, InvalidCell } from './table.js';
import { hasValue, type DoubleChunk } from './doubleVector.js';

/** The finite numbers of the grammar below, for JavaScript (Number() alone would read "0x1F" as 31). */
const NUMBER_TEXT = /^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$/;

/**
 * The one grammar of numbers in text files: optional sign, digits with an optional decimal point, optional
 * exponent (and nan/inf, which are then refused as not usable). Hexadecimal (0x1F), binary, digit
 * separators (1_000) and the like are text, although DuckDB's casts would read some of them as numbers.
 * As a regular expression for DuckDB's regexp_full_match.
 */
export const NUMBER_GRAMMAR = `${NUMBER_TEXT.source.slice(1, -1)}|\\s*[+-]?(nan|NaN|NAN|inf|Inf|INF|infinity|Infinity|INFINITY)\\s*`;

/** Magnitudes beyond this are refused: their squares (variances, distances) would overflow a double. */
export const MAX_MAGNITUDE = 1e150;

/** DuckDB column types read as dates. */
export const DATE_TYPES = /^(DATE|TIMESTAMP.*)$/;

/** Collects a numeric column chunk by chunk: NaN for missing, the first NaN/Infinity in the data remembered. */
export class NumberBuilder {
  private values: Float64Array;
  private length = 0;
  private integer = true;
  private invalid: InvalidCell | undefined;

  /**
   * `rows`: how many rows to expect, when known (a hint: more grow the column). Sized right, the column is
   * written once into fresh memory (a million rows: 8 MB), with no copies while it grows.
   */
  constructor(rows?: number) {
    this.values = new Float64Array(rows !== undefined && rows > 0 ? rows : 4096);
  }

  /** Appends a chunk of a DOUBLE column as DuckDB holds it (`doubleChunk`), rows `offset`… of the table. O(rows). */
  appendDoubles(chunk: DoubleChunk, offset: number): void {
    const { values: raw, validity } = chunk;
    const start = this.length;
    if (start + raw.length > this.values.length) {
      const grown = new Float64Array(Math.max(this.values.length * 2, start + raw.length));
      grown.set(this.values.subarray(0, start));
      this.values = grown;
    }
    const values = this.values;
    values.set(raw, start);
    this.length = start + raw.length;
    let integer = this.integer;
    for (let i = 0; i < raw.length; i++) {
      if (!hasValue(validity, i)) {
        values[start + i] = NaN;
        continue;
      }
      const x = raw[i]!;
      // x − x is 0 for every finite x, NaN for NaN and ±Infinity.
      if (x - x !== 0 || x > MAX_MAGNITUDE || x < -MAX_MAGNITUDE) {
        values[start + i] = NaN;
        this.invalid ??= {
          row: offset + i,
          text: String(x),
          ...(x - x === 0 ? { reason: `beyond ±${MAX_MAGNITUDE}, whose square overflows; rescale the column (e.g. divide it by a power of ten)` } : {}),
        };
      } else if (integer && Math.floor(x) !== x) integer = false;
    }
    this.integer = integer;
  }

  finish(name: string): Column {
    // Little spare capacity is kept as is (a view); much is copied away so the spare can be freed.
    const values = this.values.length - this.length < this.length / 8 ? this.values.subarray(0, this.length) : this.values.slice(0, this.length);
    const { integer, invalid } = this;
    if (integer && !invalid) {
      const days = yyyymmddDays(values);
      // The original digits stay the cells' text (outputs write them back as read).
      if (days) return { name, kind: 'date', values: days, text: Array.from(values, (v) => (Number.isNaN(v) ? null : String(v))) };
    }
    return invalid ? { name, kind: 'number', values, integer, invalid } : { name, kind: 'number', values, integer };
  }
}

/**
 * Days since 1970-01-01 of a column of yyyymmdd whole numbers (19970101), or null when any present value is
 * not a calendar date written that way (year 1800–2200, a real month and day) or none is present. O(n).
 */
function yyyymmddDays(values: Float64Array): Float64Array | null {
  const days = new Float64Array(values.length);
  let present = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      days[i] = NaN;
      continue;
    }
    const y = Math.floor(v / 10_000),
      m = Math.floor(v / 100) % 100,
      d = v % 100;
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
    const t = Date.UTC(y, m - 1, d);
    if (new Date(t).getUTCDate() !== d) return null;
    days[i] = t / 86_400_000;
    present++;
  }
  return present > 0 ? days : null;
}

/** Collects a text (or date) column chunk by chunk. */
export class TextBuilder {
  private readonly text: Array<string | null> = [];

  append(raw: unknown[]): void {
    for (const v of raw) this.text.push(v === null || v === undefined ? null : String(v));
  }

  finish(name: string, type: string): Column {
    const text = this.text;
    if (DATE_TYPES.test(type)) {
      const values = new Float64Array(text.length);
      text.forEach((t, i) => (values[i] = t === null ? NaN : Date.parse(t.length === 10 ? t + 'T00:00:00Z' : t.replace(' ', 'T') + 'Z') / 86400000));
      return { name, kind: 'date', values, text };
    }
    const textInNumbers = findTextInNumbers(text);
    return textInNumbers ? { name, kind: 'string', values: text, textInNumbers } : { name, kind: 'string', values: text };
  }
}

/** When at least half of the present values are numbers (or NaN/Infinity), the first cell that is not one. */
function findTextInNumbers(text: ReadonlyArray<string | null>): { row: number; text: string } | undefined {
  let present = 0,
    numeric = 0;
  let firstBad: { row: number; text: string } | undefined;
  let firstNonFinite: { row: number; text: string } | undefined;
  text.forEach((t, i) => {
    if (t === null) return;
    present++;
    const x = NUMBER_TEXT.test(t) ? Number(t.trim()) : NaN;
    if (!Number.isNaN(x) && Number.isFinite(x)) numeric++;
    else if (/^[+-]?(nan|inf(inity)?)$/i.test(t.trim())) (numeric++, (firstNonFinite ??= { row: i, text: t }));
    else firstBad ??= { row: i, text: t };
  });
  if (present === 0 || numeric / present < 0.5) return undefined;
  return firstBad ?? firstNonFinite;
}
