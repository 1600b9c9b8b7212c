import type { Matrix } from '../util/matrix.js';
import type { KMeansRun, KMeansRunArgs, KMeansRunner } from './kmeansRun.js';
import { scratchBytes } from './scratch.js';
import { readyHelpers, sharedData } from './helperPool.js';
import { chunkOf, passState, runPass, type BoundsKind, type PassBuffers, type PassKind, type PassState } from './rowPasses.js';

/** The shared buffers a helper needs to run passes over its chunk of rows. */
export interface PassesJob {
  readonly kind: 'passes';
  readonly X: SharedArrayBuffer;
  readonly n: number;
  readonly d: number;
  readonly k: number;
  readonly buffers: PassBuffers;
  readonly bounds: BoundsKind;
  /** [generation, pass, helpers done, error flag per helper…] (Int32). */
  readonly control: SharedArrayBuffer;
  /** This helper's chunk (1 … chunks − 1; the calling thread takes chunk 0). */
  readonly chunk: number;
  readonly chunks: number;
}

/** Slots of the control array. */
export const CONTROL = Object.freeze({ generation: 0, pass: 1, done: 2, errors: 3 });
/** The pass number that ends a helper's loop. */
export const STOP_PASS = 0;

/**
 * A helper failed in a pass. Its chunk may be half-written, and Hamerly's and Elkan's bound updates are not
 * idempotent (running a row twice shifts its bounds twice and loses the label it came from), so no pass is
 * redone over it: the fit starts again on one thread (`fitSurvivingHelpers`).
 */
export class HelperFailure extends Error {}

/**
 * Runs `fit` (on the threads `args` ask for); when a helper fails in one of its passes, runs it again from
 * the same initial centres on this thread alone: the bits of an undisturbed run, at the cost of the fit twice.
 * `lloyd`, `hamerly` and `elkan` run their fits through it.
 */
export function fitSurvivingHelpers(fit: KMeansRunner, args: KMeansRunArgs): KMeansRun {
  try {
    return fit(args);
  } catch (error) {
    if (!(error instanceof HelperFailure)) throw error;
    fitsRunAgain++;
    return fit({ ...args, threads: 1 });
  }
}

/** Fits run again on one thread after a helper failed, in this thread's life. */
let fitsRunAgain = 0;

/**
 * How many fits this thread has run again on one thread because a helper failed (`fitSurvivingHelpers`):
 * the answer is the same, so only this count tells a test that helpers failed and the fit took twice as long.
 */
export function helperFailureCount(): number {
  return fitsRunAgain;
}

/** Runs the per-row passes of one fit on the calling thread and, when available, helper threads. */
export interface PassRunner {
  readonly state: PassState;
  /** Threads taking part, the calling thread included. */
  readonly threads: number;
  /** Runs a pass over every row (the calling thread takes the first chunk) and returns when all are done; throws `HelperFailure` when a helper failed in it. */
  run(pass: PassKind): void;
  /** Releases the helpers (call once, also after an error). */
  close(): void;
}

/**
 * The state and runner of one fit's passes: with `threads` ≥ 2 and helpers available, the arrays live in
 * shared memory and each pass splits the rows into `threads` equal chunks, helper h taking chunk h; a pass in
 * which a helper failed throws `HelperFailure` once every thread is done with it. The helpers stay inside the
 * fit (waiting on Atomics between passes) until `close`. `bounds`: the per-row bounds the fit keeps.
 * O(n + k · d) memory.
 */
export function openPassRunner(x: Matrix, k: number, threads: number, bounds: BoundsKind): PassRunner {
  const n = x.rows,
    d = x.cols;
  const workers = threads >= 2 && n >= 2 * threads ? readyHelpers(threads - 1) : [];
  const shared = workers.length > 0;
  // On one thread the per-row arrays are the thread's scratch memory, reused fit after fit (every pass
  // writes them before reading them); with helpers they are fresh shared memory.
  const bytes = (count: number, per: number, name?: string): ArrayBuffer | SharedArrayBuffer =>
    shared ? new SharedArrayBuffer(count * per) : name && count > 0 ? scratchBytes(name, count * per) : new ArrayBuffer(count * per);
  // Per-row bounds only when the fit uses them (Lloyd: labels and distances only; Elkan: k lower bounds a row).
  const rows = bounds === 'none' ? 0 : n;
  const lowers = bounds === 'elkan' ? n * k : rows;
  const raw: PassBuffers = {
    C: bytes(k * d, 8),
    labels: bytes(n, 4, 'pass.labels'),
    dist: bytes(n, 8, 'pass.dist'),
    upper: bytes(rows, 8, 'pass.upper'),
    lower: bytes(lowers, 8, 'pass.lower'),
    cc: bytes(bounds === 'elkan' ? k * k : 0, 8),
    halfGap: bytes(k, 8),
    moved: bytes(k, 8),
    moves: bytes(3, 8),
    from: bytes(rows, 4, 'pass.from'),
  };
  const Xbuffer = shared ? sharedData(x) : undefined;
  const state = passState(Xbuffer ? new Float64Array(Xbuffer) : x.data, n, d, k, raw, bounds);
  if (!shared) return { state, threads: 1, run: (pass) => runPass(pass, state, 0, n), close: () => undefined };
  const chunks = workers.length + 1;
  const control = new Int32Array(new SharedArrayBuffer(4 * (CONTROL.errors + chunks)));
  workers.forEach((worker, h) => {
    const job: PassesJob = {
      kind: 'passes',
      X: Xbuffer!,
      n,
      d,
      k,
      buffers: raw,
      bounds,
      control: control.buffer as SharedArrayBuffer,
      chunk: h + 1,
      chunks,
    };
    worker.postMessage(job);
  });
  let closed = false;
  const signal = (pass: number): void => {
    Atomics.store(control, CONTROL.done, 0);
    Atomics.store(control, CONTROL.pass, pass);
    Atomics.add(control, CONTROL.generation, 1);
    Atomics.notify(control, CONTROL.generation);
  };
  return {
    state,
    threads: chunks,
    run(pass) {
      signal(pass);
      const [start, end] = chunkOf(n, 0, chunks);
      runPass(pass, state, start, end);
      for (let done = Atomics.load(control, CONTROL.done); done < workers.length; done = Atomics.load(control, CONTROL.done))
        Atomics.wait(control, CONTROL.done, done);
      for (let c = 1; c < chunks; c++)
        if (Atomics.load(control, CONTROL.errors + c) !== 0) throw new HelperFailure(`k-means helper ${c} failed in pass ${pass}`);
    },
    close() {
      if (closed) return;
      closed = true;
      signal(STOP_PASS);
    },
  };
}
