import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { newDuckDBGate, stopOutsideDuckDB } from '../data/duckdbGate.js';

/** A piece of work on a pooled worker thread: its messages, its end, and a way to stop it. */
export interface PooledTask {
  /** Stops the work: a queued task never starts, a running worker is terminated. */
  cancel(): void;
}

/** Jobs the studio computes at once by default: half the cores, at least one (each job's k-means uses the rest). */
export function jobsAtOnce(cores = availableParallelism()): number {
  return Math.max(1, Math.floor(cores / 2));
}

/**
 * The threads one job's k-means gets when `jobs` run at once: the one place that shares the cores, so that a
 * full pool never runs more k-means threads than there are cores. At least one.
 */
export function threadsPerJob(jobs: number, cores = availableParallelism()): number {
  return Math.max(1, Math.floor(cores / jobs));
}

/** A pooled worker thread and the way to stop it: terminated once it is loaded and outside DuckDB (duckdbGate.ts). */
interface GatedWorker {
  readonly worker: Worker;
  stop(): Promise<void>;
}

/**
 * Starts `script` on a worker thread with a DuckDB gate in its workerData (the script joins it: `joinPoolGate`),
 * without the parent's execArgv. Terminating a thread inside DuckDB or while it loads the binding aborts the
 * process, so `stop` waits for neither; a thread that exited by itself is not waited for.
 */
function spawnGated(script: URL): GatedWorker {
  const duckdbGate = newDuckDBGate();
  const worker = new Worker(script, { execArgv: [], workerData: { duckdbGate } });
  let exited = false;
  worker.once('exit', () => (exited = true));
  worker.on('error', () => undefined); // surfaces as 'exit', which fails the task or request
  return {
    worker,
    stop: () =>
      stopOutsideDuckDB(
        duckdbGate,
        () => worker.terminate(),
        () => exited,
      ),
  };
}

/**
 * A bound on the worker threads the studio runs at once (default: one per core), so that many sessions
 * computing together queue instead of oversubscribing the machine. Tasks start in arrival order. A worker
 * that finished its task stays (idle, not holding the process open) for the next task of the same script
 * (`serveTasks`), so a task does not pay the worker's start and module loading again; a cancelled or failed
 * worker is stopped, not kept.
 */
export class WorkerPool {
  private running = 0;
  private readonly queue: Array<() => void> = [];
  private readonly idle = new Map<string, GatedWorker[]>();

  constructor(readonly size = Math.max(1, availableParallelism())) {}

  /** The threads each task's k-means may use (`threadsPerJob`): the pool full never needs more than the cores. */
  get threadsPerTask(): number {
    return threadsPerJob(this.size);
  }

  /**
   * Runs `script`'s task on `data` on a worker once a slot is free. `onMessage` gets every message;
   * `onEnd` is called once, with an error message when the worker failed or stopped without finishing
   * (cancelled tasks end with "cancelled").
   */
  run(script: URL, data: unknown, onMessage: (m: unknown) => void, onEnd: (error?: string) => void): PooledTask {
    let held: GatedWorker | undefined;
    let ended = false;
    const end = (error?: string): void => {
      if (ended) return;
      ended = true;
      if (held) {
        held.worker.off('message', message).off('error', failed).off('exit', exited);
        if (error === undefined) this.keep(script, held);
        else void held.stop();
        this.running--;
        this.next();
      }
      onEnd(error);
    };
    const message = (m: { type?: string }): void => {
      onMessage(m);
      if (m.type === 'done' || m.type === 'error') end();
    };
    const failed = (e: Error): void => end(`the computation failed (${e.message})`);
    const exited = (code: number): void => end(`the computation stopped (exit code ${code})`);
    const start = (): void => {
      if (ended) return void this.next();
      this.running++;
      held = this.idle.get(script.href)?.pop() ?? this.spawn(script);
      held.worker.ref();
      held.worker.on('message', message).on('error', failed).on('exit', exited);
      held.worker.postMessage(data);
    };
    if (this.running < this.size) start();
    else this.queue.push(start);
    return { cancel: () => end('cancelled') };
  }

  /** Workers running now. */
  get busy(): number {
    return this.running;
  }

  /** Stops the idle workers. */
  async close(): Promise<void> {
    const all = [...this.idle.values()].flat();
    this.idle.clear();
    await Promise.all(all.map((w) => w.stop()));
  }

  /** A new worker for `script`; one that dies while idle leaves the idle list. */
  private spawn(script: URL): GatedWorker {
    const gated = spawnGated(script);
    gated.worker.once('exit', () => {
      const kept = this.idle.get(script.href);
      if (kept)
        this.idle.set(
          script.href,
          kept.filter((w) => w !== gated),
        );
    });
    return gated;
  }

  /** Keeps a worker that finished its task for the next of its script (as many as the pool runs at once). */
  private keep(script: URL, gated: GatedWorker): void {
    const kept = this.idle.get(script.href) ?? [];
    if (kept.length >= this.size) return void gated.stop();
    gated.worker.unref();
    this.idle.set(script.href, [...kept, gated]);
  }

  private next(): void {
    while (this.running < this.size && this.queue.length > 0) this.queue.shift()!();
  }
}

/**
 * Long-lived worker threads for short requests (the studio's views): each worker loads its script once and
 * answers requests `{ id, data }` with `{ id, type: 'done' | 'error', … }`, one at a time; requests queue for
 * a free worker. A worker that dies fails its request and is replaced on the next one.
 */
export class ServicePool {
  private readonly idle: GatedWorker[] = [];
  private started = 0;
  private nextId = 0;
  private readonly queue: Array<(w: GatedWorker) => void> = [];

  constructor(
    private readonly script: URL,
    readonly size = Math.max(1, availableParallelism()),
  ) {}

  /** Sends `data` to a free worker and resolves with its answer message. */
  request<T>(data: unknown): Promise<T & { type: 'done' | 'error' }> {
    return new Promise((resolve, reject) => {
      const id = ++this.nextId;
      const use = (gated: GatedWorker): void => {
        const { worker } = gated;
        const onMessage = (m: T & { id: number; type: 'done' | 'error' }): void => {
          if (m.id !== id) return;
          cleanup();
          this.release(gated);
          resolve(m);
        };
        const onExit = (): void => {
          cleanup();
          this.started--;
          this.drain();
          reject(new Error('the view worker stopped'));
        };
        const cleanup = (): void => {
          worker.off('message', onMessage);
          worker.off('exit', onExit);
        };
        worker.on('message', onMessage);
        worker.on('exit', onExit);
        worker.postMessage({ id, data });
      };
      const free = this.idle.pop();
      if (free) use(free);
      else if (this.started < this.size) use(this.spawn());
      else this.queue.push(use);
    });
  }

  /** Starts one worker ahead of the first request, so that its modules are loaded when it comes. */
  warm(): void {
    if (this.started === 0) this.idle.push(this.spawn());
  }

  /** Stops every idle worker (once it is loaded and outside DuckDB: a baseline is read with it). */
  async close(): Promise<void> {
    const all = [...this.idle];
    this.idle.length = 0;
    await Promise.all(all.map((w) => w.stop()));
  }

  private spawn(): GatedWorker {
    this.started++;
    const gated = spawnGated(this.script);
    gated.worker.unref();
    return gated;
  }

  private release(gated: GatedWorker): void {
    const waiting = this.queue.shift();
    if (waiting) waiting(gated);
    else this.idle.push(gated);
  }

  private drain(): void {
    while (this.queue.length > 0 && this.started < this.size) this.queue.shift()!(this.spawn());
  }
}
