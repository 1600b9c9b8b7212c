import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Matrix } from '../util/matrix.js';
import type { CandidateHelper } from './kmeansPlusPlus.js';
import type { CandidateJob } from './kmeansWorker.js';
import { readResult, resultBytes, runRestarts, type BatchBest, type RestartJob } from './runRestarts.js';

/** One persistent helper worker and its "script loaded" flag (set to 1 by the worker). */
interface HelperSlot {
  readonly worker: Worker;
  readonly alive: Int32Array;
}

/** The helper workers started so far (helper i is reused by every later job that needs i + 1 helpers). */
const helpers: HelperSlot[] = [];
/** Set once a helper failed to start or died: every later call runs on the main thread only. */
let helpersBroken = false;
/** How long a job waits for a helper's script to load before running without it. */
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
export function sharedData(x: Matrix): SharedArrayBuffer {
  let sab = shared.get(x.data);
  if (!sab) {
    sab = new SharedArrayBuffer(x.data.byteLength);
    new Float64Array(sab).set(x.data);
    shared.set(x.data, sab);
  }
  return sab;
}

/** Starts `count` helper workers ahead of their first job, so their start-up overlaps the caller's work. */
export function warmHelpers(count: number): void {
  helperSlots(count);
}

/** The first `count` persistent helpers (started if needed), fewer when they are not available. */
function helperSlots(count: number): HelperSlot[] {
  if (helpersBroken || count < 1) return [];
  const path = workerPath();
  if (!path) return [];
  while (helpers.length < count) {
    const alive = new Int32Array(new SharedArrayBuffer(4));
    // Not the parent's execArgv: flags such as --input-type or -e would stop the worker from starting.
    const worker = new Worker(path, { execArgv: [], workerData: { alive: alive.buffer } });
    worker.on('error', () => retireHelpers());
    worker.on('exit', () => retireHelpers());
    worker.unref();
    helpers.push({ worker, alive });
  }
  return helpers.slice(0, count);
}

/** Forgets every helper after one failed; later calls run on the main thread only. */
function retireHelpers(): void {
  if (helpersBroken) return;
  helpersBroken = true;
  for (const h of helpers.splice(0)) void h.worker.terminate();
}

/**
 * Up to `count` helpers whose script has loaded (waiting for each synchronously up to START_TIMEOUT_MS), or
 * none when they cannot start: the caller then computes their shares itself, with the same result.
 */
export function readyHelpers(count: number): Worker[] {
  const slots = helperSlots(count);
  for (const slot of slots) {
    if (Atomics.load(slot.alive, 0) !== 1) Atomics.wait(slot.alive, 0, 0, START_TIMEOUT_MS);
    if (Atomics.load(slot.alive, 0) !== 1) {
      retireHelpers();
      return [];
    }
  }
  return slots.map((s) => s.worker);
}

/** Waits for a helper's job; true when it finished, false when it failed (its share is then redone here). */
function waitDone(done: SharedArrayBuffer): boolean {
  const flag = new Int32Array(done);
  Atomics.wait(flag, 0, 0);
  return flag[0] === 1;
}

/**
 * A k-means++ helper over `threads` threads: the main thread evaluates the first share of each step's
 * candidates (see `kmeansPlusPlus`), the helpers the rest in contiguous chunks, on shared memory; the chosen
 * centres are the same as on one thread. Undefined when no helper is available or `threads` < 2.
 */
export function parallelCandidateHelper(x: Matrix, threads: number, weights?: Float64Array): CandidateHelper | undefined {
  const workers = threads >= 2 ? readyHelpers(threads - 1) : [];
  if (!workers.length) return undefined;
  const n = x.rows,
    data = sharedData(x);
  const w = new SharedArrayBuffer(n * 8);
  new Float64Array(w).set(weights ?? new Float64Array(n).fill(1));
  const closest = new SharedArrayBuffer(n * 8);
  let out: SharedArrayBuffer | undefined;
  return {
    threads: workers.length + 1,
    start(candidates, near) {
      if (candidates.length === 0) return undefined;
      if (!out || out.byteLength < candidates.length * n * 8) out = new SharedArrayBuffer(candidates.length * n * 8);
      new Float64Array(closest).set(near);
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
          data,
          weights: w,
          closest,
          out: out!,
          pots,
          rows: n,
          cols: x.cols,
          candidates: chunk,
          base: h * per,
          done,
        };
        worker.postMessage(job);
      });
      const buffer = out;
      return {
        finish() {
          const ok = dones.map(waitDone).every(Boolean);
          if (!ok) return undefined;
          return { pots: new Float64Array(pots), distances: (j: number) => new Float64Array(buffer, j * n * 8, n) };
        },
      };
    },
  };
}

/** Threads k-means may use: `--threads` / the library's `threads`, else SEGMENTA_THREADS, else every core. */
export function defaultThreads(): number {
  const env = Number(process.env['SEGMENTA_THREADS']);
  return Number.isInteger(env) && env >= 1 ? env : availableParallelism();
}

/**
 * Runs k-means restarts on up to `threads` threads: restart r goes to thread r mod T (T = min(threads,
 * restarts, 1 + available helpers)); the main thread runs its share, then waits (Atomics) for the helpers,
 * so callers stay synchronous. The winner is chosen as in `runRestarts` (lowest inertia, then lowest restart
 * index), so the result is the same on any number of threads. A helper that fails has its share rerun here.
 */
export function runRestartsInParallel(x: Matrix, job: Omit<RestartJob, 'data' | 'rows' | 'cols' | 'restarts'>, nInit: number, threads: number): BatchBest {
  const all = Array.from({ length: nInit }, (_, r) => r);
  const workers = nInit < 2 || threads < 2 ? [] : readyHelpers(Math.min(threads, nInit) - 1);
  const local = (restarts: number[]): BatchBest => runRestarts({ ...job, data: x.data, rows: x.rows, cols: x.cols, restarts })!;
  if (!workers.length) return local(all);
  const t = workers.length + 1;
  const sab = sharedData(x);
  const posted = workers.map((worker, h) => {
    const restarts = all.filter((r) => r % t === h + 1);
    const result = new SharedArrayBuffer(resultBytes(x.rows, x.cols, job.k));
    const done = new SharedArrayBuffer(4);
    worker.postMessage({ ...job, data: sab, rows: x.rows, cols: x.cols, restarts, result, done });
    return { restarts, result, done };
  });
  const batches = [local(all.filter((r) => r % t === 0))];
  for (const p of posted) batches.push(waitDone(p.done) ? readResult(p.result, x.rows, x.cols, job.k) : local(p.restarts));
  const relocations = batches.reduce((s, b) => s + b.relocations, 0);
  const best = batches.reduce((a, b) => (b.run.inertia < a.run.inertia || (b.run.inertia === a.run.inertia && b.restart < a.restart) ? b : a));
  return { ...best, relocations };
}
