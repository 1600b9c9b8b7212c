import { parentPort, workerData } from 'node:worker_threads';
import type { Table } from '../data/table.js';
import { summaryJson } from '../output/summaryJson.js';
import { segment, type SegmentOptions } from '../segment.js';
import { SegmentaError } from '../util/errors.js';

/** Runs one segmentation off the request thread and posts progress, then the result (or a one-line error). */
const { table, options } = workerData as { table: Table; options: SegmentOptions };
try {
  const result = segment(table, { ...options, onProgress: (stage, done, total) => parentPort!.postMessage({ type: 'progress', stage, done, total }) });
  const summary = JSON.parse(summaryJson(result, table.source, options.seed ?? 0));
  parentPort!.postMessage({ type: 'done', summary, model: JSON.parse(JSON.stringify(result.model)), labels: result.labels, matrix: result.matrix });
} catch (e) {
  parentPort!.postMessage({ type: 'error', message: e instanceof SegmentaError ? e.message : `internal error: ${(e as Error).message}` });
}
