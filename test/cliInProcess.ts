import { Console } from 'node:console';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, type CliResult } from './helpers.js';

type Main = (argv: string[]) => Promise<number>;

/** The program `segmenta` runs. */
const MAIN_JS = join(ROOT, 'dist/cli/main.js');

let loaded: Promise<Main> | undefined;

/**
 * The built CLI's `main` (dist/cli/main.js): the compiled modules `segmenta` runs, not the sources (loaded
 * through the test runner's module loader, which rewrites only their imports). The console then writes to
 * process.stdout and process.stderr, as a program's does, so a run's output can be taken from there.
 */
function builtMain(): Promise<Main> {
  loaded ??= (async () => {
    const { main } = (await import(/* @vite-ignore */ pathToFileURL(MAIN_JS).href)) as { main: Main };
    globalThis.console = new Console({ stdout: process.stdout, stderr: process.stderr });
    return main;
  })();
  return loaded;
}

/** One run at a time: a run owns process.stdout, process.stderr, the working folder and the environment. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `segmenta ARGS` in this process, as `cli` does in a child process: the same exit code, stdout and
 * stderr (CI=true, working folder `cwd`), without a process start-up per call (~0.7 s of CPU on a Mall
 * run, and a cold JIT). Signal handlers a command installs are removed afterwards: Ctrl-C belongs to the test
 * runner. For what only a process shows (signals, start-up, threads, stdin), tests spawn `cli`.
 */
export function runCli(args: string[], cwd = ROOT): Promise<CliResult> {
  const run = queue.then(() => runNow(args, cwd));
  queue = run.catch(() => undefined);
  return run;
}

async function runNow(args: string[], cwd: string): Promise<CliResult> {
  const main = await builtMain();
  let stdout = '';
  let stderr = '';
  const write = process.stdout.write;
  const writeErr = process.stderr.write;
  const folder = process.cwd();
  const ci = process.env['CI'];
  const argv = process.argv;
  const listeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const take =
    (append: (text: string) => void) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (done) queueMicrotask(done);
      return true;
    };
  process.stdout.write = take((t) => (stdout += t)) as typeof process.stdout.write;
  process.stderr.write = take((t) => (stderr += t)) as typeof process.stderr.write;
  process.env['CI'] = 'true';
  // The report and the summary quote the command line as typed (process.argv).
  process.argv = [process.execPath, MAIN_JS, ...args];
  process.chdir(cwd);
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
    process.chdir(folder);
    process.argv = argv;
    if (ci === undefined) delete process.env['CI'];
    else process.env['CI'] = ci;
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      for (const l of process.listeners(signal)) if (!listeners[signal].includes(l)) process.removeListener(signal, l);
  }
}
