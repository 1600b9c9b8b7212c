import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes several files into a folder so that none is ever half-written: each goes to a hidden temporary
 * file beside its destination first, and only when all are written are they renamed into place (a
 * rename is atomic on one file system). Names may contain sub-folders ("charts/elbow.png"). On failure
 * the temporary files are removed and the error is rethrown. Creates the folders.
 */
export function writeFilesAtomically(dir: string, files: ReadonlyArray<{ name: string; content: string | Uint8Array }>): string[] {
  const staged: Array<{ tmp: string; final: string }> = [];
  try {
    for (const f of files) {
      const final = join(dir, f.name);
      mkdirSync(dirname(final), { recursive: true });
      const tmp = join(dirname(final), `.${basename(final)}.${process.pid}.tmp`);
      writeFileSync(tmp, f.content);
      staged.push({ tmp, final });
    }
    for (const s of staged) renameSync(s.tmp, s.final);
  } catch (e) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw e;
  }
  return staged.map((s) => s.final);
}
