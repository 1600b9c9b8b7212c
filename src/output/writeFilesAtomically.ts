import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes several files into a folder so that none is ever half-written: each goes to a hidden temporary
 * file beside its destination first, and only when all are written are they renamed into place (a
 * rename is atomic on one file system). Names may contain sub-folders ("charts/elbow.png"). Content may be
 * an iterable of text chunks, written in ~1 MB batches so huge files never exist as one string. On failure
 * the temporary files are removed and the error is rethrown. Creates the folders.
 */
export function writeFilesAtomically(dir: string, files: readonly OutputFile[]): string[] {
  const staged: Array<{ tmp: string; final: string }> = [];
  try {
    for (const f of files) {
      const final = join(dir, f.name);
      mkdirSync(dirname(final), { recursive: true });
      if (isStaged(f.content)) {
        staged.push({ tmp: f.content.staged, final });
        continue;
      }
      const tmp = stagingPath(final);
      staged.push({ tmp, final });
      if (typeof f.content === 'string' || f.content instanceof Uint8Array) writeFileSync(tmp, f.content);
      else writeChunks(tmp, f.content);
    }
    for (const s of staged) renameSync(s.tmp, s.final);
  } catch (e) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw e;
  }
  return staged.map((s) => s.final);
}

/**
 * One file to write: its name under the folder and its content (text, bytes, chunks of text or bytes — a bytes
 * chunk is written before the next is pulled, so it may be a reused buffer — or a staged file).
 */
export interface OutputFile {
  readonly name: string;
  readonly content: string | Uint8Array | Iterable<string | Uint8Array> | StagedFile;
}

/** A file already written in full beside its destination (at `stagingPath`), to be renamed with the others. */
export interface StagedFile {
  readonly staged: string;
}

/** Where a file is written before it is renamed into place: hidden, beside it, named by the process. */
function stagingPath(final: string): string {
  return join(dirname(final), `.${basename(final)}.${process.pid}.tmp`);
}

function isStaged(c: unknown): c is StagedFile {
  return typeof c === 'object' && c !== null && 'staged' in c;
}

function writeChunks(path: string, chunks: Iterable<string | Uint8Array>): void {
  const fd = openSync(path, 'w');
  try {
    // Chunks are encoded into one reusable 1 MiB buffer rather than joined into large strings: those live in
    // V8's large-object space until a full collection and swelled the heap by ~1 GB writing ten million rows.
    const buffer = Buffer.allocUnsafe(1 << 20);
    let used = 0;
    const flush = (): void => {
      for (let at = 0; at < used;) at += writeSync(fd, buffer, at, used - at);
      used = 0;
    };
    for (const chunk of chunks) {
      const text = typeof chunk === 'string';
      const most = text ? chunk.length * 3 : chunk.length; // UTF-8 bytes per UTF-16 unit, at most
      if (used + most > buffer.length) flush();
      if (most > buffer.length) {
        if (text) writeSync(fd, chunk);
        else for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at, chunk.length - at);
      } else if (text) used += buffer.write(chunk, used);
      else (buffer.set(chunk, used), (used += chunk.length));
    }
    flush();
  } finally {
    closeSync(fd);
  }
}
