import { closestName } from '../util/closestName.js';
import { distinctHashes, hash64 } from '../util/hash64.js';
import { DataError } from '../util/errors.js';
import { cellText, type Column, type Table } from './table.js';

/** The customer key: a column of the table, or the 1-based row number when there is none. */
export interface KeyChoice {
  /** The key column's name, or null when rows are keyed by their 1-based row number. */
  readonly column: string | null;
  /** Columns never used as features because they identify rows (the key and other *id* columns). */
  readonly identifierColumns: readonly string[];
  readonly reason: string;
}

/** Splits a column name into lower-case words: "CustomerID" → customer, id; "CUST_ID" → cust, id. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((t) => t !== '')
    .map((t) => t.toLowerCase());
}

/**
 * True when every row has a value and no two are equal. Values are reduced to 64-bit hashes (hash64)
 * and sorted natively, so ten million keys need 80 MB, not a Set of
 * strings; a false "duplicate" from a hash collision has a chance of about n² / 2⁶⁵. O(n log n).
 */
function isUnique(column: Column, rows: number): boolean {
  const hashes = new BigUint64Array(rows);
  for (let i = 0; i < rows; i++) {
    const t = cellText(column, i);
    if (t === '') return false;
    hashes[i] = hash64(t);
  }
  return distinctHashes(hashes) === rows;
}

function isRowNumber(column: Column, rows: number): boolean {
  if (column.kind !== 'number' || !column.integer || rows < 3) return false;
  for (let i = 1; i < rows; i++) if (column.values[i]! !== column.values[i - 1]! + 1) return false;
  return true;
}

/** What key detection needs to know of one column; the checks run only when needed (they may scan the data). */
export interface KeyCandidate {
  readonly name: string;
  readonly kind: 'number' | 'string' | 'date' | 'other';
  /** Every row has a value and no two are equal. */
  unique(): boolean;
  /** Whole numbers n..n+rows−1 (a row number). */
  rowNumber(): boolean;
}

/**
 * Finds the customer key. With `id` given, that column (refused with the closest name when absent). Else
 * the first column named like an identifier (a word "id", "key", "uuid" in its name) that is unique per row,
 * else the first text column unique per row, else a consecutive integer column (a row number), else none.
 * Every column named like an identifier is also kept out of the features. O(rows · columns).
 */
export function detectKey(table: Table, id?: string): KeyChoice {
  const rows = table.rowCount;
  return chooseKey(
    table.columns.map((c) => ({ name: c.name, kind: c.kind, unique: () => rows > 1 && isUnique(c, rows), rowNumber: () => isRowNumber(c, rows) })),
    table.source?.path ?? 'the data',
    id,
  );
}

/** The key rule of `detectKey` over column candidates (shared by files and database tables). */
export function chooseKey(columns: readonly KeyCandidate[], source: string, id?: string): KeyChoice {
  const names = columns.map((c) => c.name);
  const idNamed = columns.filter((c) => nameTokens(c.name).some((t) => t === 'id' || t === 'key' || t === 'uuid'));
  if (id !== undefined) {
    if (!names.includes(id)) {
      const near = closestName(id, names);
      throw new DataError(`--id column "${id}" is not in ${source}${near ? `; did you mean "${near}"?` : ''}`);
    }
    return { column: id, identifierColumns: unique([id, ...idNamed.map((c) => c.name)]), reason: 'given with --id' };
  }
  const named = idNamed.find((c) => c.unique());
  const text = named ? undefined : columns.find((c) => c.kind === 'string' && c.unique());
  const counter = named || text ? undefined : columns.find((c) => c.rowNumber());
  const chosen = named ?? text ?? counter;
  const reason = named
    ? 'named like an identifier and unique per row'
    : text
      ? 'text unique per row'
      : counter
        ? 'consecutive whole numbers (a row number)'
        : 'no identifier column found; rows are keyed by their row number';
  return { column: chosen?.name ?? null, identifierColumns: unique([...(chosen ? [chosen.name] : []), ...idNamed.map((c) => c.name)]), reason };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
