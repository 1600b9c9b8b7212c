/**
 * The one guard of the CSV medium (issue 30): spreadsheets run a cell that starts with =, +, -, @, tab or
 * carriage return as a formula (OWASP "CSV injection"), so every CSV cell Segmenta writes — CLI outputs and
 * studio downloads alike — goes through `spreadsheetSafe`, which puts an apostrophe before such a cell (and
 * before a cell that already starts with apostrophes followed by one, so the guard can be undone exactly).
 * Plain numbers, negative ones included, are left as they are. Segmenta reading its own CSVs back (a
 * baseline's segments.csv, drift, report) undoes it with `fromSpreadsheetSafe`.
 */

const NUMBER = /^-\d+(\.\d+)?(e[+-]?\d+)?$/i;
const FORMULA = /^'*[=+\-@\t\r]/;

/** A CSV cell that no spreadsheet runs as a formula. O(length). */
export function spreadsheetSafe(cell: string): string {
  return !NUMBER.test(cell) && FORMULA.test(cell) ? `'${cell}` : cell;
}

/** The cell as it was before `spreadsheetSafe`. O(length). */
export function fromSpreadsheetSafe(cell: string): string {
  return cell.startsWith("'") && FORMULA.test(cell) && !NUMBER.test(cell.slice(1)) ? cell.slice(1) : cell;
}
