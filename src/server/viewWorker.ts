import { parentPort } from 'node:worker_threads';
import type { Table } from '../data/table.js';
import { reportFiles } from '../report/reportFiles.js';
import { SegmentaError } from '../util/errors.js';
import type { SegmentOptions } from '../pipeline/segment.js';
import { segmentsView } from './segmentsView.js';
import { setupView } from './setupView.js';
import type { SessionRun } from './sessions.js';

/** A request to the view worker: what to build, from which run (or setup) and table. */
export type ViewRequest =
  | { readonly kind: 'segments' | 'report'; readonly run: SessionRun; readonly table: Table; readonly commandLine: string }
  | { readonly kind: 'setup'; readonly table: Table; readonly setup: SegmentOptions };

/**
 * A long-lived worker that builds what the Segments view or the report download shows, off the server's
 * event loop (charts, silhouettes and the report are O(n) to O(n²) in the customers), answering each
 * request with the text to send.
 */
parentPort!.on('message', async ({ id, data }: { id: number; data: ViewRequest }) => {
  try {
    const text =
      data.kind === 'setup'
        ? JSON.stringify(setupView(data.table, data.setup))
        : data.kind === 'segments'
          ? JSON.stringify(segmentsView(data.run, data.table))
          : String((await reportFiles({ ...data.run, table: data.table, commandLine: data.commandLine }, false))[0]!.content);
    parentPort!.postMessage({ id, type: 'done', text });
  } catch (e) {
    parentPort!.postMessage({
      id,
      type: 'error',
      message: e instanceof SegmentaError ? e.message : `the view could not be built (${(e as Error).message.split('\n')[0]})`,
    });
  }
});
