import { parentPort } from 'node:worker_threads';
import type { Table } from '../data/table.js';
import { reportFiles } from '../report/reportFiles.js';
import { SegmentaError } from '../util/errors.js';
import { segmentsView } from './segmentsView.js';
import type { SessionRun } from './sessions.js';

/** A request to the view worker: what to build, from which run and table. */
export interface ViewRequest {
  readonly kind: 'segments' | 'report';
  readonly run: SessionRun;
  readonly table: Table;
  readonly commandLine: string;
}

/**
 * A long-lived worker that builds what the Segments view or the report download shows, off the server's
 * event loop (charts, silhouettes and the report are O(n) to O(n²) in the customers), answering each
 * request with the text to send.
 */
parentPort!.on('message', async ({ id, data }: { id: number; data: ViewRequest }) => {
  try {
    const { kind, run, table, commandLine } = data;
    const text = kind === 'segments' ? JSON.stringify(segmentsView(run, table)) : String((await reportFiles({ ...run, table, commandLine }, false))[0]!.content);
    parentPort!.postMessage({ id, type: 'done', text });
  } catch (e) {
    parentPort!.postMessage({ id, type: 'error', message: e instanceof SegmentaError ? e.message : `the view could not be built (${(e as Error).message.split('\n')[0]})` });
  }
});
