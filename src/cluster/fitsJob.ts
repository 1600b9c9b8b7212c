import type { MessagePort } from 'node:worker_threads';
import { kmeans, type KMeansOptions, type KMeansResult } from './kmeans.js';
import { taken, type RestartQueue } from './runRestarts.js';

/** The options one fit of a batch may carry: plain data (no weights or initial centres), run on one thread. */
export type BatchFitOptions = Omit<KMeansOptions, 'weights' | 'init' | 'threads'>;

/**
 * The k-means options of a batch fit taken from wider options (a sweep's or a run's): restarts, iterations,
 * tolerance and algorithm, those given; every other field (threads, weights, callbacks) is left out.
 */
export function batchFitOptions(o: Pick<KMeansOptions, 'nInit' | 'maxIter' | 'tol' | 'algorithm'>): Omit<BatchFitOptions, 'k'> {
  return Object.fromEntries(Object.entries({ nInit: o.nInit, maxIter: o.maxIter, tol: o.tol, algorithm: o.algorithm }).filter(([, v]) => v !== undefined));
}

/** One fit of a batch as a helper receives it: its rows in shared memory and its options. */
export interface SharedFit {
  readonly data: SharedArrayBuffer;
  readonly rows: number;
  readonly cols: number;
  readonly options: BatchFitOptions;
}

/** A helper's part in a batch of independent fits: it takes fits from the queue until none is left. */
export interface FitsJob {
  readonly kind: 'fits';
  readonly fits: readonly SharedFit[];
  readonly queue: RestartQueue;
  /** Where each finished fit is sent, as `{ index, result }`. */
  readonly port: MessagePort;
  readonly done: SharedArrayBuffer;
}

/** One fit of a batch on this thread: k-means on one thread (its result does not depend on the thread). */
export function runBatchFit(fit: SharedFit): KMeansResult {
  return kmeans({ rows: fit.rows, cols: fit.cols, data: new Float64Array(fit.data) }, { ...fit.options, threads: 1 });
}

/**
 * A helper's side of a batch: runs each fit it takes from the queue and sends its result through the job's
 * port before taking the next, so the waiting caller can read every result it is owed once this job is done.
 */
export function runFitsJob(job: FitsJob): void {
  for (const index of taken(job.queue)) job.port.postMessage({ index, result: runBatchFit(job.fits[index]!) });
}
