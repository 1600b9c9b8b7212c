import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Matrix } from '../util/matrix.js';
import { kmeans, type KMeansResult } from './kmeans.js';
import { runBatchFit, type BatchFitOptions, type FitsJob, type SharedFit } from './fitsJob.js';
import { sharedData, startedHelpers, waitDone } from './helperPool.js';
import { defaultThreads } from './restartPool.js';
import { taken, type RestartQueue } from './runRestarts.js';

/** A batch's total work (Σ rows · k · restarts) from which helper threads take part: below it they cost more than they save. */
const WORTH_THREADS = 500_000;

/** Memory a batch's inputs may take when they are drawn before their fits run (gap references, splits, resamples). */
const BATCH_BYTES = 32 * 1024 * 1024;

/**
 * How many inputs of `rows` × `cols` numbers to draw before fitting them together: as many as fit in ~32 MB
 * (at least one), so a batch on large data holds a few inputs, not all of them. O(1).
 */
export function inputsPerBatch(rows: number, cols: number): number {
  return Math.max(1, Math.floor(BATCH_BYTES / Math.max(1, rows * cols * 8)));
}

/** Whether a batch of fits of this much work (Σ rows · k · restarts) is shared with helper threads. O(1). */
export function fitsWorthThreads(work: number, threads = defaultThreads()): boolean {
  return threads >= 2 && work >= WORTH_THREADS;
}

/**
 * Independent k-means fits (the gap statistic's reference sets, the prediction strength's halves) spread
 * over `threads` threads: each thread takes the next fit not yet taken, and runs it whole on one thread, so
 * every result is the one `kmeans(x, options)` gives alone, in any split; they come back in the order given.
 * The calling thread starts at once and waits only for helpers that took a fit; a helper that fails has its
 * fits run again here. Small batches stay on this thread. O(Σ one fit).
 */
export function kmeansMany(fits: ReadonlyArray<{ readonly x: Matrix; readonly options: BatchFitOptions }>, threads = defaultThreads()): KMeansResult[] {
  const work = fits.reduce((s, f) => s + f.x.rows * f.options.k * (typeof f.options.nInit === 'number' ? f.options.nInit : 10), 0);
  const workers = fits.length >= 2 && fitsWorthThreads(work, threads) ? startedHelpers(Math.min(threads, fits.length) - 1) : [];
  if (!workers.length) return fits.map(({ x, options }) => kmeans(x, { ...options, threads: 1 }));
  const shared: SharedFit[] = fits.map(({ x, options }) => ({ data: sharedData(x), rows: x.rows, cols: x.cols, options }));
  const results: KMeansResult[] = new Array(fits.length);
  const next = new SharedArrayBuffer(4),
    takers = new SharedArrayBuffer(4 * fits.length);
  const queue = (taker: number): RestartQueue => ({ next, takers, count: fits.length, taker });
  const posted = workers.map((worker, h) => {
    const { port1, port2 } = new MessageChannel();
    const done = new SharedArrayBuffer(4);
    const job: FitsJob = { kind: 'fits', fits: shared, queue: queue(h + 2), port: port2, done };
    worker.postMessage(job, [port2]);
    return { port: port1, done };
  });
  try {
    for (const i of taken(queue(1))) results[i] = runBatchFit(shared[i]!);
    // Every fit has been taken: its taker is marked a moment after (the counter first, then the mark).
    const taker = new Int32Array(takers);
    for (let i = 0; i < fits.length; i++) while (Atomics.load(taker, i) === 0) Atomics.wait(taker, i, 0, 1);
    posted.forEach((p, h) => {
      const theirs = fits.map((_, i) => i).filter((i) => taker[i] === h + 2);
      if (theirs.length) {
        waitDone(p.done);
        receiveAll(p.port, results);
      }
      // A helper that failed sent the fits it finished: those missing are run here.
      for (const i of theirs) if (results[i] === undefined) results[i] = runBatchFit(shared[i]!);
    });
  } finally {
    for (const p of posted) p.port.close();
  }
  return results;
}

/** Every `{ index, result }` waiting on the port, put in place. */
function receiveAll(port: MessagePort, results: KMeansResult[]): void {
  for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
    const { index, result } = m.message as { index: number; result: KMeansResult };
    results[index] = result;
  }
}
