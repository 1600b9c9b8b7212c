import { basename, dirname, resolve } from 'node:path';

/**
 * A function that takes every server path out of a message before it reaches the browser: a path inside the
 * sessions' folder becomes "(upload)" whole (a session folder's name is its cookie), the start-up file its
 * bare name, and its folder disappears. O(message length).
 */
export function pathScrubber(sessionsRoot: string, startupFile?: string): (message: string) => string {
  const full = startupFile ? resolve(startupFile) : undefined;
  const inSessions = new RegExp(`${sessionsRoot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s"',;:)]*`, 'g');
  return (message) => {
    let m = message.replace(inSessions, '(upload)');
    if (startupFile && full)
      m = m
        .replaceAll(full, basename(full))
        .replaceAll(startupFile, basename(full))
        .replaceAll(dirname(full) + '/', '');
    return m;
  };
}
