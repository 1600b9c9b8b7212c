import { basename, dirname, resolve } from 'node:path';

/**
 * A function that takes every server path out of a message before it reaches the browser: the sessions'
 * folder becomes "(upload)", the start-up file its bare name, and its folder disappears. O(message length).
 */
export function pathScrubber(sessionsRoot: string, startupFile?: string): (message: string) => string {
  const full = startupFile ? resolve(startupFile) : undefined;
  return (message) => {
    let m = message.replaceAll(sessionsRoot, '(upload)');
    if (startupFile && full)
      m = m
        .replaceAll(full, basename(full))
        .replaceAll(startupFile, basename(full))
        .replaceAll(dirname(full) + '/', '');
    return m;
  };
}
