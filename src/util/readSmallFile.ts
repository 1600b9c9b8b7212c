import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { DataError } from './errors.js';
import { countText } from './formatNumber.js';

/**
 * Reads a small input file a flag names (labels.json, a model, a token) as UTF-8, after checking that it is a
 * regular file of at most `maxBytes`: a device (`/dev/zero`), a FIFO or a folder is refused in one line naming
 * the flag (`shown`: the file as messages name it, default "--flag path"), before any byte is read, and a
 * file that grows while it is read is refused.
 * O(file size).
 */
export function readSmallFile(path: string, flag: string, what: string, maxBytes: number, shown = `${flag} ${path}`): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new DataError(`${shown}: cannot be read; give the path of ${what}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new DataError(`${shown}: not a regular file (a folder, device or pipe); give the path of ${what}`);
    if (st.size > maxBytes) throw new DataError(`${shown}: ${countText(st.size)} bytes, more than ${what} can be (${countText(maxBytes)})`);
    // One byte more than the size it claims: a file that grows while read is refused, not cut.
    const buf = Buffer.alloc(st.size + 1);
    let read = 0;
    for (let n; read < buf.length && (n = readSync(fd, buf, read, buf.length - read, null)) > 0;) read += n;
    if (read > st.size) throw new DataError(`${shown}: the file changed while it was read; try again`);
    return buf.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
