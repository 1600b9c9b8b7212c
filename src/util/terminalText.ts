/**
 * Text for a terminal (issue 30): control characters from data, labels or models must never act on it (ESC
 * sequences set window titles or clear the screen; C1 controls do the same on some terminals). `terminalSafe`
 * writes every control character but line feed and tab as a visible escape ("\u001b"); `hasControl` tells a
 * name or label that holds one, to refuse it where it is given.
 */

/** C0 controls but TAB and LF, DEL, C1 controls, and the Unicode line/paragraph separators and bidi overrides. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every control character written as `\uNNNN` — readable in a sentence, and a valid escape inside
 * a JSON string (JSON.stringify leaves C1 controls raw), so JSON printed to a terminal stays JSON. O(length).
 */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** True when `text` holds a control character that `terminalSafe` would escape (tab and line feed included). */
export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text) || /[\t\n]/.test(text);
}

/**
 * Makes the console safe for a terminal: every string `console.log`, `console.info`, `console.warn` and
 * `console.error` print goes through `terminalSafe` (the summary, tables, warnings and errors are built from
 * data). Idempotent. Raw writes (progress bars, JSON and CSV on stdout) are not touched.
 */
export function guardConsole(): void {
  if (guarded) return;
  guarded = true;
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => original(...args.map((a) => (typeof a === 'string' ? terminalSafe(a) : a)));
  }
}

let guarded = false;

/** Writes text to stdout, escaped when stdout is a terminal (a CSV or SQL printed for a pipe stays as it is). */
export function writeStdout(text: string): void {
  process.stdout.write(process.stdout.isTTY ? terminalSafe(text) : text);
}
