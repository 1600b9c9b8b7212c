/**
 * The in-memory table every stage works on: named, typed columns of equal length. Missing numbers are NaN,
 * missing strings are null. Dates are kept as days since 1970-01-01 (NaN when missing) with their text.
 */
export type Column = NumberColumn | StringColumn | DateColumn;

/** A numeric column; `integer` is true when every present value is a whole number. */
export interface NumberColumn {
  readonly name: string;
  readonly kind: 'number';
  readonly values: Float64Array;
  readonly integer: boolean;
  /** The first NaN or ±Infinity found in the data (0-based row), which is not a usable number. */
  readonly invalid?: InvalidCell;
}

/** A cell that makes a column unusable as a feature: its 0-based row and its text. */
export interface InvalidCell {
  readonly row: number;
  readonly text: string;
  /** Why the value is not usable, when it is a finite number (e.g. too large to square). */
  readonly reason?: string;
}

/** A text column (categories, identifiers, free text). */
export interface StringColumn {
  readonly name: string;
  readonly kind: 'string';
  readonly values: ReadonlyArray<string | null>;
  /** Set when most values are numbers but some are not: the first cell that is text. */
  readonly textInNumbers?: InvalidCell;
}

/** A date or timestamp column: days since the Unix epoch, and the original text for output. */
export interface DateColumn {
  readonly name: string;
  readonly kind: 'date';
  readonly values: Float64Array;
  readonly text: ReadonlyArray<string | null>;
}

/** How a file was read: what was detected, so the profile can state it. */
export interface SourceInfo {
  readonly path: string;
  readonly format: 'csv' | 'parquet' | 'json' | 'database';
  /** A database table: its name, and the rows read from it when only a sample left the engine. */
  readonly table?: string;
  readonly sampledRows?: number;
  readonly delimiter?: string;
  readonly decimalComma?: boolean;
  readonly encoding?: string;
  readonly header?: boolean;
}

/** A table of rows × named columns. */
export interface Table {
  readonly rowCount: number;
  readonly columns: readonly Column[];
  readonly source?: SourceInfo;
}

/** Looks a column up by exact name. O(columns). */
export function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** The value of a column at a row, as text for output (empty string when missing). */
export function cellText(column: Column, row: number): string {
  switch (column.kind) {
    case 'number': {
      const v = column.values[row]!;
      return Number.isNaN(v) ? '' : String(v);
    }
    case 'string':
      return column.values[row] ?? '';
    case 'date':
      return column.text[row] ?? '';
  }
}

/**
 * Each row's key as text: the key column's cells, or 1-based row numbers without a key column. A text
 * column without gaps is returned as is (no copy: ten million keys stay one array). O(rows).
 */
export function rowKeys(column: Column | undefined, rows: number): readonly string[] {
  if (column?.kind === 'string' && column.values.every((v) => v !== null)) return column.values as readonly string[];
  return Array.from({ length: rows }, (_, i) => (column ? cellText(column, i) : String(i + 1)));
}

/**
 * Builds a table from plain JavaScript rows (objects keyed by column name), inferring each column's kind:
 * all numbers (or null/undefined) → number; Date objects → date; anything else → string. For the library
 * API and tests; files go through `readTable`.
 */
export function tableFromRecords(records: ReadonlyArray<Record<string, unknown>>): Table {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), names.push(k));
  const n = records.length;
  const columns: Column[] = names.map((name) => {
    const raw = records.map((r) => r[name]);
    const present = raw.filter((v) => v !== null && v !== undefined && v !== '');
    if (present.length > 0 && present.every((v) => typeof v === 'number')) {
      const values = new Float64Array(n);
      raw.forEach((v, i) => (values[i] = typeof v === 'number' ? v : NaN));
      return { name, kind: 'number', values, integer: present.every((v) => Number.isInteger(v)) };
    }
    if (present.length > 0 && present.every((v) => v instanceof Date)) {
      const values = new Float64Array(n);
      const text = raw.map((v, i) => {
        if (!(v instanceof Date)) return ((values[i] = NaN), null);
        values[i] = v.getTime() / 86400000;
        return v.toISOString().slice(0, 10);
      });
      return { name, kind: 'date', values, text };
    }
    return { name, kind: 'string', values: raw.map((v) => (v === null || v === undefined || v === '' ? null : String(v))) };
  });
  return { rowCount: n, columns };
}

/** A short name of where data came from, for titles: the file name, or "table in database". */
export function sourceTitle(source: SourceInfo | undefined): string {
  if (!source?.path) return 'data';
  if (source.format === 'database') return `${source.table ?? 'table'} in ${source.path}`;
  return source.path.split(/[\\/]/).pop()!;
}
