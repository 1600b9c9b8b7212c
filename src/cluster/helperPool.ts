import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Matrix } from '../util/matrix.js';
import type { PassKind } from './rowPasses.js';

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

/** The helper worker's script: beside this module when built, else the built copy (when running sources). */
function workerPath(): string | undefined {
  const here = fileURLToPath(new URL('./kmeansWorker.js', import.meta.url));
  if (existsSync(here)) return here;
  const built = fileURLToPath(new URL('../../dist/cluster/kmeansWorker.js', import.meta.url));
  return existsSync(built) ? built : undefined;
}

/**
 * The data of a matrix in shared memory: its own buffer when that is shared already (`sharedZeros`), else a
 * copy made now. Never a copy kept from an earlier call: a caller may change a matrix in place between two
 * fits, and helpers reading the old values gave another answer than one thread. O(n · d) when it copies.
 */
export function sharedData(x: Matrix): SharedArrayBuffer {
  const own = x.data.buffer;
  if (own instanceof SharedArrayBuffer && x.data.byteOffset === 0 && x.data.byteLength === own.byteLength) return own;
  const sab = new SharedArrayBuffer(x.data.byteLength);
  new Float64Array(sab).set(x.data);
  return sab;
}

/**
 * `x` when its data are in shared memory already, else a copy there (`sharedData`): what one call's helper
 * threads read, placed once for the call (its seeding steps, restarts and passes), not once per step.
 */
export function inSharedMemory(x: Matrix): Matrix {
  const data = new Float64Array(sharedData(x));
  return data.buffer === x.data.buffer ? x : { rows: x.rows, cols: x.cols, data };
}

/** Starts `count` helper workers ahead of their first job, so their start-up overlaps the caller's work; false when they cannot start. */
export function warmHelpers(count: number): boolean {
  return helperSlots(count).length === count;
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
 * The first `count` helpers, started if needed, whether or not their scripts have loaded yet (a job posted
 * now waits in the helper's queue until it has): for work shared out as the threads become free. None when
 * helpers cannot start. O(count).
 */
export function startedHelpers(count: number): Worker[] {
  const slots = helperSlots(count);
  return slots.length === count ? slots.map((s) => s.worker) : [];
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

/**
 * The first `count` helpers if their scripts have all loaded by now, else none (and they go on starting):
 * for work the calling thread can do itself meanwhile, instead of waiting. O(count).
 */
export function helpersIfReady(count: number): Worker[] {
  const slots = helperSlots(count);
  return slots.length === count && slots.every((s) => Atomics.load(s.alive, 0) === 1) ? slots.map((s) => s.worker) : [];
}

/** A message that makes a helper's next pass of one kind fail halfway through its chunk, or its next fit's set-up fail. */
export interface HelperFault {
  readonly kind: 'fault';
  readonly at: PassKind | 'setup';
}

/**
 * For tests of the failure path: the first helper (started if needed) fails the next time it runs a pass of
 * this kind, after writing the first half of its chunk, or (`'setup'`) when it next sets up a fit's passes.
 * False when no helper can start. O(1).
 */
export function injectHelperFault(at: PassKind | 'setup'): boolean {
  const [worker] = startedHelpers(1);
  if (!worker) return false;
  const fault: HelperFault = { kind: 'fault', at };
  worker.postMessage(fault);
  return true;
}

/** Waits for a helper's job; true when it finished, false when it failed (its share is then redone here). */
export function waitDone(done: SharedArrayBuffer): boolean {
  const flag = new Int32Array(done);
  Atomics.wait(flag, 0, 0);
  return flag[0] === 1;
}
