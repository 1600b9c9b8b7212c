/** A word as a POSIX shell reads it back: as is when it holds only safe characters, else in single quotes. O(length). */
export function shellWord(v: string): string {
  return /^[\w./:=,-]+$/.test(v) ? v : `'${v.replaceAll("'", "'\\''")}'`;
}
