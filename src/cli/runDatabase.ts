import type { FlagValues } from './commandFlags.js';
import { rmSync } from 'node:fs';
import { checkEngineInit, segmentInEngine, type EngineInit, type EngineSegmentation } from '../engine/segmentInEngine.js';
import { openEngine } from '../engine/openEngine.js';
import { redact } from '../engine/sqlEngine.js';
import type { TableStats } from '../engine/tableStats.js';
import { checkWriteTarget, streamSegmentsCsv, writeSegmentsTable, type StagedTable } from '../engine/writeSegments.js';
import { withLeftover } from '../engine/tempTables.js';
import { interruptedBy, whenInterrupted } from '../util/interruption.js';
import { summaryJson } from '../output/summaryJson.js';
import { stableJson } from '../output/stableJson.js';
import { stageRunFolder, stagingFileBeside } from '../output/runFolder.js';
import type { OutputFile } from '../output/writeFilesAtomically.js';
import { UsageError } from '../util/errors.js';
import { outFolder, segmentOptionsFrom } from './options.js';
import { commandProgress } from './progress.js';
import { runReport } from './runReport.js';
import { readableSummary } from './summaryText.js';
import { writeStdout } from '../util/terminalText.js';

/**
 * `segmenta run --db URL --table T [--write-table S]`: segments a database table inside its engine and writes
 * summary.json, model.json, profile.json (SQL statistics) and report.html (drawn from the sample) into --out;
 * every customer's segment goes to the table S (--write-table) or, without it, is streamed into segments.csv.
 */
export async function runDatabase(values: FlagValues): Promise<EngineSegmentation> {
  const table = values['table'] as string | undefined;
  if (!table) throw new UsageError('run --db needs --table NAME (the table of customers, e.g. --table customers or --table sales.customers)');
  const options = segmentOptionsFrom(values);
  checkEngineInit(values['init']);
  const json = values['json'] === true,
    quiet = values['quiet'] === true;
  const writeTable = values['write-table'] as string | undefined;
  const { out, run } = outFolder(values, 'run', [], `${redact(values['db'] as string)}#${table}`);
  const progress = commandProgress(values);
  const engine = await openEngine(values['db'] as string);
  let staged: string | undefined;
  let stagedTable: StagedTable | undefined;
  try {
    if (writeTable) await checkWriteTarget(engine, table, writeTable);
    progress(`reading ${table} in ${engine.label}`);
    const result = await segmentInEngine(engine, table, {
      ...options,
      init: values['init'] as EngineInit | undefined,
      onProgress: progress,
    });
    progress('writing the report');
    const { summary, files } = await runFiles(result, options.seed ?? 0, values);
    progress(writeTable ? `writing ${writeTable} in ${engine.label}` : `writing segments.csv for every customer`);
    let written = '';
    let leftover: string[] = [];
    if (writeTable) {
      stagedTable = await writeSegmentsTable(engine, result.model, table, writeTable);
      written = `${stagedTable.kind} ${writeTable} (${stagedTable.rows} rows${stagedTable.detail ? `; ${stagedTable.detail}` : ''}) in ${engine.label}`;
    } else {
      const file = stagingFileBeside(out, 'segments.csv');
      staged = file;
      const forget = whenInterrupted('the partial segments.csv', () => rmSync(file, { force: true }));
      try {
        await streamSegmentsCsv(engine, result.model, table, file, run.excel === true);
      } finally {
        forget();
      }
      files.unshift({ name: 'segments.csv', content: { staged: file } });
    }
    // Every output is written (staged) before the table is replaced, and the table before the folder is put
    // in place: a failure anywhere leaves both the old table and the old folder as they were.
    const folder = stageRunFolder(out, files, run);
    staged = undefined;
    const forgetFolder = whenInterrupted('the staged output folder', () => folder.abort());
    try {
      leftover = (await stagedTable?.commit()) ?? [];
      stagedTable = undefined;
    } catch (e) {
      folder.abort();
      throw e;
    } finally {
      forgetFolder();
    }
    const paths = folder.commit();
    progress.end();
    for (const l of leftover) console.error(`segmenta: warning: ${l}`);
    if (json) writeStdout(summary);
    else if (!quiet) printSummary(result, paths, written);
    return result;
  } catch (e) {
    throw withLeftover(e, ...((await stagedTable?.abort()) ?? []));
  } finally {
    if (staged) rmSync(staged, { force: true });
    // After Ctrl-C the interruption's cleanup still needs the connection; the process exits right after it.
    if (!interruptedBy()) await engine.close();
  }
}

/** What a database run writes into --out besides segments.csv: summary.json, model.json, profile.json and the report. */
async function runFiles(result: EngineSegmentation, seed: number, values: FlagValues): Promise<{ summary: string; files: OutputFile[] }> {
  const source = result.sampleTable.source;
  const summary = summaryJson(result, source, seed);
  const modelText = JSON.stringify(result.model, null, 2) + '\n';
  const profileText = profileJson(result.tableStats, source);
  const report = await runReport(result, result.sampleTable, { summary, modelText }, values);
  const files: OutputFile[] = [
    { name: 'summary.json', content: summary },
    { name: 'model.json', content: modelText },
    { name: 'profile.json', content: profileText },
    ...report,
  ];
  return { summary, files };
}

/** The readable summary of a database run, with what ran in the database and what left it. */
function printSummary(result: EngineSegmentation, paths: readonly string[], written: string): void {
  const e = result.engine;
  console.log(readableSummary(result, result.sampleTable, paths));
  console.log(
    `${e.engineIterations ? `k-means: ${e.engineIterations} Lloyd iteration${e.engineIterations === 1 ? '' : 's'} ran in the database; ` : 'the whole table fitted in the sample and was clustered in memory; '}` +
      `${e.sampleRows} of ${result.rows} rows left the database (the sample)${written ? `; wrote ${written}` : ''}`,
  );
}

/** profile.json of a database table: per column its SQL type, missing cells, distinct count, min and max. */
function profileJson(stats: TableStats, source: object | undefined): string {
  return stableJson({
    source,
    rows: stats.rows,
    columns: stats.columns.map((s) => ({
      name: s.column.name,
      type: s.column.sqlType,
      kind: s.column.kind,
      missing: stats.rows - s.present,
      ...(s.distinct !== undefined ? { distinct: s.distinct } : {}),
      ...(s.min !== undefined ? { min: s.min, max: s.max } : {}),
    })),
  });
}
