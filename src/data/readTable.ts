import type { DuckDBConnection } from '@duckdb/node-api';
import { DataError } from '../util/errors.js';
import { quoteIdent, quoteLiteral, withDuckDB } from './duckdb.js';
import { prepareInput } from './prepareInput.js';
import { CLI_READ_LIMITS, tooManyColumns, type ReadLimits } from './readLimits.js';
import type { FileSniff } from './sniffFile.js';
import { splitDelimitedLine } from './splitDelimitedLine.js';
import type { Table } from './table.js';
import { DATE_TYPES, NUMBER_GRAMMAR, NumberBuilder, TextBuilder } from './columnBuilders.js';
import { countText } from '../util/formatNumber.js';
import { doubleChunk } from './doubleVector.js';
import { DECIMAL_COMMA, planCsv, type CsvPlan, type ReaderColumns } from './csvPlan.js';
import { checkDuplicates, NotUtf8, queryFile, readError } from './fileQuery.js';

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
    if (sniff.format !== 'csv') {
      const from = sniff.format === 'parquet' ? `read_parquet(${quoteLiteral(file)})` : `read_json(${quoteLiteral(file)}, sample_size=-1)`;
      const described = await queryFile(conn, `DESCRIBE SELECT * FROM ${from}`, path);
      const names = described.map((r) => String(r['column_name']));
      if (names.length > limits.maxColumns) throw tooManyColumns(path, names.length, limits.maxColumns);
      checkDuplicates(names, path);
      const types = described.map((r) => String(r['column_type']));
      // Parquet knows its row count from its footer (no scan): number columns are then allocated once.
      const rows = sniff.format === 'parquet' ? Number((await queryFile(conn, `SELECT count(*) AS n FROM ${from}`, path))[0]?.['n']) : undefined;
      return streamTable(conn, { from, names, types, source: { path, format: sniff.format }, rows }, limits);
    }
    const plan = await planCsv(conn, file, path, sniff, missing, false);
    try {
      return await readCsv(conn, plan, limits, sniff);
    } catch (e) {
      // A provisional plan (first rows only) that a later row contradicts: plan again on the whole file.
      if (plan.provisional && e instanceof EngineFailed && !(e.error instanceof NotUtf8)) {
        return await readCsv(conn, await planCsv(conn, file, path, sniff, missing, true), limits, sniff);
      }
      throw e instanceof EngineFailed ? e.error : e;
    }
  });
}

/** A CSV read with its plan; the columns DuckDB typed as numbers but holding text out of the number grammar read as text. */
async function readCsv(conn: DuckDBConnection, plan: CsvPlan, limits: ReadLimits, sniff: FileSniff): Promise<Table> {
  const path = plan.source.path;
  const names = [...plan.names];
  const types = [...plan.types];
  if (names.length > limits.maxColumns) throw tooManyColumns(path, names.length, limits.maxColumns);
  if (names.length === 1) checkRagged(path, sniff);
  if (plan.numbersInGrammar) {
    const rows = plan.lines === undefined ? undefined : plan.lines + 1;
    const table = await streamTable(conn, { from: plan.pinned(names, types), names, types, source: plan.source, rows, countRows: true }, limits);
    // Only a cell read as NaN or ±Infinity may be out of the grammar here ("nan" is in it, "nAn" is not).
    if (!table.columns.some((c) => c.kind === 'number' && c.invalid !== undefined && c.invalid.reason === undefined)) return table;
  }
  // Columns DuckDB typed as numbers but holding a cell outside the number grammar are read as text.
  const { offGrammar, rows } = await numbersOffGrammar(conn, path, plan.fromText, plan.source.decimalComma === true, names, types);
  for (const j of offGrammar) types[j] = 'VARCHAR';
  return streamTable(conn, { from: plan.pinned(names, types), names, types, source: plan.source, rows, countRows: true }, limits);
}

/** What to stream into a Table: the reader, its columns and their DuckDB types, and the row count when known. */
interface StreamPlan extends ReaderColumns {
  readonly from: string;
  readonly rows?: number;
  /**
   * Count the reader's rows afterwards and fail (EngineFailed) when fewer came: a DuckDB stream that fails
   * part-way (a cell its type refuses, bytes that are not UTF-8) ends as if the data had ended, and the
   * Node API does not expose its error.
   */
  readonly countRows?: boolean;
}

/**
 * Streams a reader chunk by chunk into typed arrays, so large files never exist as JS arrays of boxed values.
 * A DuckDB failure is thrown as EngineFailed (holding the DataError to show); the limits as DataError.
 */
async function streamTable(conn: DuckDBConnection, plan: StreamPlan, limits: ReadLimits): Promise<Table> {
  const { names, types, source } = plan;
  const path = source.path;
  if (names.length === 0) throw new DataError(`${path} has no columns; give a file with a header row and data rows`);
  const selects = names.map((name, j) => {
    const t = types[j]!;
    const q = quoteIdent(name);
    if (NUMERIC_TYPES.test(t)) return `CAST(${q} AS DOUBLE)`;
    if (DATE_TYPES.test(t)) return t === 'DATE' ? `strftime(${q}, '%Y-%m-%d')` : `strftime(${q}, '%Y-%m-%d %H:%M:%S')`;
    return `CAST(${q} AS VARCHAR)`;
  });
  // The size hint never beyond what the limits let in: a file's own count (a Parquet footer, a file of blank
  // lines) must not allocate what the read would refuse.
  const rows = plan.rows === undefined ? undefined : Math.min(plan.rows, Math.ceil(limits.maxCells / names.length) + 1);
  const builders = types.map((t) => (NUMERIC_TYPES.test(t) ? new NumberBuilder(rows) : new TextBuilder()));
  const textColumns = builders.filter((b) => b instanceof TextBuilder).length;
  let rowCount = 0;
  try {
    const result = await conn.stream(`SELECT ${selects.join(', ')} FROM ${plan.from}`);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      builders.forEach((b, j) =>
        b instanceof NumberBuilder ? b.appendDoubles(doubleChunk(chunk, j), rowCount) : b.append(chunk.getColumnValues(j) as unknown[]),
      );
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
    throw new EngineFailed(readError(path, e));
  }
  if (plan.countRows) {
    const counted = Number((await queryFile(conn, `SELECT count(*) AS n FROM ${plan.from}`, path))[0]?.['n']);
    if (counted !== rowCount)
      throw new EngineFailed(new DataError(`${path}: cannot be read as a table: the read stopped after ${countText(rowCount)} of ${countText(counted)} rows`));
  }
  if (rowCount === 0) throw new DataError(`${path} has a header but no data rows; add customer rows`);
  const columns = names.map((name, j) => builders[j]!.finish(name, types[j]!));
  return { rowCount, columns, source };
}

/** DuckDB failed while streaming the file; `error` is what the user is shown. */
class EngineFailed extends Error {
  constructor(readonly error: DataError) {
    super(error.message);
  }
}

class CellLimit extends Error {}

/**
 * The columns DuckDB typed as numbers that hold a cell outside `NUMBER_GRAMMAR` (read again as text, so
 * the usual "text among numbers" rule names the cell), and the file's row count. One extra scan of the file, as text.
 */
async function numbersOffGrammar(
  conn: DuckDBConnection,
  path: string,
  textFrom: string,
  decimalComma: boolean,
  names: readonly string[],
  types: readonly string[],
): Promise<{ offGrammar: number[]; rows?: number }> {
  const numeric = names.map((_, j) => j).filter((j) => NUMERIC_TYPES.test(types[j]!));
  if (numeric.length === 0) return { offGrammar: [] };
  const grammar = decimalComma ? `(${NUMBER_GRAMMAR})|\\s*${DECIMAL_COMMA.source.slice(1, -1)}\\s*` : NUMBER_GRAMMAR;
  const checks = numeric.map((j, i) => `bool_or(NOT regexp_full_match(${quoteIdent(names[j]!)}, ${quoteLiteral(grammar)})) AS c${i}`);
  const res = (await queryFile(conn, `SELECT count(*) AS n, ${checks.join(', ')} FROM ${textFrom}`, path))[0] ?? {};
  return { offGrammar: numeric.filter((_, i) => res[`c${i}`] === true), rows: Number(res['n']) };
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
