/** Quotes a CSV cell when it holds a comma, quote, CR or LF (RFC 4180). */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? '"' + text.replaceAll('"', '""') + '"' : text;
}

/** Builds CSV text (LF line ends, trailing newline) from a header and rows of cell texts. O(cells). */
export function csvText(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return lines.join('\n') + '\n';
}
