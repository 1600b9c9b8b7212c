import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { ClusterMethodName } from '../cluster/planMethod.js';
import type { Table } from '../data/table.js';
import type { SegmentOptions } from '../segment.js';
import type { SessionJob, SessionRun } from './sessions.js';

/**
 * Starts work in a worker thread so the server keeps answering; the returned job is updated in place with
 * progress, and `onDone` receives the worker's result. O(1) on the calling thread.
 */
function runWorkerJob<T>(data: { table: Table; options: Omit<SegmentOptions, 'onProgress'>; compare?: ClusterMethodName[] }, onDone: (payload: T) => void): SessionJob {
  const job: SessionJob = { id: randomBytes(8).toString('hex'), status: 'running', stage: 'starting', done: 0, total: 1 };
  const worker = new Worker(new URL('./segmentWorker.js', import.meta.url), { workerData: data });
  worker.on('message', (m: { type: string; stage?: string; done?: number; total?: number; message?: string; payload?: T }) => {
    if (m.type === 'progress') Object.assign(job, { stage: m.stage, done: m.done, total: m.total });
    else if (m.type === 'done') {
      onDone(m.payload!);
      job.status = 'done';
      job.done = job.total;
    } else if (m.type === 'error') Object.assign(job, { status: 'error', error: m.message });
  });
  worker.on('error', (e) => Object.assign(job, { status: 'error', error: `internal error: ${e.message}` }));
  worker.on('exit', (code) => {
    if (job.status === 'running') Object.assign(job, { status: 'error', error: `the computation stopped (exit code ${code})` });
  });
  return job;
}

/** A segmentation in a worker thread; `onDone` receives the finished run. */
export function runSegmentJob(table: Table, options: Omit<SegmentOptions, 'onProgress'>, onDone: (run: SessionRun) => void): SessionJob {
  return runWorkerJob<SessionRun>({ table, options }, onDone);
}

/** What the dashboard's Compare view shows. */
export interface ComparisonView {
  readonly methods: ReadonlyArray<{ method: string; k: number; silhouette: number; calinskiHarabasz: number; daviesBouldin: number; sizes: number[]; reason: string }>;
  readonly agreements: ReadonlyArray<{ a: string; b: string; adjustedRand: number; adjustedMutualInfo: number }>;
  readonly html: string;
  readonly chart: object;
}

/** A comparison of methods in a worker thread; `onDone` receives what the Compare view shows. */
export function runCompareJob(table: Table, options: Omit<SegmentOptions, 'onProgress'>, methods: ClusterMethodName[], onDone: (view: ComparisonView) => void): SessionJob {
  return runWorkerJob<ComparisonView>({ table, options, compare: methods }, onDone);
}
