import type { DuckDBConnection } from '@duckdb/node-api';
import { DataError } from '../util/errors.js';

/** Runs a query about the file `path` and returns its rows; a DuckDB failure becomes `readError`. */
export async function queryFile(conn: DuckDBConnection, sql: string, path: string): Promise<Record<string, unknown>[]> {
  try {
    const reader = await conn.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } catch (e) {
    throw readError(path, e);
  }
}

/** DuckDB found bytes that are not UTF-8 past the sniffed head. */
export class NotUtf8 extends DataError {}

/** The DataError for a DuckDB failure on the file: one line of its message (NotUtf8 for an encoding error). */
export function readError(path: string, e: unknown): DataError {
  const text = `${path}: cannot be read as a table: ${firstLine(e)}`;
  return /invalid unicode/i.test(e instanceof Error ? e.message : String(e)) ? new NotUtf8(text) : new DataError(text);
}

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  // The engine's own SQL ("LINE 1: SELECT …") says nothing to a user: only its words about the file are kept.
  return msg
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^\s*(LINE \d+:|\^)/.test(l))
    .slice(0, 2)
    .join(' ')
    .replace(/\s+/g, ' ')
    .slice(0, 300);
}

/** Refuses two columns whose names differ only in case or surrounding spaces, naming both. O(columns). */
export function checkDuplicates(names: readonly string[], path: string): void {
  const seen = new Map<string, number>();
  names.forEach((name, j) => {
    const key = name.trim().toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw new DataError(`${path}: duplicate column name "${name}" (columns ${first + 1} and ${j + 1}); rename one of them`);
    }
    seen.set(key, j);
  });
}
