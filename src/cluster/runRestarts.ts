import type { Matrix } from '../util/matrix.js';
import { createRandom } from '../util/random.js';
import { elkan } from './elkan.js';
import { hamerly } from './hamerly.js';
import { kmeansPlusPlus } from './kmeansPlusPlus.js';
import type { KMeansRun } from './kmeansRun.js';
import { lloyd } from './lloyd.js';

/** A batch of k-means restarts: shared data, and one seed per restart (restart r uses seeds[r]). */
export interface RestartJob {
  readonly data: Float64Array | SharedArrayBuffer;
  readonly rows: number;
  readonly cols: number;
  readonly k: number;
  /** Indices of the restarts this batch runs (or, with `queue`, none: it takes them from the queue), and every restart's seed. */
  readonly restarts: readonly number[];
  readonly queue?: RestartQueue;
  readonly seeds: readonly number[];
  readonly algorithm: 'lloyd' | 'hamerly' | 'elkan';
  readonly maxIter: number;
  readonly tolAbs: number;
  readonly weights?: Float64Array;
}

/** The best run of a batch and which restart produced it. */
export interface BatchBest {
  readonly run: KMeansRun;
  readonly restart: number;
  readonly relocations: number;
}

/**
 * Runs a batch of restarts (k-means++ from each restart's own seed, then Lloyd, Hamerly or Elkan) and keeps the
 * lowest inertia, ties to the lower restart index — so the result does not depend on how restarts are split
 * between threads. With `out`, writes the best into shared memory: [inertia, iterations, converged,
 * relocations, restart] as float64, then k·d centres (float64), then n labels (int32). O(runs · k-means).
 */
export function runRestarts(job: RestartJob, out?: SharedArrayBuffer): BatchBest | undefined {
  const x: Matrix = { rows: job.rows, cols: job.cols, data: job.data instanceof Float64Array ? job.data : new Float64Array(job.data) };
  const runner = job.algorithm === 'lloyd' ? lloyd : job.algorithm === 'elkan' ? elkan : hamerly;
  let best: BatchBest | undefined;
  let relocations = 0;
  for (const r of job.queue ? taken(job.queue) : job.restarts) {
    const init = kmeansPlusPlus(x, job.k, createRandom(job.seeds[r]!), job.weights);
    const run = runner({ x, init, weights: job.weights, maxIter: job.maxIter, tolAbs: job.tolAbs });
    relocations += run.relocations;
    if (!best || outranks(run.inertia, r, best)) best = { run, restart: r, relocations: 0 };
  }
  if (!best) return undefined;
  best = { ...best, relocations };
  if (out) {
    const head = new Float64Array(out, 0, 5);
    head.set([best.run.inertia, best.run.iterations, best.run.converged ? 1 : 0, relocations, best.restart]);
    new Float64Array(out, 40, job.k * job.cols).set(best.run.centers.data);
    new Int32Array(out, 40 + 8 * job.k * job.cols, job.rows).set(best.run.labels);
  }
  return best;
}

/**
 * Restarts handed out one at a time to whichever thread is free: a shared counter of the next restart, and
 * per restart the number of the thread that took it (`taker`, from 1; 0 until taken).
 */
export interface RestartQueue {
  readonly next: SharedArrayBuffer;
  readonly takers: SharedArrayBuffer;
  readonly count: number;
  readonly taker: number;
}

/** The restarts this thread takes from the queue, each marked with its taker before it runs. O(1) per restart. */
export function* taken(queue: RestartQueue): Generator<number> {
  const next = new Int32Array(queue.next),
    takers = new Int32Array(queue.takers);
  for (let r = Atomics.add(next, 0, 1); r < queue.count; r = Atomics.add(next, 0, 1)) {
    Atomics.store(takers, r, queue.taker);
    Atomics.notify(takers, r);
    yield r;
  }
}

/**
 * The winner rule of restarts, the same however they are split between threads: the lower inertia, then the
 * lower restart index. True when (inertia, restart) beats `best`. O(1).
 */
export function outranks(inertia: number, restart: number, best: { readonly run: { readonly inertia: number }; readonly restart: number }): boolean {
  return inertia < best.run.inertia || (inertia === best.run.inertia && restart < best.restart);
}

/** Bytes of shared memory a batch result needs. */
export function resultBytes(rows: number, cols: number, k: number): number {
  return 40 + 8 * k * cols + 4 * rows;
}

/** Reads a batch result written by `runRestarts` into shared memory. */
export function readResult(out: SharedArrayBuffer, rows: number, cols: number, k: number): BatchBest {
  const head = new Float64Array(out, 0, 5);
  return {
    run: {
      inertia: head[0]!,
      iterations: head[1]!,
      converged: head[2] === 1,
      relocations: head[3]!,
      centers: { rows: k, cols, data: new Float64Array(out, 40, k * cols).slice() },
      labels: new Int32Array(out, 40 + 8 * k * cols, rows).slice(),
    },
    restart: head[4]!,
    relocations: head[3]!,
  };
}
