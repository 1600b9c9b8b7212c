import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DataError } from '../util/errors.js';

/** What the first bytes of a file say about how to read it. */
export interface FileSniff {
  readonly format: 'csv' | 'parquet' | 'json';
  readonly encoding: 'utf-8' | 'latin-1' | 'utf-16';
  /** The first lines as text (decompressed when gzipped), for header checks. */
  readonly head: string;
  /** The file is gzipped. */
  readonly gzip: boolean;
  /** UTF-16 with a big-endian byte-order mark (DuckDB reads UTF-16 as little-endian: transcoded first). */
  readonly bigEndian: boolean;
}

const HEAD_BYTES = 65536;

/**
 * Looks at a file's name and first 64 KiB to decide its format (CSV/TSV, Parquet, JSON/NDJSON, gzipped
 * text) and text encoding (UTF-8 with or without BOM, UTF-16 by BOM, else Latin-1 when the bytes are not
 * valid UTF-8). Refuses missing, empty and binary files with a one-line DataError naming the file.
 */
export function sniffFile(path: string, shown = path): FileSniff {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new DataError(`${shown} is a folder, not a data file; give a CSV/TSV, Parquet or JSON file`);
    size = st.size;
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(`file not found: ${shown} (check the path)`);
  }
  if (size === 0) throw new DataError(`${shown} is empty (0 bytes); give a file with a header row and data rows`);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new DataError(
      `cannot read ${shown}: ${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message}; check the file's permissions`,
    );
  }
  let bytes: Buffer;
  try {
    const buf = Buffer.alloc(Math.min(size, HEAD_BYTES));
    const read = readSync(fd, buf, 0, buf.length, 0);
    bytes = buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
  const lower = path.toLowerCase();
  if (bytes.subarray(0, 4).toString('latin1') === 'PAR1' || lower.endsWith('.parquet')) {
    if (bytes.subarray(0, 4).toString('latin1') !== 'PAR1') throw new DataError(`${shown} is not a valid Parquet file (no PAR1 header)`);
    return { format: 'parquet', encoding: 'utf-8', head: '', gzip: false, bigEndian: false };
  }
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (gzip) {
    try {
      bytes = gunzipSync(bytes, { finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a truncated stream */ }).subarray(0, HEAD_BYTES);
    } catch {
      throw new DataError(`${shown} looks gzipped but cannot be decompressed; check the file`);
    }
  }
  let encoding: FileSniff['encoding'] = 'utf-8';
  const bigEndian = bytes[0] === 0xfe && bytes[1] === 0xff;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || bigEndian) encoding = 'utf-16';
  else if (looksBinary(bytes)) {
    throw new DataError(`${shown} is not a text table (binary data found); give a CSV/TSV, Parquet or JSON file`);
  } else if (!isValidUtf8(bytes)) encoding = 'latin-1';
  const head =
    encoding === 'utf-16'
      ? bigEndian
        ? Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)))
            .swap16()
            .toString('utf16le')
        : bytes.subarray(2).toString('utf16le')
      : encoding === 'latin-1'
        ? bytes.toString('latin1')
        : bytes.toString('utf8').replace(/^\uFEFF/, '');
  const firstChar = head.trimStart()[0];
  const jsonByName = /\.(json|ndjson|jsonl)(\.gz)?$/.test(lower);
  const format = jsonByName || firstChar === '{' || firstChar === '[' ? 'json' : 'csv';
  return { format, encoding, head, gzip, bigEndian };
}

function looksBinary(bytes: Uint8Array): boolean {
  let control = 0;
  for (const b of bytes) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > bytes.length * 0.01;
}

/** True when the bytes are valid UTF-8 (a sequence cut at the end of the buffer is allowed). */
function isValidUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >> 5 === 6 ? 2 : b >> 4 === 14 ? 3 : b >> 3 === 30 ? 4 : 0;
    if (len === 0) return false;
    for (let k = 1; k < len; k++) {
      if (i + k >= n) return true;
      if (bytes[i + k]! >> 6 !== 2) return false;
    }
    i += len;
  }
  return true;
}
