import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadBaseline } from '../baseline/loadBaseline.js';
import { withinSegment, type WithinSegment } from '../baseline/withinSegment.js';
import { migrationCsv, migrationOf } from '../output/migrationCsv.js';
import type { Table } from '../data/table.js';
import { readTable } from '../data/readTable.js';
import { csvCell, csvLineChunks } from '../output/csvText.js';
import { pcaScore } from '../reduce/pca.js';
import { roundedText, segmentsCsvLines } from '../output/segmentsCsv.js';
import { placeWithModel } from '../stats/distancePercentile.js';
import { summaryJson } from '../output/summaryJson.js';
import { writeRunFolder, type RunIdentity } from '../output/runFolder.js';
import { profileTable } from '../profile/profileTable.js';
import { segment, type Segmentation } from '../pipeline/segment.js';
import type { SegmentaModel } from '../model/model.js';
import type { SummaryDocument } from '../output/summaryJson.js';
import { reportFiles } from '../report/reportFiles.js';
import { DataError, UsageError } from '../util/errors.js';
import { orderLogCommandsFromHeader, orderLogFromTable, orderLogMessage, type OrderLogCommands } from '../data/orderLogHint.js';
import { outFolder, parseFlags, readLimitsFrom, RUN_FLAGS, segmentOptionsFrom } from './options.js';
import { progressReporter } from './progress.js';
import { commandLine, readableSummary } from './summaryText.js';
import { runDatabase } from './runDatabase.js';
import { writeStdout } from '../util/terminalText.js';

export const RUN_HELP = `segmenta run FILE [options]
segmenta run --db URL --table NAME [--write-table NAME] [options]

Segments the customers in FILE (CSV/TSV, Parquet, JSON/NDJSON; gzipped too) and writes into --out:
segments.csv, summary.json, model.json, profile.json, pca.csv and report.html.

With --db the work runs inside the database and only a sample and the centres leave it:
  --db URL            postgres://user:password@host:port/database, or duckdb:path.db (duckdb: alone reads
                      a file given as --table, e.g. --table big.parquet)
  --table NAME        the table of customers (schema.table allowed)
  --write-table NAME  write key, segment, segment_name, distance of every customer into this table (replaced
                      at the end; without it they are streamed into DIR/segments.csv)
  --sample-size N     rows k is chosen on (default 200,000; larger tables then run k-means as SQL)
  --init sample|kmeans||[|both]   where the k-means in the database starts: the sample's best centres
                      (default), k-means|| seeds drawn in the database (12 more scans, for tables a sample
                      may not represent), or both, keeping the lower whole-table inertia

  --features a,b      feature columns (default: every usable column except identifiers)
  --exclude a,b       columns to leave out
  --categorical a,b   columns to treat as categories (codes such as Region 1/2/3); --numeric a,b: as numbers
  --categories C      context (default: categories and flags are described on every segment, not clustered
                      on) | features (one-hot into the distance, each weighing one numeric column)
  --labels FILE       labels.json: column → label (or {label, unit, better, levels}) for names and tables
  --id COL            the customer key column (default: detected)
  --method M          kmeans (default) | hierarchical | gmm | kprototypes | bisecting
  --linkage L         hierarchical: ward (default) | complete | average | single
  --covariance C      gmm: full (default) | diag
  --gamma G           kprototypes: weight of a categorical mismatch (default: Huang's heuristic)
  --k N|auto          number of segments (default auto: majority vote of six criteria; gmm: lowest BIC)
  --k-min N, --k-max N   range of k tried (default 2..10)
  --scale KIND        standard (default) | robust | minmax | none
  --log none|auto|a,b log1p of skewed non-negative columns (default none)
  --impute KIND       missing numbers get the median (default) or the mean
  --clip none|auto    auto: winsorize numbers at quartiles ∓ 3 × IQR before scaling (default none)
  --seed N            random seed (default 0); the same seed gives the same segments
  --n-init N|auto     k-means restarts (default auto: clamp(2e5/(n·k), 10, 100))
  --max-iter N        iterations per k-means run (default 300)
  --algorithm A       auto (default) | lloyd | hamerly | elkan
  --threads N         threads for k-means (default: SEGMENTA_THREADS, else every core); results do not change
  --stability B|off   bootstrap resamples for each segment's stability (default 20 for k-means; off)
  --baseline MODEL    a previous run's model.json (or its folder): segments that continue one of its segments
                      keep their number and name, new ones are numbered after them; writes migration.csv
  --within SEGMENT    with --baseline MODEL: re-segment only the customers of that segment of MODEL (its
                      number or name): sub-segments of one segment (membership from MODEL's segments.csv)
  --min-size N|P%, --max-size N|P%   k-means: every segment holds at least / at most N customers or P%
  --method bisecting  bisecting k-means (--bisecting-strategy biggest_inertia (default) | largest_cluster)
  --rules-depth N     depth of each segment's rule (default 3); --contamination P: share flagged unusual (1%)
  --out DIR           output folder (default ./segmenta-out); refused when it is the input's folder, a file,
                      or holds another run or other files, unless --force
  --force             write into such a folder anyway (input files are never overwritten)
  --max-columns N     refuse files with more columns (default 1,000)
  --png               also write every chart as a PNG into DIR/charts/
  --no-report         do not write report.html
  --json              print summary.json on stdout instead of the readable summary
  --quiet             print nothing but errors
Exit codes: 0 ok, 2 usage error, 3 data error, 4 database unreachable or permission refused.`;

/** The flags of run's database mode. */
export const DATABASE_FLAGS = { db: { type: 'string' }, table: { type: 'string' }, 'write-table': { type: 'string' }, init: { type: 'string' } } as const;

/** `segmenta run FILE [options]`. Returns the exit code. */
export async function runCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { ...RUN_FLAGS, ...DATABASE_FLAGS }, 'run');
  if (values['help']) return (console.log(RUN_HELP), 0);
  if (values['db'] !== undefined) {
    if (positionals.length > 0) throw new UsageError(`run: give either a FILE or --db with --table, not both`);
    if (values['baseline'] !== undefined || values['within'] !== undefined)
      throw new UsageError(`run: --baseline and --within work with a data file for now, not with --db (compare two runs' folders with segmenta drift OLD NEW)`);
    await runDatabase(values);
    return 0;
  }
  for (const flag of ['table', 'write-table', 'init'])
    if (values[flag] !== undefined) throw new UsageError(`run: --${flag} needs --db (the database the table is in)`);
  if (positionals.length !== 1) throw new UsageError(`run: give exactly one data file (segmenta run FILE [options]; see --help)`);
  const { run } = outFolder(values, 'run', [positionals[0]!, ...baselineInputs(values)]);
  const path = positionals[0]!;
  const table = await readTable(path, { limits: readLimitsFrom(values) }).catch(async (e: unknown) => {
    // An order log often fails to read as customers (an invoice column with "C…" cancellations): say what to run.
    if (e instanceof DataError) refuseOrderLog(path, await orderLogCommandsFromHeader(path));
    throw e;
  });
  refuseOrderLog(path, orderLogFromTable(table, path));
  const within = values['within'] as string | undefined;
  if (within === undefined) await runOnTable(table, values, [], run);
  else {
    if (values['baseline'] === undefined) throw new UsageError('run: --within SEGMENT needs --baseline MODEL, the run whose segment to re-segment');
    const parent = withinSegment(table, await loadBaseline(values['baseline'] as string), within);
    await runOnTable(parent.table, { ...values, baseline: undefined }, [], run, parent.within);
  }
  return 0;
}

/** Segments an already-read table with run's flags, writes the outputs, prints the summary. */
export async function runOnTable(
  table: Table,
  values: Record<string, string | boolean | undefined>,
  extraFiles: Array<{ name: string; content: string | Iterable<string> }>,
  identity: RunIdentity,
  within?: WithinSegment,
): Promise<Segmentation> {
  const baselinePath = values['baseline'] as string | undefined;
  const columnNames = table.columns.map((c) => c.name);
  const options = { ...segmentOptionsFrom(values, columnNames), ...(baselinePath !== undefined ? { baseline: await loadBaseline(baselinePath) } : {}) };
  const json = values['json'] === true,
    quiet = values['quiet'] === true;
  // The profile first: its temporary copies are gone before segmenting allocates the large arrays.
  const profile = profileTable(table);
  const profileText = JSON.stringify({ source: table.source, ...profile }, null, 2) + '\n';
  const segmented = segment(table, { ...options, onProgress: progressReporter(!json && !quiet && process.stderr.isTTY === true) });
  const result: Segmentation = within ? { ...segmented, within } : segmented;
  const out = (values['out'] as string | undefined) ?? 'segmenta-out';
  const summary = summaryJson(result, table.source, options.seed ?? 0);
  const modelText = JSON.stringify(result.model, null, 2) + '\n';
  const report =
    values['no-report'] === true
      ? []
      : await reportFiles(
          {
            summary: JSON.parse(summary) as SummaryDocument,
            model: JSON.parse(modelText) as SegmentaModel,
            table,
            labels: result.labels,
            matrix: result.matrix,
            pca: result.pca,
            profile: profile.columns,
            commandLine: commandLine(),
          },
          values['png'] === true,
        );
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
  const written = writeRunFolder(out, files, identity);
  if (json) writeStdout(summary);
  else if (!quiet) console.log(readableSummary(result, table, written));
  return result;
}

/** Refuses (exit 2) a file that looks like an order log, printing the rfm and clv commands that work on it. */
function refuseOrderLog(path: string, commands: OrderLogCommands | null): void {
  if (commands) throw new UsageError(orderLogMessage(path, commands));
}

/** The baseline's files (its model.json and the segments.csv beside it) as inputs of the run: --out may not overwrite them. */
export function baselineInputs(values: Record<string, string | boolean | undefined>): string[] {
  const path = values['baseline'] as string | undefined;
  if (path === undefined) return [];
  const model = existsSync(path) && statSync(path).isDirectory() ? join(path, 'model.json') : path;
  return [model, join(dirname(model), 'segments.csv')];
}

function pcaCsv(result: Segmentation): Iterable<string> {
  // Scores row by row from the matrix (the same figures as pca.coordinates, without its n × 3 copy).
  const x = result.matrix,
    dims = Math.min(3, result.pca.components.length);
  const header = [result.key.column ?? 'row', 'segment', ...Array.from({ length: dims }, (_, j) => `pc${j + 1}`)];
  const ids = result.segments.map((s) => `,${s.id}`);
  return csvLineChunks(header, result.keys.length, (i) => {
    let line = csvCell(result.keys[i]!) + ids[result.labels[i]!]!;
    for (let j = 0; j < dims; j++) line += ',' + roundedText(pcaScore(result.pca, x, i, j));
    return line;
  });
}
