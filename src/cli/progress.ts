/** Progress of a command on stderr: call with a stage (and its done/total when counted), `end` before printing. */
export interface Progress {
  (stage: string, done?: number, total?: number): void;
  /** Clears the progress line (before the summary is printed). */
  end(): void;
}

/**
 * A progress reporter for a command's stages (reading, each stage of the work, writing): one line on stderr,
 * "[12.3 s] choosing k [#####     ] 4/9", redrawn at every report and every second the event loop is free,
 * when stderr is a terminal; nothing otherwise (pipes, CI and --json output stay clean).
 */
export function progressReporter(enabled = process.stderr.isTTY === true): Progress {
  if (!enabled) return Object.assign(() => undefined, { end: () => undefined });
  const start = performance.now();
  let line = '';
  const draw = (): void => void process.stderr.write(`\r\x1b[K${progressLine((performance.now() - start) / 1000, line)}`);
  const timer = setInterval(draw, 1000);
  timer.unref();
  const report = (stage: string, done = 0, total = 0): void => {
    line = total > 0 ? `${stage} ${bar(done, total)} ${done}/${total}` : `${stage}…`;
    draw();
  };
  return Object.assign(report, {
    end: () => {
      clearInterval(timer);
      process.stderr.write('\r\x1b[K');
    },
  });
}

/** A command's progress: on a terminal, unless --json or --quiet was given. */
export function commandProgress(values: Readonly<Record<string, unknown>>): Progress {
  return progressReporter(values['json'] !== true && values['quiet'] !== true && process.stderr.isTTY === true);
}

/** The progress line after `seconds`: "[12.3 s] stage…" (seconds to one decimal, whole from a minute up as "1 min 05 s"). */
export function progressLine(seconds: number, stage: string): string {
  const elapsed = seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${String(Math.floor(seconds % 60)).padStart(2, '0')} s`;
  return `[${elapsed}] ${stage}`;
}

/** A bar of 20 cells, filled by done/total. */
function bar(done: number, total: number): string {
  const width = 20;
  const filled = Math.min(width, Math.round((done / Math.max(total, 1)) * width));
  return `[${'#'.repeat(filled)}${' '.repeat(width - filled)}]`;
}
