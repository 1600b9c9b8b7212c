import { availableParallelism } from 'node:os';
import type { Matrix } from '../util/matrix.js';
import { helpersIfReady, sharedData, startedHelpers, waitDone, warmHelpers } from './helperPool.js';
import type { CandidateHelper } from './kmeansPlusPlus.js';
import { outranks, readResult, resultBytes, runRestarts, type BatchBest, type RestartJob, type RestartQueue } from './runRestarts.js';

/** A k-means++ step's share of candidates for the helper thread, all on shared memory. */
export interface CandidateJob {
  readonly kind: 'candidates';
  readonly data: SharedArrayBuffer;
  /** The sample weights; none when every row weighs 1. */
  readonly weights: SharedArrayBuffer | undefined;
  /** The seeding's distance arrays, n float64 each, one after another (see `kmeansPlusPlus`). */
  readonly distances: SharedArrayBuffer;
  readonly rows: number;
  readonly cols: number;
  readonly candidates: readonly number[];
  /** The slot of the nearest distances so far, and the slot each candidate writes its distances into. */
  readonly near: number;
  readonly outs: readonly number[];
  readonly pots: SharedArrayBuffer;
  /** Where this helper's candidates start among the step's helper candidates (their entries in `pots`). */
  readonly base: number;
  readonly done: SharedArrayBuffer;
}

/**
 * A k-means++ helper over `threads` threads: the main thread evaluates the first share of each step's
 * candidates (see `kmeansPlusPlus`), the helpers the rest in contiguous chunks. The data, the weights and
 * the seeding's distance arrays are in shared memory, so a step hands over only candidate numbers and slot
 * numbers; the chosen centres are the same as on one thread. The helpers are not waited for: until their
 * scripts have loaded (a few hundred ms in a fresh process) a step's candidates are all evaluated here,
 * with the same result. Undefined when `threads` < 2 or helpers cannot start.
 */
export function parallelCandidateHelper(x: Matrix, threads: number, weights?: Float64Array): CandidateHelper | undefined {
  if (threads < 2 || !warmHelpers(threads - 1)) return undefined;
  const n = x.rows;
  let distances: SharedArrayBuffer | undefined;
  let w: SharedArrayBuffer | undefined;
  // The data where the helpers read them: placed at the first step that hands work over, for the whole seeding.
  let data: SharedArrayBuffer | undefined;
  return {
    threads,
    distances(count) {
      distances = new SharedArrayBuffer(count * n * 8);
      return Array.from({ length: count }, (_, s) => new Float64Array(distances!, s * n * 8, n));
    },
    start(candidates, near, outs) {
      const workers = candidates.length && distances ? helpersIfReady(threads - 1) : [];
      if (!workers.length) return undefined;
      if (weights && !w) {
        w = new SharedArrayBuffer(n * 8);
        new Float64Array(w).set(weights);
      }
      const pots = new SharedArrayBuffer(candidates.length * 8);
      const per = Math.ceil(candidates.length / workers.length);
      const dones: SharedArrayBuffer[] = [];
      workers.forEach((worker, h) => {
        const chunk = Array.from(candidates.subarray(h * per, (h + 1) * per));
        if (!chunk.length) return;
        const done = new SharedArrayBuffer(4);
        dones.push(done);
        const job: CandidateJob = {
          kind: 'candidates',
          data: (data ??= sharedData(x)),
          weights: w,
          distances: distances!,
          rows: n,
          cols: x.cols,
          candidates: chunk,
          near,
          outs: outs.slice(h * per, (h + 1) * per),
          pots,
          base: h * per,
          done,
        };
        worker.postMessage(job);
      });
      return { finish: () => (dones.map(waitDone).every(Boolean) ? new Float64Array(pots) : undefined) };
    },
  };
}

/** Threads k-means may use: `--threads` / the library's `threads`, else SEGMENTA_THREADS, else every core. */
export function defaultThreads(): number {
  const env = Number(process.env['SEGMENTA_THREADS']);
  return Number.isInteger(env) && env >= 1 ? env : availableParallelism();
}

/**
 * Runs k-means restarts on up to `threads` threads: each thread takes the next restart not yet taken (a
 * shared counter), so no thread waits while another has several left, and the main thread starts at once
 * while helpers are still loading; it then waits (Atomics) for the helpers that took restarts, so callers
 * stay synchronous. Restart r always starts from seeds[r] and the winner is chosen as in `runRestarts`
 * (lowest inertia, then lowest restart index), so the result is the same on any number of threads and
 * however the restarts fell. A helper that fails has its restarts rerun here.
 */
export function runRestartsInParallel(x: Matrix, job: Omit<RestartJob, 'data' | 'rows' | 'cols' | 'restarts'>, nInit: number, threads: number): BatchBest {
  const local = (restarts: number[], queue?: RestartQueue): BatchBest | undefined =>
    runRestarts({ ...job, data: x.data, rows: x.rows, cols: x.cols, restarts, queue });
  const all = Array.from({ length: nInit }, (_, r) => r);
  const workers = nInit < 2 || threads < 2 ? [] : startedHelpers(Math.min(threads, nInit) - 1);
  if (!workers.length) return local(all)!;
  const next = new SharedArrayBuffer(4),
    takers = new SharedArrayBuffer(4 * nInit);
  const queue = (taker: number): RestartQueue => ({ next, takers, count: nInit, taker });
  const data = sharedData(x);
  const posted = workers.map((worker, h) => {
    const result = new SharedArrayBuffer(resultBytes(x.rows, x.cols, job.k));
    const done = new SharedArrayBuffer(4);
    worker.postMessage({ ...job, data, rows: x.rows, cols: x.cols, restarts: [], queue: queue(h + 2), result, done });
    return { result, done };
  });
  const batches = [local([], queue(1))].filter((b) => b !== undefined);
  // Every restart has been taken: its taker is marked a moment after (the counter first, then the mark).
  const taker = new Int32Array(takers);
  for (let r = 0; r < nInit; r++) while (Atomics.load(taker, r) === 0) Atomics.wait(taker, r, 0, 1);
  posted.forEach((p, h) => {
    const theirs = all.filter((r) => taker[r] === h + 2);
    if (theirs.length) batches.push(waitDone(p.done) ? readResult(p.result, x.rows, x.cols, job.k) : local(theirs)!);
  });
  const relocations = batches.reduce((s, b) => s + b.relocations, 0);
  const best = batches.reduce((a, b) => (outranks(b.run.inertia, b.restart, a) ? b : a));
  return { ...best, relocations };
}
