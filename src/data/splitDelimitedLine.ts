/**
 * Splits one line of delimited text into fields, honouring a quote character ('' for none) with doubled
 * quotes as escapes. Used only to read header names; the data itself is parsed by DuckDB. O(line length).
 */
export function splitDelimitedLine(line: string, delimiter: string, quote: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote !== '' && ch === quote) {
      if (inQuotes && line[i + 1] === quote) ((cur += quote), i++);
      else inQuotes = !inQuotes;
    } else if (!inQuotes && line.startsWith(delimiter, i)) {
      fields.push(cur);
      cur = '';
      i += delimiter.length - 1;
    } else cur += ch;
  }
  fields.push(cur);
  return fields.map((f) => f.trim());
}
