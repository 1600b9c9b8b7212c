import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes several files into a folder so that none is ever half-written: each goes to a hidden temporary
 * file first, and only when all are written are they renamed into place (a rename is atomic on one file
 * system). On failure the temporary files are removed and the error is rethrown. Creates the folder.
 */
export function writeFilesAtomically(dir: string, files: ReadonlyArray<{ name: string; content: string | Uint8Array }>): string[] {
  mkdirSync(dir, { recursive: true });
  const staged: Array<{ tmp: string; final: string }> = [];
  try {
    for (const f of files) {
      const tmp = join(dir, `.${f.name}.${process.pid}.tmp`);
      writeFileSync(tmp, f.content);
      staged.push({ tmp, final: join(dir, f.name) });
    }
    for (const s of staged) renameSync(s.tmp, s.final);
  } catch (e) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw e;
  }
  return staged.map((s) => s.final);
}
