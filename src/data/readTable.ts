import type { DuckDBConnection } from '@duckdb/node-api';
import { DataError } from '../util/errors.js';
import { quoteIdent, quoteLiteral, withDuckDB } from './duckdb.js';
import { sniffFile, type FileSniff } from './sniffFile.js';
import { splitDelimitedLine } from './splitDelimitedLine.js';
import type { Column, SourceInfo, Table } from './table.js';

/** Options for reading a file. */
export interface ReadTableOptions {
  /** Text values read as missing, besides the empty cell. Default: NA, N/A, null, NULL, None, -, ?. */
  readonly missingValues?: readonly string[];
}

const DEFAULT_MISSING = ['', 'NA', 'N/A', 'n/a', 'na', 'null', 'NULL', 'None', '-', '?'];
const NUMERIC_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;
const DATE_TYPES = /^(DATE|TIMESTAMP.*)$/;
const DECIMAL_COMMA = /^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$/;

/**
 * Reads a CSV/TSV (delimiter, quote, header, encoding and decimal commas sniffed), Parquet or JSON/NDJSON
 * file (optionally gzipped) through embedded DuckDB into a typed in-memory Table. Column kinds are inferred
 * from the whole file. Missing, empty, header-only, binary and duplicate-header files are refused with a
 * DataError naming the file. O(rows · columns).
 */
export async function readTable(path: string, options: ReadTableOptions = {}): Promise<Table> {
  const sniff = sniffFile(path);
  const missing = options.missingValues ?? DEFAULT_MISSING;
  return withDuckDB(async (conn) => {
    let source: SourceInfo;
    let from: string;
    if (sniff.format === 'csv') {
      ({ source, from } = await planCsv(conn, path, sniff, missing));
    } else if (sniff.format === 'parquet') {
      source = { path, format: 'parquet' };
      from = `read_parquet(${quoteLiteral(path)})`;
    } else {
      source = { path, format: 'json' };
      from = `read_json(${quoteLiteral(path)}, sample_size=-1)`;
    }
    const described = await run(conn, `DESCRIBE SELECT * FROM ${from}`, path);
    const names = described.map((r) => String(r['column_name']));
    const types = described.map((r) => String(r['column_type']));
    if (sniff.format !== 'csv') checkDuplicates(names, path);
    const selects = names.map((name, j) => {
      const t = types[j]!;
      const q = quoteIdent(name);
      if (NUMERIC_TYPES.test(t)) return `CAST(${q} AS DOUBLE)`;
      if (DATE_TYPES.test(t)) return t === 'DATE' ? `strftime(${q}, '%Y-%m-%d')` : `strftime(${q}, '%Y-%m-%d %H:%M:%S')`;
      return `CAST(${q} AS VARCHAR)`;
    });
    if (names.length === 0) throw new DataError(`${path} has no columns; give a file with a header row and data rows`);
    // Streamed chunk by chunk into typed arrays, so large files never exist as JS arrays of boxed values.
    const builders = types.map((t) => (NUMERIC_TYPES.test(t) ? new NumberBuilder() : new TextBuilder()));
    let rowCount = 0;
    try {
      const result = await conn.stream(`SELECT ${selects.join(', ')} FROM ${from}`);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        builders.forEach((b, j) => b.append(chunk.getColumnValues(j) as unknown[], rowCount));
        rowCount += chunk.rowCount;
      }
    } catch (e) {
      throw new DataError(`${path}: cannot be read as a table: ${firstLine(e)}`);
    }
    if (rowCount === 0) throw new DataError(`${path} has a header but no data rows; add customer rows`);
    const columns = names.map((name, j) => builders[j]!.finish(name, types[j]!));
    return { rowCount, columns, source };
  });
}

async function planCsv(
  conn: DuckDBConnection,
  path: string,
  sniff: FileSniff,
  missing: readonly string[],
): Promise<{ source: SourceInfo; from: string }> {
  const enc = `encoding=${quoteLiteral(sniff.encoding)}`;
  const sniffed = await run(conn, `SELECT Delimiter, Quote, HasHeader FROM sniff_csv(${quoteLiteral(path)}, ${enc}, sample_size=20480)`, path);
  const row = sniffed[0] ?? {};
  const delimiter = String(row['Delimiter'] ?? ',');
  const quote = String(row['Quote'] ?? '"');
  const header = row['HasHeader'] === true;
  const firstLineText = sniff.head.split(/\r?\n/, 1)[0] ?? '';
  if (header) checkDuplicates(splitDelimitedLine(firstLineText, delimiter, quote === '(empty)' ? '' : quote), path);
  const nullstr = `nullstr=[${missing.map(quoteLiteral).join(', ')}]`;
  // No BOOLEAN candidate: "Yes"/"No" columns stay text (categories, written back as read), not 1/0.
  const types = `auto_type_candidates=['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'VARCHAR']`;
  const base = `read_csv(${quoteLiteral(path)}, ${enc}, delim=${quoteLiteral(delimiter)}, header=${header}, ${nullstr}, ${types}, sample_size=-1`;
  let from = `${base})`;
  let decimalComma = false;
  if (delimiter !== ',') {
    const described = await run(conn, `DESCRIBE SELECT * FROM ${from}`, path);
    const textCols = described.filter((r) => r['column_type'] === 'VARCHAR').map((r) => String(r['column_name']));
    if (textCols.length > 0) {
      const checks = textCols.map(
        (c) => `bool_and(regexp_full_match(${quoteIdent(c)}, ${quoteLiteral(DECIMAL_COMMA.source.slice(1, -1))})) AND count(${quoteIdent(c)}) > 0`,
      );
      const res = await run(conn, `SELECT ${checks.map((c, i) => `${c} AS c${i}`).join(', ')} FROM ${from}`, path);
      decimalComma = Object.values(res[0] ?? {}).some((v) => v === true) && textCols.length > 0;
      if (decimalComma) from = `${base}, decimal_separator=',', thousands='.')`;
    }
  }
  return { source: { path, format: 'csv', delimiter, decimalComma, encoding: sniff.encoding, header }, from };
}

async function run(conn: DuckDBConnection, sql: string, path: string): Promise<Record<string, unknown>[]> {
  try {
    const reader = await conn.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } catch (e) {
    throw new DataError(`${path}: cannot be read as a table: ${firstLine(e)}`);
  }
}

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n').filter((l) => l.trim() !== '').slice(0, 2).join(' ').replace(/\s+/g, ' ').slice(0, 300);
}

function checkDuplicates(names: readonly string[], path: string): void {
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

/** Collects a numeric column chunk by chunk: NaN for missing, the first NaN/Infinity in the data remembered. */
class NumberBuilder {
  private values = new Float64Array(4096);
  private length = 0;
  private integer = true;
  private invalid: { row: number; text: string } | undefined;

  append(raw: unknown[], offset: number): void {
    if (this.length + raw.length > this.values.length) {
      const grown = new Float64Array(Math.max(Math.ceil(this.values.length * 1.5), this.length + raw.length));
      grown.set(this.values.subarray(0, this.length));
      this.values = grown;
    }
    for (let i = 0; i < raw.length; i++) {
      const v = raw[i];
      let x = NaN;
      if (v !== null && v !== undefined) {
        x = Number(v);
        if (!Number.isFinite(x)) {
          this.invalid ??= { row: offset + i, text: String(x) };
          x = NaN;
        } else if (this.integer && !Number.isInteger(x)) this.integer = false;
      }
      this.values[this.length++] = x;
    }
  }

  finish(name: string): Column {
    // Little spare capacity is kept as is (a view); much is copied away so the spare can be freed.
    const values = this.values.length - this.length < this.length / 8 ? this.values.subarray(0, this.length) : this.values.slice(0, this.length);
    const { integer, invalid } = this;
    return invalid ? { name, kind: 'number', values, integer, invalid } : { name, kind: 'number', values, integer };
  }
}

/** Collects a text (or date) column chunk by chunk. */
class TextBuilder {
  private readonly text: Array<string | null> = [];

  append(raw: unknown[]): void {
    for (const v of raw) this.text.push(v === null || v === undefined ? null : String(v));
  }

  finish(name: string, type: string): Column {
    const text = this.text;
    if (DATE_TYPES.test(type)) {
      const values = new Float64Array(text.length);
      text.forEach((t, i) => (values[i] = t === null ? NaN : Date.parse(t.length === 10 ? t + 'T00:00:00Z' : t.replace(' ', 'T') + 'Z') / 86400000));
      return { name, kind: 'date', values, text };
    }
    const textInNumbers = findTextInNumbers(text);
    return textInNumbers ? { name, kind: 'string', values: text, textInNumbers } : { name, kind: 'string', values: text };
  }
}

/** When at least half of the present values are numbers (or NaN/Infinity), the first cell that is not one. */
function findTextInNumbers(text: ReadonlyArray<string | null>): { row: number; text: string } | undefined {
  let present = 0, numeric = 0;
  let firstBad: { row: number; text: string } | undefined;
  let firstNonFinite: { row: number; text: string } | undefined;
  text.forEach((t, i) => {
    if (t === null) return;
    present++;
    const x = Number(t.trim());
    if (t.trim() !== '' && !Number.isNaN(x) && Number.isFinite(x)) numeric++;
    else if (/^[+-]?(nan|inf(inity)?)$/i.test(t.trim())) (numeric++, (firstNonFinite ??= { row: i, text: t }));
    else firstBad ??= { row: i, text: t };
  });
  if (present === 0 || numeric / present < 0.5) return undefined;
  return firstBad ?? firstNonFinite;
}
