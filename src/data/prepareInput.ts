import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { DataError } from '../util/errors.js';
import { whenInterrupted } from '../util/interruption.js';
import { CLI_READ_LIMITS, formatBytes, tooManyColumns, type ReadLimits } from './readLimits.js';
import { sniffFile, type FileSniff } from './sniffFile.js';

/** A data file checked and ready for DuckDB: the path to read (a transcoded copy when needed) and its sniff. */
export interface PreparedInput {
  readonly sniff: FileSniff;
  /** The file DuckDB reads: the original, a UTF-8 copy of a UTF-16 big-endian file, an LF copy of a CR-only one, a tab-separated copy of space-aligned text. */
  readonly readPath: string;
  /** Removes any temporary copy. */
  cleanup(): void;
}

/** How `prepareInput` may hand the file over. */
export interface PrepareOptions {
  /** The largest inflated copy of a gzipped CSV kept (default `INFLATED_COPY_MAX_BYTES`; 0: none). */
  readonly inflatedCopyMaxBytes?: number;
}

/**
 * Largest inflated copy of a gzipped CSV kept for DuckDB, which reads plain text on every thread but a gzip
 * stream on one, and sniffs it like the plain file (Online Retail, 48 MB inflated: DuckDB's load 1.1 → 0.5 s;
 * a 1M-row table 5.1 → 3.0 s). Beyond it DuckDB reads the gzip itself rather than a copy filling the disk.
 */
export const INFLATED_COPY_MAX_BYTES = 1 << 30;

/**
 * Checks a data file before DuckDB reads it: a gzipped file is inflated once in full, refusing a truncated
 * or damaged stream (DuckDB reads what it can and stops silently) and one that inflates past
 * `maxDecompressedBytes` (a "zip bomb"), and a CSV's text is kept for DuckDB (see `INFLATED_COPY_MAX_BYTES`);
 * the header's field count is held against `maxColumns`; UTF-16 big-endian text (which DuckDB reads as
 * little-endian) is transcoded to a temporary UTF-8 copy, text with CR-only line endings to a copy with LF,
 * and space-aligned columns to a tab-separated copy. O(file size) for gzip and the copies, O(1) otherwise.
 */
export async function prepareInput(path: string, limits: ReadLimits, shown = path, options: PrepareOptions = {}): Promise<PreparedInput> {
  const sniff = sniffFile(path, shown);
  // Old Mac line endings (CR only): DuckDB reads the whole file as one line.
  const crOnly = sniff.format === 'csv' && sniff.head.includes('\r') && !sniff.head.includes('\n');
  // Space-aligned columns (fixed-width text such as the CDNOW sample): DuckDB sees one column per line.
  const aligned = sniff.format === 'csv' && !sniff.bigEndian && !crOnly && isSpaceAligned(sniff.head);
  const converted = sniff.bigEndian || crOnly || aligned;
  // A converted copy is made from the file itself below: then the gzip check keeps no inflated text.
  const keepUpTo = sniff.format === 'csv' && !converted ? (options.inflatedCopyMaxBytes ?? INFLATED_COPY_MAX_BYTES) : 0;
  const inflated = sniff.gzip ? await checkGzip(path, limits, shown, keepUpTo) : undefined;
  if (sniff.format === 'csv')
    await removedOnFailure(
      () => inflated?.cleanup(),
      () => checkHeaderWidth(shown, sniff, limits.maxColumns),
    );
  if (!converted) return inflated ? { sniff: { ...sniff, gzip: false }, ...inflated } : { sniff, readPath: path, cleanup: () => undefined };
  const { dir, cleanup } = temporaryFolder('segmenta-copy-', `the converted copy of ${shown}`);
  const copy = join(dir, 'data.csv');
  await removedOnFailure(cleanup, () =>
    inflateChecked(path, limits, shown, { transform: sniff.bigEndian ? utf16beToUtf8() : aligned ? spacesToTabs() : crToLf(), into: createWriteStream(copy) }),
  );
  const head = crOnly ? sniff.head.replaceAll('\r', '\n') : aligned ? alignedToTabs(sniff.head) : sniff.head;
  return {
    sniff: { ...sniff, head, encoding: sniff.bigEndian ? 'utf-8' : sniff.encoding, bigEndian: false, gzip: false },
    readPath: copy,
    cleanup,
  };
}

/** Runs `work`; when it fails, runs `cleanup` (a temporary copy's removal) before passing the error on. */
async function removedOnFailure<T>(cleanup: () => void, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** A new temporary folder, removed by `cleanup` or, if the process is interrupted first, by the interruption handler. */
function temporaryFolder(prefix: string, what: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  const forget = whenInterrupted(what, remove);
  return { dir, cleanup: () => (forget(), remove()) };
}

/**
 * Inflates a gzipped file in full to check it (see `inflateChecked`); with `keepUpTo` > 0, into a temporary
 * file that is returned when the text stayed within that many bytes (else undefined, as with 0).
 */
async function checkGzip(path: string, limits: ReadLimits, shown: string, keepUpTo: number): Promise<{ readPath: string; cleanup(): void } | undefined> {
  if (keepUpTo <= 0) return void (await inflateChecked(path, limits, shown));
  const { dir, cleanup } = temporaryFolder('segmenta-inflated-', `the inflated copy of ${shown}`);
  const readPath = join(dir, 'data.csv');
  const into = fileUpTo(readPath, keepUpTo);
  await removedOnFailure(cleanup, () => inflateChecked(path, limits, shown, { into }));
  if (into.kept()) return { readPath, cleanup };
  cleanup();
  return undefined;
}

/**
 * A stream into a new file that stops writing (and removes the file) once more than `maxBytes` arrive or a
 * write fails, still taking every byte: `kept()` then answers false. Nothing is lost but the copy.
 */
function fileUpTo(to: string, maxBytes: number): Writable & { kept(): boolean } {
  let fd: number | undefined = openSync(to, 'w');
  let written = 0,
    dropped = false;
  const drop = (): void => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    dropped = true;
    rmSync(to, { force: true });
  };
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      written += chunk.length;
      if (fd !== undefined && written > maxBytes) drop();
      try {
        for (let at = 0; fd !== undefined && at < chunk.length;) at += writeSync(fd, chunk, at);
      } catch {
        drop();
      }
      done();
    },
    final(done) {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      done();
    },
    destroy(error, done) {
      if (fd !== undefined) drop();
      done(error);
    },
  });
  return Object.assign(stream, { kept: () => !dropped });
}

/**
 * Streams the file (through gunzip when gzipped) and counts the bytes; with `copy`, writes the bytes
 * (through `copy.transform` when given) into `copy.into`. Throws a DataError naming the file as `shown` for a
 * damaged stream or one past the limits' inflated size (the studio's advice has no command-line flag in it).
 */
async function inflateChecked(path: string, limits: ReadLimits, shown: string, copy?: { transform?: Transform; into: Writable }): Promise<void> {
  const maxBytes = limits.maxDecompressedBytes;
  let total = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      if (total > maxBytes) return done(new LimitError());
      done(null, chunk);
    },
  });
  const gz = await isGzip(path);
  try {
    const streams: NodeJS.ReadableStream[] = [createReadStream(path), ...(gz ? [createGunzip()] : []), count];
    const tail = copy ? [...(copy.transform ? [copy.transform] : []), copy.into] : [sink()];
    await (pipeline as unknown as (streams: unknown[]) => Promise<void>)([...streams, ...tail]);
  } catch (e) {
    if (e instanceof LimitError) {
      throw new DataError(
        `${shown} inflates to more than ${formatBytes(maxBytes)}; ${limits === CLI_READ_LIMITS ? 'if it is genuine, decompress it first' : 'this studio takes no more once decompressed: use a smaller file, or ask whoever runs it to raise its data limit'}`,
      );
    }
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_') || /unexpected end|incorrect header|invalid/i.test((e as Error).message)) {
      throw new DataError(`${shown} is a damaged or truncated gzip file (${(e as Error).message}); compress or download it again`);
    }
    throw new DataError(`cannot read ${shown}: ${(e as Error).message}`);
  }
}

class LimitError extends Error {}

async function isGzip(path: string): Promise<boolean> {
  for await (const chunk of createReadStream(path, { start: 0, end: 1 })) return (chunk as Buffer)[0] === 0x1f && (chunk as Buffer)[1] === 0x8b;
  return false;
}

function sink(): Writable {
  return new Writable({ write: (_c, _e, done) => done() });
}

/** UTF-16BE bytes (with BOM) to UTF-8 text, chunk by chunk (an odd byte carried to the next chunk). */
function utf16beToUtf8(): Transform {
  let carry: Buffer = Buffer.alloc(0);
  const decoder = new TextDecoder('utf-16be', { ignoreBOM: false });
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const all = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const even = all.length - (all.length % 2);
      carry = Buffer.from(all.subarray(even));
      done(null, Buffer.from(decoder.decode(all.subarray(0, even), { stream: true }), 'utf8'));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(carry), 'utf8'));
    },
  });
}

/**
 * True when the first lines hold no usual delimiter (, ; tab |) but split on runs of spaces into the same
 * number of fields (at least 2) on every line, and the columns are padded (some line has two spaces in a
 * row): space-aligned text. A one-column file of names with single spaces is not.
 */
export function isSpaceAligned(head: string): boolean {
  const lines = head
    .split(/\r?\n/)
    .slice(0, -1)
    .slice(0, 100)
    .filter((l) => l.trim() !== '');
  if (lines.length < 2 || lines.some((l) => /[,;\t|]/.test(l))) return false;
  const widths = new Set(lines.map((l) => l.trim().split(/ +/).length));
  return widths.size === 1 && !widths.has(1) && lines.some((l) => /\S {2,}\S/.test(l) || /^ +\S/.test(l));
}

/** Space-aligned text as tab-separated lines: each line trimmed, runs of spaces one tab, line ends LF. */
function alignedToTabs(text: string): string {
  return text
    .replace(/[^\S\r\n]*\r?\n[^\S\r\n]*/g, '\n')
    .replace(/^ +/, '')
    .replace(/ +$/, '')
    .replace(/ +/g, '\t');
}

/** `alignedToTabs` chunk by chunk (a partial last line carried to the next chunk). */
function spacesToTabs(): Transform {
  let carry = '';
  const decoder = new TextDecoder('utf-8');
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const text = carry + decoder.decode(chunk, { stream: true });
      const end = text.lastIndexOf('\n') + 1;
      carry = text.slice(end);
      done(null, Buffer.from(end ? alignedToTabs(text.slice(0, end)) : '', 'utf8'));
    },
    flush(done) {
      done(null, Buffer.from(alignedToTabs(carry + decoder.decode()), 'utf8'));
    },
  });
}

/** CR line endings to LF, chunk by chunk. */
function crToLf(): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const out = Buffer.from(chunk);
      for (let i = 0; i < out.length; i++) if (out[i] === 0x0d) out[i] = 0x0a;
      done(null, out);
    },
  });
}

/** Counts the header's fields (by the most frequent delimiter) and refuses more than `maxColumns`. */
function checkHeaderWidth(path: string, sniff: FileSniff, maxColumns: number): void {
  const header = sniff.head.split(/\r?\n/, 1)[0] ?? '';
  const widest = Math.max(...[',', ';', '\t', '|'].map((d) => header.split(d).length));
  if (widest > maxColumns) {
    throw tooManyColumns(path, widest, maxColumns);
  }
}
