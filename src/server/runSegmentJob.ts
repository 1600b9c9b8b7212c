import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Table } from '../data/table.js';
import type { SegmentOptions } from '../segment.js';
import type { SessionJob, SessionRun } from './sessions.js';

/**
 * Starts a segmentation in a worker thread so the server keeps answering; the returned job is updated in
 * place with progress, and `onDone` receives the finished run. O(1) on the calling thread.
 */
export function runSegmentJob(table: Table, options: Omit<SegmentOptions, 'onProgress'>, onDone: (run: SessionRun) => void): SessionJob {
  const job: SessionJob = { id: randomBytes(8).toString('hex'), status: 'running', stage: 'starting', done: 0, total: 1 };
  const worker = new Worker(new URL('./segmentWorker.js', import.meta.url), { workerData: { table, options } });
  worker.on('message', (m: { type: string; stage?: string; done?: number; total?: number; message?: string } & Partial<SessionRun>) => {
    if (m.type === 'progress') Object.assign(job, { stage: m.stage, done: m.done, total: m.total });
    else if (m.type === 'done') {
      onDone({ summary: m.summary!, model: m.model!, labels: m.labels!, matrix: m.matrix! });
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
