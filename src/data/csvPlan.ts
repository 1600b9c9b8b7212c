import { closeSync, openSync, readSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral } from './duckdb.js';
import { checkDuplicates, queryFile } from './fileQuery.js';
import type { FileSniff } from './sniffFile.js';
import { splitDelimitedLine } from './splitDelimitedLine.js';
import type { SourceInfo } from './table.js';

/** A number written with a decimal comma (and dots between thousands). */
export const DECIMAL_COMMA = /^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$/;

/** Bytes after which a later row may read with another quoting or line end than the first rows: " ' CR. */
const QUOTES_AND_CR = [0x22, 0x27, 0x0d];

/**
 * The bytes of the only cells DuckDB reads as DOUBLE outside `NUMBER_GRAMMAR`, besides nan/inf spelled in
 * mixed case (which read as NaN/±Infinity): digit separators "1_000" and a doubled sign "+-1" (found by
 * test/data/duckdbNumbers.test.ts over every text of up to 3 characters and 200,000 longer ones).
 */
const NUMBER_EXTENSIONS = [0x5f, 0x2b];

/** The rows DuckDB's first sniff reads, and a provisional plan's. */
const SAMPLE_ROWS = 20480;

/** A reader's source and its columns' names and DuckDB types. */
export interface ReaderColumns {
  readonly source: SourceInfo;
  readonly names: readonly string[];
  readonly types: readonly string[];
}

/**
 * How a CSV is read: its source description, the text-only reader (`fromText`), the columns and types DuckDB
 * found, and `pinned`, the reader with that dialect and those types written out (no second sniff of the
 * whole file: that sniff costs as much as reading it).
 */
export interface CsvPlan extends ReaderColumns {
  readonly fromText: string;
  /**
   * The dialect and types come from the first rows only (see `planCsv`): they are what the whole file's sniff
   * gives if and only if the pinned read succeeds; when it fails, plan again with `wholeFile`.
   */
  readonly provisional: boolean;
  /**
   * A provisional plan of a file without "_" or "+": a cell its DOUBLE columns read is in `NUMBER_GRAMMAR`
   * unless it reads as NaN or ±Infinity (see `NUMBER_EXTENSIONS`), so the grammar scan can wait for one.
   */
  readonly numbersInGrammar?: boolean;
  /** A provisional plan's count of line feeds: about the rows (a size hint). */
  readonly lines?: number;
  pinned(names: readonly string[], types: readonly string[]): string;
}

/**
 * Plans the read of a CSV: delimiter, quote and header from DuckDB's sniff of the first rows, a decimal comma
 * checked on the whole file (other delimiters than the comma), then the dialect and column types of the whole
 * file — or, unless `wholeFile`, of the first rows when that is provably the same answer, which saves a
 * single-threaded pass over the file (1.4 of a million-row file's 4 s of reading): a comma-separated,
 * uncompressed file without any quote character (" or ') or CR (one byte scan), so no later row can change
 * the quoting or line ends; its numbers pinned as DOUBLE (what they are read as), so a later row that is not one fails
 * the read, as does a date in another format, and the caller plans again on the whole file.
 */
export async function planCsv(
  conn: DuckDBConnection,
  file: string,
  path: string,
  sniff: FileSniff,
  missing: readonly string[],
  wholeFile: boolean,
): Promise<CsvPlan> {
  const enc = `encoding=${quoteLiteral(sniff.encoding)}`;
  const row =
    (await queryFile(conn, `SELECT Delimiter, Quote, HasHeader FROM sniff_csv(${quoteLiteral(file)}, ${enc}, sample_size=${SAMPLE_ROWS})`, path))[0] ?? {};
  const delimiter = String(row['Delimiter'] ?? ',');
  const quote = String(row['Quote'] ?? '"');
  const header = row['HasHeader'] === true;
  const firstLineText = sniff.head.split(/\r?\n/, 1)[0] ?? '';
  if (header) checkDuplicates(splitDelimitedLine(firstLineText, delimiter, quote === '(empty)' ? '' : quote), path);
  const nullstr = `nullstr=[${missing.map(quoteLiteral).join(', ')}]`;
  // No BOOLEAN candidate: "Yes"/"No" columns stay text (categories, written back as read), not 1/0.
  const types = `auto_type_candidates=['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'VARCHAR']`;
  const options = `${enc}, delim=${quoteLiteral(delimiter)}, header=${header}, ${nullstr}`;
  const decimalComma = delimiter !== ',' && (await hasDecimalComma(conn, `read_csv(${quoteLiteral(file)}, ${options}, ${types}, sample_size=-1)`, path));
  const decimal = decimalComma ? `, decimal_separator=',', thousands='.'` : '';
  const scan = !wholeFile && delimiter === ',' && !sniff.gzip ? scanFileBytes(file, [...QUOTES_AND_CR, ...NUMBER_EXTENSIONS]) : undefined;
  const provisional = scan !== undefined && !QUOTES_AND_CR.some((b) => scan.present.has(b));
  // The sniff, once: the dialect and types it settles on are then given to every later read.
  const sample = provisional ? SAMPLE_ROWS : -1;
  const found = (await queryFile(conn, `SELECT * FROM sniff_csv(${quoteLiteral(file)}, ${options}, ${types}, sample_size=${sample}${decimal})`, path))[0] ?? {};
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
    fromText: `read_csv(${quoteLiteral(file)}, ${options}, all_varchar=true)`,
    names: columns.map((c) => c.name),
    // BIGINT accepts "3.0", which makes the whole file's sniff say DOUBLE: pinned as DOUBLE, both read 3.
    types: columns.map((c) => (provisional && (c.type === 'BIGINT' || c.type === 'DOUBLE') ? 'DOUBLE' : c.type)),
    provisional,
    ...(provisional ? { numbersInGrammar: !NUMBER_EXTENSIONS.some((b) => scan.present.has(b)), lines: scan.lineFeeds } : {}),
    pinned: (names, colTypes) =>
      `read_csv(${quoteLiteral(file)}, ${options}${decimal}, ${dialect}, columns={${names.map((n, j) => `${quoteLiteral(n)}: ${quoteLiteral(colTypes[j]!)}`).join(', ')}})`,
  };
}

/** True when some text column of `from` holds only numbers written with a decimal comma (and some comma). */
async function hasDecimalComma(conn: DuckDBConnection, from: string, path: string): Promise<boolean> {
  const described = await queryFile(conn, `DESCRIBE SELECT * FROM ${from}`, path);
  const textCols = described.filter((r) => r['column_type'] === 'VARCHAR').map((r) => String(r['column_name']));
  if (textCols.length === 0) return false;
  const checks = textCols.map(
    // A comma somewhere: zero-padded ids ("00004") match the grammar too, but hold no decimal comma.
    (c) =>
      `bool_and(regexp_full_match(${quoteIdent(c)}, ${quoteLiteral(DECIMAL_COMMA.source.slice(1, -1))})) AND bool_or(contains(${quoteIdent(c)}, ',')) AND count(${quoteIdent(c)}) > 0`,
  );
  const res = await queryFile(conn, `SELECT ${checks.map((c, i) => `${c} AS c${i}`).join(', ')} FROM ${from}`, path);
  return Object.values(res[0] ?? {}).some((v) => v === true);
}

/** What a byte scan of a file found: which of the bytes asked for it holds, and its line feeds. */
export interface FileBytes {
  readonly present: ReadonlySet<number>;
  readonly lineFeeds: number;
}

/** Scans a file for `bytes` and counts its line feeds, in 4 MiB blocks (native byte searches): O(file size). */
export function scanFileBytes(file: string, bytes: readonly number[]): FileBytes {
  const block = Buffer.allocUnsafe(4 << 20);
  const present = new Set<number>();
  let lineFeeds = 0;
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const n = readSync(fd, block, 0, block.length, null);
      if (n === 0) return { present, lineFeeds };
      const view = n === block.length ? block : block.subarray(0, n);
      for (const b of bytes) if (!present.has(b) && view.indexOf(b) >= 0) present.add(b);
      for (let at = view.indexOf(10); at >= 0; at = view.indexOf(10, at + 1)) lineFeeds++;
    }
  } finally {
    closeSync(fd);
  }
}
