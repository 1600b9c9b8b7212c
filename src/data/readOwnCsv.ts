import { fromSpreadsheetSafe } from '../util/spreadsheetCell.js';
import { readTable, type ReadTableOptions } from './readTable.js';
import type { Column, Table } from './table.js';

/**
 * Reads a CSV that Segmenta wrote (a run's segments.csv, for a baseline, drift or a report rebuilt) as the
 * table it came from: the formula guard every CSV cell got on the way out (`spreadsheetSafe`) is undone on
 * text cells, so keys and categories match the data they were read from. O(rows · text columns).
 */
export async function readOwnCsv(path: string, options: ReadTableOptions = {}): Promise<Table> {
  const table = await readTable(path, options);
  return { ...table, columns: table.columns.map(unguarded) };
}

function unguarded(c: Column): Column {
  if (c.kind !== 'string' || !c.values.some((v) => v?.startsWith("'"))) return c;
  return { ...c, values: c.values.map((v) => (v === null ? null : fromSpreadsheetSafe(v))) };
}
