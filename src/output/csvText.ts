import { spreadsheetSafe } from '../util/spreadsheetCell.js';

/**
 * A CSV cell: neutralized against spreadsheet formulas (`spreadsheetSafe`, every CSV Segmenta writes), then
 * quoted when it holds a comma, quote, CR or LF (RFC 4180).
 */
export function csvCell(text: string): string {
  const safe = spreadsheetSafe(text);
  return /[",\r\n]/.test(safe) ? '"' + safe.replaceAll('"', '""') + '"' : safe;
}

/** Builds CSV text (LF line ends, trailing newline) from a header and rows of cell texts (`csvCell`). O(cells). */
export function csvText(header: readonly string[], rows: Iterable<readonly string[]>): string {
  return [...csvLines(header, rows)].join('');
}

/** The same CSV as `csvText`, one line (with its LF) at a time, for streaming large outputs. */
export function* csvLines(header: readonly string[], rows: Iterable<readonly string[]>): Generator<string> {
  yield header.map(csvCell).join(',') + '\n';
  for (const r of rows) yield r.map(csvCell).join(',') + '\n';
}
