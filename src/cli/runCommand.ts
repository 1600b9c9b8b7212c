import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readTable } from '../data/readTable.js';
import { DataError, UsageError } from '../util/errors.js';
import { orderLogCommandsFromHeader, orderLogFromTable, orderLogMessage, type OrderLogCommands } from '../data/orderLogHint.js';
import { outFolder, readLimitsFrom, segmentOptionsFrom } from './options.js';
import { helpText, parseCommandFlags, type FlagValues } from './commandFlags.js';
import { runHelp } from './runFlags.js';
import { commandProgress } from './progress.js';

/** `segmenta run FILE [options]`. Returns the exit code. */
export async function runCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandFlags(argv, runHelp(), 'run');
  if (values['help']) return (console.log(helpText(runHelp())), 0);
  if (values['db'] !== undefined) {
    if (positionals.length > 0) throw new UsageError(`run: give either a FILE or --db with --table, not both`);
    if (values['baseline'] !== undefined || values['within'] !== undefined)
      throw new UsageError(`run: --baseline and --within work with a data file for now, not with --db (compare two runs' folders with segmenta drift OLD NEW)`);
    // The engines' modules load only for --db (a file run needs none of them).
    const { runDatabase } = await import('./runDatabase.js');
    await runDatabase(values);
    return 0;
  }
  for (const flag of ['table', 'write-table', 'init'])
    if (values[flag] !== undefined) throw new UsageError(`run: --${flag} needs --db (the database the table is in)`);
  if (positionals.length !== 1) throw new UsageError(`run: give exactly one data file (segmenta run FILE [options]; see --help)`);
  segmentOptionsFrom(values); // every option value checked before any work (labels against the columns later)
  const { run } = outFolder(values, 'run', [positionals[0]!, ...baselineInputs(values)]);
  const path = positionals[0]!;
  const progress = commandProgress(values);
  progress(`reading ${path}`);
  const reading = readTable(path, { limits: readLimitsFrom(values) }).catch(async (e: unknown) => {
    progress.end();
    // An order log often fails to read as customers (an invoice column with "C…" cancellations): say what to run.
    if (e instanceof DataError) refuseOrderLog(path, await orderLogCommandsFromHeader(path));
    throw e;
  });
  // The segmenting modules load while DuckDB reads the file on its own threads.
  const segmenting = import('./runOnTable.js');
  segmenting.catch(() => undefined);
  const table = await reading;
  refuseOrderLog(path, orderLogFromTable(table, path));
  const { runOnTable, runWithinSegment } = await segmenting;
  const within = values['within'] as string | undefined;
  if (within === undefined) await runOnTable(table, values, [], run, undefined, progress);
  else await runWithinSegment(table, values, within, run, progress);
  return 0;
}

/** Refuses (exit 2) a file that looks like an order log, printing the rfm and clv commands that work on it. */
function refuseOrderLog(path: string, commands: OrderLogCommands | null): void {
  if (commands) throw new UsageError(orderLogMessage(path, commands));
}

/** The baseline's files (its model.json and the segments.csv beside it) as inputs of the run: --out may not overwrite them. */
export function baselineInputs(values: FlagValues): string[] {
  const path = values['baseline'] as string | undefined;
  if (path === undefined) return [];
  const model = existsSync(path) && statSync(path).isDirectory() ? join(path, 'model.json') : path;
  return [model, join(dirname(model), 'segments.csv')];
}
