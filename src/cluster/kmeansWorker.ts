import { parentPort } from 'node:worker_threads';
import { runRestarts, type RestartJob } from './runRestarts.js';

/**
 * The helper thread of parallel k-means: runs its share of restarts on the shared data and writes the best
 * one into shared result memory, then wakes the waiting main thread.
 */
parentPort!.on('message', (job: RestartJob & { result: SharedArrayBuffer; done: SharedArrayBuffer }) => {
  const flag = new Int32Array(job.done);
  try {
    runRestarts(job, job.result);
    Atomics.store(flag, 0, 1);
  } catch {
    Atomics.store(flag, 0, 2);
  }
  Atomics.notify(flag, 0);
});
