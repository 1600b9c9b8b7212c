import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Matrix } from '../util/matrix.js';
import { readResult, resultBytes, runRestarts, type BatchBest, type RestartJob } from './runRestarts.js';

let helper: Worker | undefined;
const shared = new WeakMap<Float64Array, SharedArrayBuffer>();

/** The helper worker's script: beside this module when built, else the built copy (when running sources). */
function workerPath(): string | undefined {
  const here = fileURLToPath(new URL('./kmeansWorker.js', import.meta.url));
  if (existsSync(here)) return here;
  const built = fileURLToPath(new URL('../../dist/cluster/kmeansWorker.js', import.meta.url));
  return existsSync(built) ? built : undefined;
}

/** Threads k-means restarts may use: SEGMENTA_THREADS, else min(2, cores). */
export function defaultThreads(): number {
  const env = Number(process.env['SEGMENTA_THREADS']);
  return Number.isInteger(env) && env >= 1 ? env : Math.min(2, availableParallelism());
}

/**
 * Runs k-means restarts on two threads: the main thread takes the even restarts, one persistent helper
 * worker the odd ones, on the data copied once into shared memory; the main thread then waits (Atomics)
 * for the helper, so callers stay synchronous. The winner is chosen as in `runRestarts`, so the result is
 * the same as on one thread. Falls back to one thread when the helper's script is not available.
 */
export function runRestartsOnTwoThreads(x: Matrix, job: Omit<RestartJob, 'data' | 'rows' | 'cols' | 'restarts'>, nInit: number): BatchBest {
  const path = workerPath();
  const all = Array.from({ length: nInit }, (_, r) => r);
  if (!path || nInit < 2) return runRestarts({ ...job, data: x.data, rows: x.rows, cols: x.cols, restarts: all })!;
  helper ??= new Worker(path);
  helper.unref();
  let sab = shared.get(x.data);
  if (!sab) {
    sab = new SharedArrayBuffer(x.data.byteLength);
    new Float64Array(sab).set(x.data);
    shared.set(x.data, sab);
  }
  const result = new SharedArrayBuffer(resultBytes(x.rows, x.cols, job.k));
  const done = new SharedArrayBuffer(4);
  const theirs = all.filter((r) => r % 2 === 1);
  helper.postMessage({ ...job, data: sab, rows: x.rows, cols: x.cols, restarts: theirs, result, done });
  const mine = runRestarts({ ...job, data: x.data, rows: x.rows, cols: x.cols, restarts: all.filter((r) => r % 2 === 0) })!;
  const flag = new Int32Array(done);
  Atomics.wait(flag, 0, 0);
  if (flag[0] !== 1) return runRestarts({ ...job, data: x.data, rows: x.rows, cols: x.cols, restarts: all })!;
  const other = readResult(result, x.rows, x.cols, job.k);
  const relocations = mine.relocations + other.relocations;
  const better = other.run.inertia < mine.run.inertia || (other.run.inertia === mine.run.inertia && other.restart < mine.restart) ? other : mine;
  return { ...better, relocations };
}
