import type { DuckDBConnection } from '@duckdb/node-api';
import { DataError } from '../util/errors.js';
import { quoteIdent, quoteLiteral, withDuckDB } from './duckdb.js';
import { prepareInput } from './prepareInput.js';
import { CLI_READ_LIMITS, tooManyColumns, type ReadLimits } from './readLimits.js';
import type { FileSniff } from './sniffFile.js';
import { splitDelimitedLine } from './splitDelimitedLine.js';
import type { SourceInfo, Table } from './table.js';
import { DATE_TYPES, NUMBER_GRAMMAR, NumberBuilder, TextBuilder } from './columnBuilders.js';
import { countText } from '../util/formatNumber.js';

/** Options for reading a file. */
export interface ReadTableOptions {
  /** Text values read as missing, besides the empty cell. Default: NA, N/A, null, NULL, None, -, ?. */
  readonly missingValues?: readonly string[];
  /** Columns, inflated bytes and cells one read may bring in. Default: `CLI_READ_LIMITS`. */
  readonly limits?: ReadLimits;
  /** The name used for the file in messages (the studio names the upload, never its temporary path). */
  readonly displayName?: string;
}

const DEFAULT_MISSING = ['', 'NA', 'N/A', 'n/a', 'na', 'null', 'NULL', 'None', '-', '?'];
const NUMERIC_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;
const DECIMAL_COMMA = /^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$/;

/**
 * Reads a CSV/TSV (delimiter, quote, header, encoding and decimal commas sniffed), Parquet or JSON/NDJSON
 * file (optionally gzipped) through embedded DuckDB into a typed in-memory Table. Column kinds are inferred
 * from the whole file. Missing, empty, header-only, binary and duplicate-header files are refused with a
 * DataError naming the file. O(rows · columns).
 */
export async function readTable(path: string, options: ReadTableOptions = {}): Promise<Table> {
  const limits = options.limits ?? CLI_READ_LIMITS;
  const input = await prepareInput(path, limits, options.displayName ?? path);
  try {
    return await readPrepared(input.readPath, options.displayName ?? path, input.sniff, options, limits);
  } catch (e) {
    // The encoding is sniffed from the first 64 KiB: a Latin-1 accent further down makes DuckDB's UTF-8 reader fail.
    if (input.sniff.format === 'csv' && input.sniff.encoding === 'utf-8' && e instanceof NotUtf8) {
      return await readPrepared(input.readPath, options.displayName ?? path, { ...input.sniff, encoding: 'latin-1' }, options, limits);
    }
    throw e;
  } finally {
    input.cleanup();
  }
}

/** Reads `file` (the path DuckDB opens) named `path` in messages and in the table's source. */
async function readPrepared(file: string, path: string, sniff: FileSniff, options: ReadTableOptions, limits: ReadLimits): Promise<Table> {
  const missing = options.missingValues ?? DEFAULT_MISSING;
  return withDuckDB(async (conn) => {
    let source: SourceInfo;
    let from: string;
    let fromText = '';
    let csv: CsvPlan | undefined;
    if (sniff.format === 'csv') {
      csv = await planCsv(conn, file, path, sniff, missing);
      ({ source, fromText } = csv);
      from = csv.pinned(csv.names, csv.types);
    } else if (sniff.format === 'parquet') {
      source = { path, format: 'parquet' };
      from = `read_parquet(${quoteLiteral(file)})`;
    } else {
      source = { path, format: 'json' };
      from = `read_json(${quoteLiteral(file)}, sample_size=-1)`;
    }
    const described = csv ? [] : await run(conn, `DESCRIBE SELECT * FROM ${from}`, path);
    const names = csv ? [...csv.names] : described.map((r) => String(r['column_name']));
    const types = csv ? [...csv.types] : described.map((r) => String(r['column_type']));
    if (names.length > limits.maxColumns) {
      throw tooManyColumns(path, names.length, limits.maxColumns);
    }
    if (sniff.format !== 'csv') checkDuplicates(names, path);
    if (sniff.format === 'csv') {
      if (names.length === 1) checkRagged(path, sniff);
      // Columns DuckDB typed as numbers but holding a cell outside the number grammar are read as text.
      const offGrammar = await numbersOffGrammar(conn, path, fromText, source.decimalComma === true, names, types);
      for (const j of offGrammar) types[j] = 'VARCHAR';
      if (offGrammar.length) from = csv!.pinned(names, types);
    }
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
    const textColumns = builders.filter((b) => b instanceof TextBuilder).length;
    let rowCount = 0;
    try {
      const result = await conn.stream(`SELECT ${selects.join(', ')} FROM ${from}`);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        builders.forEach((b, j) => b.append(chunk.getColumnValues(j) as unknown[], rowCount));
        rowCount += chunk.rowCount;
        if (rowCount * names.length > limits.maxCells) throw new CellLimit(`more than ${countText(limits.maxCells)} cells (rows × columns)`);
        if (rowCount * textColumns > limits.maxTextCells) throw new CellLimit(`more than ${countText(limits.maxTextCells)} text cells (rows × text columns)`);
      }
    } catch (e) {
      if (e instanceof CellLimit) {
        throw new DataError(
          `${path} has ${e.message}; keep fewer rows or columns${limits === CLI_READ_LIMITS ? '' : ', or use the command line (segmenta run), which has no such limit'}`,
        );
      }
      throw readError(path, e);
    }
    if (rowCount === 0) throw new DataError(`${path} has a header but no data rows; add customer rows`);
    const columns = names.map((name, j) => builders[j]!.finish(name, types[j]!));
    return { rowCount, columns, source };
  });
}

class CellLimit extends Error {}

/**
 * The columns DuckDB typed as numbers that hold a cell outside `NUMBER_GRAMMAR` (read again as text, so
 * the usual "text among numbers" rule names the cell). One extra scan of the file, as text.
 */
async function numbersOffGrammar(
  conn: DuckDBConnection,
  path: string,
  textFrom: string,
  decimalComma: boolean,
  names: readonly string[],
  types: readonly string[],
): Promise<number[]> {
  const numeric = names.map((_, j) => j).filter((j) => NUMERIC_TYPES.test(types[j]!));
  if (numeric.length === 0) return [];
  const grammar = decimalComma ? `(${NUMBER_GRAMMAR})|\\s*${DECIMAL_COMMA.source.slice(1, -1)}\\s*` : NUMBER_GRAMMAR;
  const checks = numeric.map((j, i) => `bool_or(NOT regexp_full_match(${quoteIdent(names[j]!)}, ${quoteLiteral(grammar)})) AS c${i}`);
  const res = (await run(conn, `SELECT ${checks.join(', ')} FROM ${textFrom}`, path))[0] ?? {};
  return numeric.filter((_, i) => res[`c${i}`] === true);
}

/**
 * A CSV read as one column although its header has delimiters: rows with different numbers of fields made
 * DuckDB's sniffer give up. Names the first line whose field count differs from the header's.
 */
function checkRagged(path: string, sniff: FileSniff): void {
  const lines = sniff.head.split(/\r?\n/);
  const header = lines[0] ?? '';
  const width = (line: string, d: string): number => splitDelimitedLine(line, d, '"').length;
  const delimiter = [',', ';', '\t', '|'].map((d) => ({ d, n: width(header, d) })).sort((a, b) => b.n - a.n)[0]!;
  if (delimiter.n < 2) return;
  const bad = lines.slice(1, -1).findIndex((l) => l.trim() !== '' && width(l, delimiter.d) !== delimiter.n);
  const where =
    bad >= 0
      ? `line ${bad + 2} has ${width(lines[bad + 1]!, delimiter.d)} fields where the header has ${delimiter.n}`
      : `its rows do not all have the header's ${delimiter.n} fields`;
  throw new DataError(`${path}: ${where} (delimiter "${delimiter.d === '\t' ? '\\t' : delimiter.d}"); make every row have the same number of fields`);
}

/**
 * How a CSV is read: its source description, the text-only reader (`fromText`), the columns and types DuckDB
 * found on the whole file, and `pinned`, the reader with that dialect and those types written out (no
 * second sniff of the whole file: that sniff costs as much as reading it).
 */
interface CsvPlan {
  readonly source: SourceInfo;
  readonly fromText: string;
  readonly names: readonly string[];
  readonly types: readonly string[];
  pinned(names: readonly string[], types: readonly string[]): string;
}

async function planCsv(conn: DuckDBConnection, file: string, path: string, sniff: FileSniff, missing: readonly string[]): Promise<CsvPlan> {
  const enc = `encoding=${quoteLiteral(sniff.encoding)}`;
  const sniffed = await run(conn, `SELECT Delimiter, Quote, HasHeader FROM sniff_csv(${quoteLiteral(file)}, ${enc}, sample_size=20480)`, path);
  const row = sniffed[0] ?? {};
  const delimiter = String(row['Delimiter'] ?? ',');
  const quote = String(row['Quote'] ?? '"');
  const header = row['HasHeader'] === true;
  const firstLineText = sniff.head.split(/\r?\n/, 1)[0] ?? '';
  if (header) checkDuplicates(splitDelimitedLine(firstLineText, delimiter, quote === '(empty)' ? '' : quote), path);
  const nullstr = `nullstr=[${missing.map(quoteLiteral).join(', ')}]`;
  // No BOOLEAN candidate: "Yes"/"No" columns stay text (categories, written back as read), not 1/0.
  const types = `auto_type_candidates=['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'VARCHAR']`;
  const options = `${enc}, delim=${quoteLiteral(delimiter)}, header=${header}, ${nullstr}`;
  const from = `read_csv(${quoteLiteral(file)}, ${options}, ${types}, sample_size=-1)`;
  let decimalComma = false;
  if (delimiter !== ',') {
    const described = await run(conn, `DESCRIBE SELECT * FROM ${from}`, path);
    const textCols = described.filter((r) => r['column_type'] === 'VARCHAR').map((r) => String(r['column_name']));
    if (textCols.length > 0) {
      const checks = textCols.map(
        // A comma somewhere: zero-padded ids ("00004") match the grammar too, but hold no decimal comma.
        (c) =>
          `bool_and(regexp_full_match(${quoteIdent(c)}, ${quoteLiteral(DECIMAL_COMMA.source.slice(1, -1))})) AND bool_or(contains(${quoteIdent(c)}, ',')) AND count(${quoteIdent(c)}) > 0`,
      );
      const res = await run(conn, `SELECT ${checks.map((c, i) => `${c} AS c${i}`).join(', ')} FROM ${from}`, path);
      decimalComma = Object.values(res[0] ?? {}).some((v) => v === true) && textCols.length > 0;
    }
  }
  const fromText = `read_csv(${quoteLiteral(file)}, ${options}, all_varchar=true)`;
  const decimal = decimalComma ? `, decimal_separator=',', thousands='.'` : '';
  // The whole-file sniff, once: the dialect and types it settles on are then given to every later read.
  const found = (await run(conn, `SELECT * FROM sniff_csv(${quoteLiteral(file)}, ${options}, ${types}, sample_size=-1${decimal})`, path))[0] ?? {};
  const columns = found['Columns'] as { name: string; type: string }[];
  const text = (key: string): string => {
    const v = found[key];
    return v === null || v === undefined || v === '(empty)' ? '' : String(v);
  };
  const formats = ['DateFormat', 'TimestampFormat'].map((key, i) => (text(key) ? `, ${['dateformat', 'timestampformat'][i]}=${quoteLiteral(text(key))}` : ''));
  const dialect =
    `auto_detect=false, quote=${quoteLiteral(text('Quote'))}, escape=${quoteLiteral(text('Escape'))}, new_line=${quoteLiteral(text('NewLineDelimiter'))}, ` +
    `skip=${Number(found['SkipRows'] ?? 0)}, comment=${quoteLiteral(text('Comment'))}${formats.join('')}`;
  return {
    source: { path, format: 'csv', delimiter, decimalComma, encoding: sniff.encoding, header },
    fromText,
    names: columns.map((c) => c.name),
    types: columns.map((c) => c.type),
    pinned: (names, colTypes) =>
      `read_csv(${quoteLiteral(file)}, ${options}${decimal}, ${dialect}, columns={${names.map((n, j) => `${quoteLiteral(n)}: ${quoteLiteral(colTypes[j]!)}`).join(', ')}})`,
  };
}

async function run(conn: DuckDBConnection, sql: string, path: string): Promise<Record<string, unknown>[]> {
  try {
    const reader = await conn.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } catch (e) {
    throw readError(path, e);
  }
}

/** DuckDB found bytes that are not UTF-8 past the sniffed head. */
class NotUtf8 extends DataError {}

/** The DataError for a DuckDB failure on the file: one line of its message (NotUtf8 for an encoding error). */
function readError(path: string, e: unknown): DataError {
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
