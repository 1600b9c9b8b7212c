import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Matrix } from '../util/matrix.js';
import type { CandidateHelper } from './kmeansPlusPlus.js';
import type { CandidateJob } from './kmeansWorker.js';
import { readResult, resultBytes, runRestarts, type BatchBest, type RestartJob } from './runRestarts.js';

let helper: Worker | undefined;
/** Set once the helper failed to start or died: every later call runs on one thread. */
let helperBroken = false;
/** Set to 1 by the helper once its script has loaded (it can then take jobs). */
let helperAlive: Int32Array | undefined;
/** How long the first job waits for the helper's script to load before running on one thread instead. */
const START_TIMEOUT_MS = 20_000;
const shared = new WeakMap<Float64Array, SharedArrayBuffer>();

/** The helper worker's script: beside this module when built, else the built copy (when running sources). */
function workerPath(): string | undefined {
  const here = fileURLToPath(new URL('./kmeansWorker.js', import.meta.url));
  if (existsSync(here)) return here;
  const built = fileURLToPath(new URL('../../dist/cluster/kmeansWorker.js', import.meta.url));
  return existsSync(built) ? built : undefined;
}

/** The data of a matrix in shared memory (copied once per matrix). */
function sharedData(x: Matrix): SharedArrayBuffer {
  let sab = shared.get(x.data);
  if (!sab) {
    sab = new SharedArrayBuffer(x.data.byteLength);
    new Float64Array(sab).set(x.data);
    shared.set(x.data, sab);
  }
  return sab;
}

/** Starts the helper worker ahead of its first job, so its start-up overlaps the caller's work. */
export function warmHelper(): void {
  helperWorker();
}

/** The persistent helper worker (started if needed), or undefined when it is not available. */
function helperWorker(): Worker | undefined {
  if (helperBroken) return undefined;
  const path = workerPath();
  if (!path) return undefined;
  if (!helper) {
    const alive = new Int32Array(new SharedArrayBuffer(4));
    // Not the parent's execArgv: flags such as --input-type or -e would stop the worker from starting.
    const worker = new Worker(path, { execArgv: [], workerData: { alive: alive.buffer } });
    worker.on('error', () => retireHelper(worker));
    worker.on('exit', () => retireHelper(worker));
    worker.unref();
    helper = worker;
    helperAlive = alive;
  }
  return helper;
}

/** Forgets a helper that failed; later calls run on one thread. */
function retireHelper(worker: Worker): void {
  if (helper !== worker) return;
  helper = undefined;
  helperBroken = true;
  void worker.terminate();
}

/**
 * The helper, once its script has loaded (waiting for it synchronously up to START_TIMEOUT_MS), or undefined
 * when it cannot start: then the caller computes the helper's share itself, with the same result.
 */
function readyHelper(): Worker | undefined {
  const worker = helperWorker();
  if (!worker || !helperAlive) return undefined;
  if (Atomics.load(helperAlive, 0) === 1) return worker;
  Atomics.wait(helperAlive, 0, 0, START_TIMEOUT_MS);
  if (Atomics.load(helperAlive, 0) === 1) return worker;
  retireHelper(worker);
  return undefined;
}

/**
 * A k-means++ helper: the second half of each step's candidates are evaluated on the helper worker while
 * the main thread evaluates the first half; the chosen centres are the same as on one thread.
 */
export function twoThreadCandidateHelper(x: Matrix, weights?: Float64Array): CandidateHelper | undefined {
  const worker = readyHelper();
  if (!worker) return undefined;
  const n = x.rows,
    data = sharedData(x);
  const w = new SharedArrayBuffer(n * 8);
  new Float64Array(w).set(weights ?? new Float64Array(n).fill(1));
  const closest = new SharedArrayBuffer(n * 8);
  let out: SharedArrayBuffer | undefined;
  return {
    start(candidates, near) {
      if (candidates.length === 0) return undefined;
      if (!out || out.byteLength < candidates.length * n * 8) out = new SharedArrayBuffer(candidates.length * n * 8);
      new Float64Array(closest).set(near);
      const pots = new SharedArrayBuffer(candidates.length * 8),
        done = new SharedArrayBuffer(4);
      const job: CandidateJob = { kind: 'candidates', data, weights: w, closest, out, pots, rows: n, cols: x.cols, candidates: Array.from(candidates), done };
      worker.postMessage(job);
      const buffer = out;
      return {
        finish() {
          const flag = new Int32Array(done);
          Atomics.wait(flag, 0, 0);
          if (flag[0] !== 1) return undefined;
          return { pots: new Float64Array(pots), distances: (j: number) => new Float64Array(buffer, j * n * 8, n) };
        },
      };
    },
  };
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
  const worker = nInit < 2 ? undefined : readyHelper();
  const all = Array.from({ length: nInit }, (_, r) => r);
  if (!worker || nInit < 2) return runRestarts({ ...job, data: x.data, rows: x.rows, cols: x.cols, restarts: all })!;
  const sab = sharedData(x);
  const result = new SharedArrayBuffer(resultBytes(x.rows, x.cols, job.k));
  const done = new SharedArrayBuffer(4);
  const theirs = all.filter((r) => r % 2 === 1);
  worker.postMessage({ ...job, data: sab, rows: x.rows, cols: x.cols, restarts: theirs, result, done });
  const mine = runRestarts({ ...job, data: x.data, rows: x.rows, cols: x.cols, restarts: all.filter((r) => r % 2 === 0) })!;
  const flag = new Int32Array(done);
  Atomics.wait(flag, 0, 0);
  if (flag[0] !== 1) return runRestarts({ ...job, data: x.data, rows: x.rows, cols: x.cols, restarts: all })!;
  const other = readResult(result, x.rows, x.cols, job.k);
  const relocations = mine.relocations + other.relocations;
  const better = other.run.inertia < mine.run.inertia || (other.run.inertia === mine.run.inertia && other.restart < mine.restart) ? other : mine;
  return { ...better, relocations };
}
