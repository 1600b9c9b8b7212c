/**
 * Neutralizes a CSV cell against spreadsheet formula injection (OWASP "CSV injection"): a cell starting
 * with =, +, -, @, tab or carriage return gets a leading apostrophe, so spreadsheets show it as text.
 * Plain negative numbers ("-12.5") are left as they are.
 */
export function spreadsheetSafe(cell: string): string {
  if (/^-\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell)) return cell;
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
