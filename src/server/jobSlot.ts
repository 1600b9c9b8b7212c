import { UsageError } from '../util/errors.js';
import type { PooledTask } from './workerPool.js';

/** Background work of a session: the k sweep or a fixed-k run, a comparison, an RFM analysis, in a worker thread. */
export interface SessionJob {
  readonly id: string;
  status: 'running' | 'done' | 'error' | 'cancelled';
  stage: string;
  done: number;
  total: number;
  error?: string;
}

/**
 * One kind of background work a session holds (segments, comparison, RFM), the same way for each: the job
 * the browser polls, the task that runs it (to cancel), the result, and the setup the result came from.
 */
export interface JobSlot<R> {
  job?: SessionJob;
  task?: PooledTask;
  result?: R;
  /** The setup (`setupKey`) the result came from: it is out of date when the setup has changed since. */
  setupKey?: string;
}

/** Refuses a second job while the slot's job runs, with `message` ("a comparison is already running; …"). */
export function refuseBusy(slot: JobSlot<unknown>, message: string): void {
  if (slot.job?.status === 'running') throw new UsageError(message);
}

/** Puts a started job (and its task) in the slot and returns the job, the answer of every POST that starts one. */
export function startIn<R>(slot: JobSlot<R>, started: { readonly job: SessionJob; readonly task: PooledTask }): SessionJob {
  slot.job = started.job;
  slot.task = started.task;
  return started.job;
}

/** Cancels the slot's running task and forgets its job (the result stays, to be shown as out of date). */
export function cancelJob(slot: JobSlot<unknown>): void {
  slot.task?.cancel();
  slot.task = undefined;
  slot.job = undefined;
}

/** Cancels the slot's work and forgets everything it held. */
export function clearSlot(slot: JobSlot<unknown>): void {
  cancelJob(slot);
  slot.result = undefined;
  slot.setupKey = undefined;
}

/**
 * What every GET of a job answers: the job's progress (its error in the studio's words), and once it is done
 * what `shown` makes of the result. Null when no job was started. O(1) beyond `shown`.
 */
export function jobAnswer<R>(slot: JobSlot<R>, scrub: (message: string) => string, shown: (result: R) => object): object | null {
  const { job, result } = slot;
  if (!job) return null;
  return { ...job, ...(job.error ? { error: scrub(job.error) } : {}), ...(job.status === 'done' && result !== undefined ? shown(result) : {}) };
}
