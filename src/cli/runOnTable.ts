import { withinSegment, type WithinSegment } from '../baseline/withinSegment.js';
import { UsageError } from '../util/errors.js';
import { loadBaseline } from '../baseline/loadBaseline.js';
import { migrationCsv, migrationOf } from '../output/migrationCsv.js';
import type { Table } from '../data/table.js';
import { csvCell } from '../output/csvText.js';
import { csvByteChunks } from '../output/byteLines.js';
import { pcaScore } from '../reduce/pca.js';
import { roundedText, segmentsCsvLines } from '../output/segmentsCsv.js';
import { placeWithModel } from '../stats/distancePercentile.js';
import { summaryJson } from '../output/summaryJson.js';
import { writeRunFolder, type RunIdentity } from '../output/runFolder.js';
import { profileTable } from '../profile/profileTable.js';
import { segment, type Segmentation } from '../pipeline/segment.js';
import { segmentOptionsFrom } from './options.js';
import type { FlagValues } from './commandFlags.js';
import { commandProgress, type Progress } from './progress.js';
import { runReport } from './runReport.js';
import { readableSummary } from './summaryText.js';
import { writeStdout } from '../util/terminalText.js';

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

/** `run --within SEGMENT --baseline MODEL`: segments the baseline's segment SEGMENT of an already-read table again. */
export async function runWithinSegment(table: Table, values: FlagValues, within: string, identity: RunIdentity, progress: Progress): Promise<Segmentation> {
  if (values['baseline'] === undefined) throw new UsageError('run: --within SEGMENT needs --baseline MODEL, the run whose segment to re-segment');
  const parent = withinSegment(table, await loadBaseline(values['baseline'] as string), within);
  return runOnTable(parent.table, { ...values, baseline: undefined }, [], identity, parent.within, progress);
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
