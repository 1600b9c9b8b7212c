import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadBaseline } from '../baseline/loadBaseline.js';
import { withinSegment, type WithinSegment } from '../baseline/withinSegment.js';
import { migrationCsv, migrationOf } from '../output/migrationCsv.js';
import type { Table } from '../data/table.js';
import { readTable } from '../data/readTable.js';
import { csvCell } from '../output/csvText.js';
import { csvByteChunks } from '../output/byteLines.js';
import { pcaScore } from '../reduce/pca.js';
import { roundedText, segmentsCsvLines } from '../output/segmentsCsv.js';
import { placeWithModel } from '../stats/distancePercentile.js';
import { summaryJson } from '../output/summaryJson.js';
import { writeRunFolder, type RunIdentity } from '../output/runFolder.js';
import { profileTable } from '../profile/profileTable.js';
import { segment, type Segmentation } from '../pipeline/segment.js';
import { DataError, UsageError } from '../util/errors.js';
import { orderLogCommandsFromHeader, orderLogFromTable, orderLogMessage, type OrderLogCommands } from '../data/orderLogHint.js';
import { outFolder, readLimitsFrom, segmentOptionsFrom } from './options.js';
import { helpText, parseCommandFlags, type FlagValues } from './commandFlags.js';
import { runHelp } from './runFlags.js';
import { commandProgress, type Progress } from './progress.js';
import { runReport } from './runReport.js';
import { readableSummary } from './summaryText.js';
import { writeStdout } from '../util/terminalText.js';

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
  const table = await readTable(path, { limits: readLimitsFrom(values) }).catch(async (e: unknown) => {
    progress.end();
    // An order log often fails to read as customers (an invoice column with "C…" cancellations): say what to run.
    if (e instanceof DataError) refuseOrderLog(path, await orderLogCommandsFromHeader(path));
    throw e;
  });
  refuseOrderLog(path, orderLogFromTable(table, path));
  const within = values['within'] as string | undefined;
  if (within === undefined) await runOnTable(table, values, [], run, undefined, progress);
  else {
    if (values['baseline'] === undefined) throw new UsageError('run: --within SEGMENT needs --baseline MODEL, the run whose segment to re-segment');
    const parent = withinSegment(table, await loadBaseline(values['baseline'] as string), within);
    await runOnTable(parent.table, { ...values, baseline: undefined }, [], run, parent.within, progress);
  }
  return 0;
}

/** Segments an already-read table with run's flags, writes the outputs, prints the summary (progress on a terminal). */
export async function runOnTable(
  table: Table,
  values: FlagValues,
  extraFiles: Array<{ name: string; content: string | Iterable<string> }>,
  identity: RunIdentity,
  within?: WithinSegment,
  progress: Progress = commandProgress(values),
): Promise<Segmentation> {
  const baselinePath = values['baseline'] as string | undefined;
  const columnNames = table.columns.map((c) => c.name);
  const options = { ...segmentOptionsFrom(values, columnNames), ...(baselinePath !== undefined ? { baseline: await loadBaseline(baselinePath) } : {}) };
  const json = values['json'] === true,
    quiet = values['quiet'] === true;
  // The profile first: its temporary copies are gone before segmenting allocates the large arrays.
  progress('profiling the columns');
  const profile = profileTable(table);
  const profileText = JSON.stringify({ source: table.source, ...profile }, null, 2) + '\n';
  const segmented = segment(table, { ...options, onProgress: progress });
  const result: Segmentation = within ? { ...segmented, within } : segmented;
  const out = (values['out'] as string | undefined) ?? 'segmenta-out';
  const summary = summaryJson(result, table.source, options.seed ?? 0);
  const modelText = JSON.stringify(result.model, null, 2) + '\n';
  progress('writing the report');
  const report = await runReport(result, table, { summary, modelText, profile: profile.columns }, values);
  const files = [
    {
      name: 'segments.csv',
      content: segmentsCsvLines(
        table,
        result.key.column,
        result.keys,
        result.labels,
        result.distances,
        result.segments,
        result.probabilities,
        placeWithModel(result.model, result.labels, result.distances),
      ),
    },
    { name: 'summary.json', content: summary },
    { name: 'model.json', content: modelText },
    { name: 'profile.json', content: profileText },
    { name: 'pca.csv', content: pcaCsv(result) },
    ...(result.baseline ? [{ name: 'migration.csv', content: migrationCsv(migrationOf(result.baseline)) }] : []),
    ...extraFiles,
    ...report,
  ];
  progress(`writing ${out}`);
  const written = writeRunFolder(out, files, identity);
  progress.end();
  if (json) writeStdout(summary);
  else if (!quiet) console.log(readableSummary(result, table, written));
  return result;
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

function pcaCsv(result: Segmentation): Iterable<string | Uint8Array> {
  // Scores row by row from the matrix (the same figures as pca.coordinates, without its n × 3 copy).
  const x = result.matrix,
    dims = Math.min(3, result.pca.components.length);
  const header = [result.key.column ?? 'row', 'segment', ...Array.from({ length: dims }, (_, j) => `pc${j + 1}`)];
  const ids = result.segments.map((s) => `,${s.id}`);
  return csvByteChunks(header, result.keys.length, (sink, i) => {
    sink.text(csvCell(result.keys[i]!) + ids[result.labels[i]!]!);
    for (let j = 0; j < dims; j++) (sink.byte(44), sink.text(roundedText(pcaScore(result.pca, x, i, j)))); // ','
  });
}
