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

/**
 * CSV text for `rows` rows whose lines are built by `line(i)` (already CSV cells joined by commas, no line
 * end): the header line, then a few thousand lines per chunk. For millions of rows this skips the per-cell
 * arrays and quoting checks of `csvLines` (numbers never need quotes). O(rows).
 */
export function* csvLineChunks(header: readonly string[], rows: number, line: (i: number) => string): Generator<string> {
  yield* csvLines(header, []);
  // Chunks of 256 lines (tens of KB) stay small, short-lived strings that V8's young generation reclaims.
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    lines.push(line(i));
    if (lines.length === 256) (yield lines.join('\n') + '\n', (lines.length = 0));
  }
  if (lines.length) yield lines.join('\n') + '\n';
}
