/**
 * A progress reporter for long steps: draws "stage  done/total" on stderr when stderr is a terminal and
 * does nothing otherwise (so pipes, CI and --json output stay clean).
 */
export function progressReporter(enabled = process.stderr.isTTY === true): (stage: string, done: number, total: number) => void {
  if (!enabled) return () => undefined;
  return (stage, done, total) => {
    const width = 24,
      filled = Math.round((done / Math.max(total, 1)) * width);
    process.stderr.write(`\r${stage.padEnd(20)} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
    if (done >= total) process.stderr.write('\r\x1b[K');
  };
}
