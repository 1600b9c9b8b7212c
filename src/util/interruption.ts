/**
 * What a command that writes must undo when the user presses Ctrl-C (SIGINT) or the process is told to stop
 * (SIGTERM): its temporary tables and staging folders. Work registers a cleanup while it holds something
 * temporary and removes it when done (`whenInterrupted` returns the removal); the CLI installs the handler
 * once (`exitOnInterrupt`), which runs every pending cleanup, newest first, says what it removed in one line
 * and exits 130 (SIGINT) or 143 (SIGTERM). A second signal exits at once.
 */

/** One thing to undo: what it is, in words for the user, and how. */
interface Cleanup {
  readonly what: string;
  readonly run: () => Promise<void> | void;
}

const pending: Cleanup[] = [];
let interrupted: NodeJS.Signals | null = null;

/**
 * Registers `run` to undo `what` ("the temporary table segmenta_tmp_…") if the process is interrupted before
 * the returned function is called. O(1); the removal O(pending).
 */
export function whenInterrupted(what: string, run: () => Promise<void> | void): () => void {
  const cleanup: Cleanup = { what, run };
  pending.push(cleanup);
  return () => {
    const i = pending.indexOf(cleanup);
    if (i >= 0) pending.splice(i, 1);
  };
}

/** The signal that interrupted the process, or null: errors that follow an interruption are its echo, not news. */
export function interruptedBy(): NodeJS.Signals | null {
  return interrupted;
}

/** Cleanups may take this long in all before the process exits anyway (a database that does not answer). */
const CLEANUP_MS = 15_000;

/**
 * Installs the SIGINT/SIGTERM handler (once): runs every pending cleanup, newest first (at most 15 s in all),
 * writes one line ("segmenta: interrupted; removed …"), and exits 130 or 143. Returns nothing; idempotent.
 */
export function exitOnInterrupt(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  if (installed) return;
  installed = true;
  const handle = (signal: NodeJS.Signals): void => {
    const code = signal === 'SIGINT' ? 130 : 143;
    if (interrupted) process.exit(code);
    interrupted = signal;
    const todo = pending.splice(0).reverse();
    const removed: string[] = [];
    const failed: string[] = [];
    const all = (async () => {
      for (const c of todo) {
        try {
          await c.run();
          removed.push(c.what);
        } catch (e) {
          failed.push(`${c.what} (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
        }
      }
    })();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, CLEANUP_MS).unref());
    void Promise.race([all, timeout]).then(() => {
      const left = todo.filter((c) => !removed.includes(c.what) && !failed.some((f) => f.startsWith(c.what))).map((c) => c.what);
      const parts = [
        removed.length ? `removed ${removed.join(', ')}` : 'nothing was written',
        ...(failed.length || left.length ? [`could not remove ${[...failed, ...left].join(', ')}; remove it by hand`] : []),
      ];
      write(`segmenta: interrupted (${signal}); ${parts.join('; ')}`);
      process.exit(code);
    });
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}

let installed = false;
