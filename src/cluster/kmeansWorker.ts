import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { candidatePotentials } from './candidatePass.js';
import { runRestarts, type RestartJob } from './runRestarts.js';
import type { CandidateJob } from './restartPool.js';
import { runFitsJob, type FitsJob } from './fitsJob.js';
import { CONTROL, STOP_PASS, type PassesJob } from './passRunner.js';
import type { HelperFault } from './helperPool.js';
import { chunkOf, passState, runPass, type PassKind, type PassState } from './rowPasses.js';

/**
 * A full collection of this helper's heap. An idle helper never collects on its own, so the typed arrays
 * of a finished job on a large matrix kept their shared and private buffers alive (10M rows: ~500 MB held
 * until the process ended). `--expose-gc` set now only reaches contexts created afterwards: this one.
 */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Rows from which a finished job's memory is handed back at once (a full collection costs a few ms). */
const COLLECT_FROM_ROWS = 500_000;

/** Tells the waiting main thread that this script has loaded and takes jobs. */
function announce(): void {
  const alive = (workerData as { alive?: SharedArrayBuffer } | undefined)?.alive;
  if (!alive) return;
  const flag = new Int32Array(alive);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

/** What a helper is sent: a share of restarts, of a seeding step's candidates or of a batch of fits, a fit's passes, or a fault to inject. */
type HelperMessage =
  (RestartJob & { kind?: 'restarts'; result: SharedArrayBuffer; done: SharedArrayBuffer }) | CandidateJob | FitsJob | PassesJob | HelperFault;

/**
 * A helper thread of parallel k-means: runs its share of restarts, of a k-means++ step's candidates or of
 * a batch of independent fits, on shared memory, hands the results back (shared memory, or the batch's
 * port) and wakes the waiting main thread.
 */
parentPort!.on('message', (job: HelperMessage) => {
  if (job.kind === 'fault') {
    faultAt = job.at;
    return;
  }
  if (job.kind === 'passes') {
    runPasses(job);
    if (job.n >= COLLECT_FROM_ROWS) setImmediate(collect);
    return;
  }
  const flag = new Int32Array(job.done);
  try {
    if (job.kind === 'candidates') {
      const slot = (s: number): Float64Array => new Float64Array(job.distances, s * job.rows * 8, job.rows);
      const offsets = Array.from(job.candidates, (c) => c * job.cols);
      const w = job.weights && new Float64Array(job.weights);
      const pots = candidatePotentials(new Float64Array(job.data), job.cols, job.rows, offsets, slot(job.near), w, job.outs.map(slot));
      new Float64Array(job.pots).set(pots, job.base);
    } else if (job.kind === 'fits') runFitsJob(job);
    else runRestarts(job, job.result);
    Atomics.store(flag, 0, 1);
  } catch {
    Atomics.store(flag, 0, 2);
  }
  Atomics.notify(flag, 0);
  // After the caller is woken, and once this handler has returned (its `job` holds the buffers): the
  // collection costs the helper's idle time, not the caller's.
  if (job.kind !== 'fits' && job.rows >= COLLECT_FROM_ROWS) setImmediate(collect);
});
announce();

/** Where this helper fails next (`injectHelperFault`, for tests): halfway through a pass of this kind, or at the set-up. */
let faultAt: HelperFault['at'] | undefined;

/** Runs a pass over rows [start, end), or, when a fault was injected for it, over their first half and then fails. */
function runOrFail(pass: PassKind, state: PassState | undefined, start: number, end: number): void {
  if (!state) throw new Error('the passes could not be set up');
  if (pass !== faultAt) return runPass(pass, state, start, end);
  faultAt = undefined;
  runPass(pass, state, start, (start + end) >> 1);
  throw new Error(`injected fault in pass ${pass}`);
}

/** This helper's view of the fit's shared arrays; undefined when it cannot be made (every pass then fails). */
function setUp(job: PassesJob): PassState | undefined {
  try {
    if (faultAt === 'setup') {
      faultAt = undefined;
      throw new Error('injected fault at the set-up');
    }
    return passState(new Float64Array(job.X), job.n, job.d, job.k, job.buffers, job.bounds);
  } catch {
    return undefined;
  }
}

/**
 * Takes part in one fit's per-row passes: waits (Atomics) for the next pass, runs it over this helper's
 * chunk, counts itself done (flagging an error: the caller then runs the fit again on one thread), until the
 * stop pass. Nothing it does may throw out of this loop: the calling thread waits for its count, and an
 * exited helper would leave it waiting for ever.
 */
function runPasses(job: PassesJob): void {
  const control = new Int32Array(job.control);
  const state = setUp(job);
  const [start, end] = chunkOf(job.n, job.chunk, job.chunks);
  let generation = 0;
  for (;;) {
    Atomics.wait(control, CONTROL.generation, generation);
    generation = Atomics.load(control, CONTROL.generation);
    const pass = Atomics.load(control, CONTROL.pass);
    if (pass === STOP_PASS) return;
    try {
      runOrFail(pass as PassKind, state, start, end);
    } catch {
      Atomics.store(control, CONTROL.errors + job.chunk, 1);
    }
    Atomics.add(control, CONTROL.done, 1);
    Atomics.notify(control, CONTROL.done);
  }
}
