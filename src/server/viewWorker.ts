import { parentPort } from 'node:worker_threads';
import type { Table } from '../data/table.js';
import { reportFiles } from '../report/reportFiles.js';
import { DataError, SegmentaError } from '../util/errors.js';
import { loadBaseline, type BaselineReading } from '../baseline/loadBaseline.js';
import type { SegmentOptions } from '../pipeline/segment.js';
import { segmentsView } from './segmentsView.js';
import { membersCsv, membersView, type MembersQuery } from './membersView.js';
import { setupView } from './setupView.js';
import type { SessionRun } from './sessions.js';
import type { ChartLayout } from '../report/vegaAssets.js';
import { joinPoolGate } from './taskWorker.js';

/** A request to the view worker: what to build, from which run (or setup) and table. */
export type ViewRequest =
  | { readonly kind: 'segments' | 'report'; readonly run: SessionRun; readonly table: Table; readonly commandLine: string; readonly layout?: ChartLayout }
  | { readonly kind: 'members' | 'members-csv'; readonly run: SessionRun; readonly table: Table; readonly query: MembersQuery }
  | { readonly kind: 'setup'; readonly table: Table; readonly setup: SegmentOptions }
  | { readonly kind: 'baseline'; readonly path: string; readonly reading: BaselineReading; readonly columns: readonly string[] };

async function viewText(data: ViewRequest): Promise<string> {
  switch (data.kind) {
    case 'setup':
      return JSON.stringify(setupView(data.table, data.setup));
    case 'baseline': {
      // Parsed here, off the answering thread: a 50 MB model.json takes seconds to parse and check.
      const { model } = await loadBaseline(data.path, data.reading);
      const missing = [...new Set(model.pipeline.steps.map((s) => s.column))].filter((c) => !data.columns.includes(c));
      if (missing.length)
        throw new DataError(
          `${data.reading.modelName ?? 'the model'} uses ${missing.map((c) => `"${c}"`).join(', ')}, which the data lack; compare with a model made from the same columns`,
        );
      return '{}';
    }
    case 'segments':
      return JSON.stringify(segmentsView(data.run, data.table, data.layout));
    case 'members':
      return JSON.stringify(membersView(data.run, data.table, data.query));
    case 'members-csv':
      return membersCsv(data.run, data.table, data.query);
    case 'report':
      return String((await reportFiles({ ...data.run, table: data.table, commandLine: data.commandLine }, false))[0]!.content);
  }
}

/**
 * A long-lived worker that builds what the Segments view or the report download shows, off the server's
 * event loop (charts, silhouettes and the report are O(n) to O(n²) in the customers), answering each
 * request with the text to send. It joins its pool's DuckDB gate (a baseline's segments.csv is read with DuckDB).
 */
joinPoolGate();
parentPort!.on('message', async ({ id, data }: { id: number; data: ViewRequest }) => {
  try {
    const text = await viewText(data);
    parentPort!.postMessage({ id, type: 'done', text });
  } catch (e) {
    parentPort!.postMessage({
      id,
      type: 'error',
      message: e instanceof SegmentaError || e instanceof RangeError ? e.message : `the view could not be built (${(e as Error).message.split('\n')[0]})`,
    });
  }
});
