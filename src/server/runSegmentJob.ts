import { randomBytes } from 'node:crypto';
import type { ClusterMethodName } from '../cluster/methods/planMethod.js';
import type { Table } from '../data/table.js';
import type { RfmColumns } from '../rfm/cleanOrderLog.js';
import type { ClvOptions } from '../clv/clv.js';
import type { ChartLayout } from '../report/vegaAssets.js';
import type { SegmentOptions } from '../pipeline/segment.js';
import type { ComparisonView, OrderLogAnalysis, SessionJob, SessionRun } from './sessions.js';

export type { ComparisonView } from './sessions.js';
import type { PooledTask, WorkerPool } from './workerPool.js';
import type { BaselineReading } from '../baseline/loadBaseline.js';
import type { KSweep } from '../select/sweepK.js';

/** A job of a session and the task that runs it (to cancel). */
export interface StartedJob {
  readonly job: SessionJob;
  readonly task: PooledTask;
}

/**
 * Starts work on the pool's worker threads so the server keeps answering; the returned job is updated in
 * place with progress (stage "waiting for a free core" while queued), and `onDone` receives the result.
 * O(1) on the calling thread.
 */
function runWorkerJob<T>(
  pool: WorkerPool,
  data:
    | {
        table: Table;
        options: Omit<SegmentOptions, 'onProgress' | 'baseline'>;
        compare?: ClusterMethodName[];
        layout?: ChartLayout;
        baseline?: { path: string; reading: BaselineReading };
        reuse?: KSweep;
      }
    | { rfm: { path: string; name: string; columns: RfmColumns }; layout: ChartLayout }
    | { clv: { path: string; name: string; options: ClvOptions }; layout: ChartLayout },
  onDone: (payload: T) => void,
): StartedJob {
  const job: SessionJob = { id: randomBytes(8).toString('hex'), status: 'running', stage: 'waiting for a free core', done: 0, total: 1 };
  const task = pool.run(
    new URL('rfm' in data ? './rfmWorker.js' : 'clv' in data ? './clvWorker.js' : './segmentWorker.js', import.meta.url),
    data,
    (raw) => {
      const m = raw as { type: string; stage?: string; done?: number; total?: number; message?: string; payload?: T };
      if (m.type === 'progress') Object.assign(job, { stage: m.stage, done: m.done, total: m.total });
      else if (m.type === 'done') {
        onDone(m.payload!);
        job.status = 'done';
        job.done = job.total;
      } else if (m.type === 'error') Object.assign(job, { status: 'error', error: m.message });
    },
    (error) => {
      if (job.status === 'running') Object.assign(job, { status: error === 'cancelled' ? 'cancelled' : 'error', error: error ?? 'the computation stopped' });
    },
  );
  return { job, task };
}

/**
 * A segmentation on a worker thread (matched to a baseline model.json, shown by its name, if given; against
 * an earlier sweep of the same setup, `reuse`, instead of a new one); `onDone` receives the finished run.
 */
export function runSegmentJob(
  pool: WorkerPool,
  table: Table,
  options: Omit<SegmentOptions, 'onProgress' | 'baseline'>,
  given: { baseline?: { path: string; reading: BaselineReading } | undefined; reuse?: KSweep | undefined },
  onDone: (run: SessionRun) => void,
): StartedJob {
  const { baseline, reuse } = given;
  return runWorkerJob<SessionRun>(
    pool,
    { table, options: { ...options, threads: pool.threadsPerTask }, ...(baseline ? { baseline } : {}), ...(reuse ? { reuse } : {}) },
    onDone,
  );
}

/** A comparison of methods in a worker thread; `onDone` receives what the Compare view shows. */
export function runCompareJob(
  pool: WorkerPool,
  table: Table,
  options: Omit<SegmentOptions, 'onProgress'>,
  methods: ClusterMethodName[],
  layout: ChartLayout,
  onDone: (view: ComparisonView) => void,
): StartedJob {
  return runWorkerJob<ComparisonView>(pool, { table, options: { ...options, threads: pool.threadsPerTask }, compare: methods, layout }, onDone);
}

/** An RFM analysis of the session's kept order log in a worker thread; `onDone` receives what the studio keeps of it. */
export function runRfmJob(
  pool: WorkerPool,
  log: { path: string; name: string },
  columns: RfmColumns,
  layout: ChartLayout,
  onDone: (analysis: OrderLogAnalysis) => void,
): StartedJob {
  return runWorkerJob<OrderLogAnalysis>(pool, { rfm: { ...log, columns }, layout }, onDone);
}

/** A customer-value analysis (`segmenta clv`) of the session's kept order log in a worker thread; `onDone` receives what the studio keeps of it. */
export function runClvJob(
  pool: WorkerPool,
  log: { path: string; name: string },
  options: ClvOptions,
  layout: ChartLayout,
  onDone: (analysis: OrderLogAnalysis) => void,
): StartedJob {
  return runWorkerJob<OrderLogAnalysis>(pool, { clv: { ...log, options }, layout }, onDone);
}

/**
 * The comparison as the browser gets it: without the labels, and with the studio's (possibly renamed) segment
 * names on any method whose labels are exactly those of the Segments view's run.
 */
export function comparisonForBrowser(
  view: ComparisonView,
  run: { labels: Int32Array; model: { segments: ReadonlyArray<{ id: number; name: string }> } } | undefined,
): ComparisonView {
  const { labels, ...rest } = view;
  const same = (l: Int32Array | undefined): boolean => !!run && !!l && l.length === run.labels.length && l.every((v, i) => v === run.labels[i]);
  return {
    ...rest,
    methods: rest.methods.map((m) => (same(labels?.[m.method]) ? { ...m, segments: run!.model.segments.map((s) => `${s.id} · ${s.name}`) } : m)),
  };
}
