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

/**
 * A bound on the worker threads the studio runs at once (default: one per core), so that many sessions
 * computing together queue instead of oversubscribing the machine. Tasks start in arrival order. A worker
 * that finished its task stays (idle, not holding the process open) for the next task of the same script
 * (`serveTasks`), so a task does not pay the worker's start and module loading again; a cancelled or failed
 * worker is terminated, not kept.
 */
export class WorkerPool {
  private running = 0;
  private readonly queue: Array<() => void> = [];
  private readonly idle = new Map<string, Worker[]>();
  private readonly gates = new WeakMap<Worker, Int32Array>();
  private readonly exited = new WeakSet<Worker>();

  constructor(readonly size = Math.max(1, availableParallelism())) {}

  /** The threads each task's k-means may use (`threadsPerJob`): the pool full never needs more than the cores. */
  get threadsPerTask(): number {
    return threadsPerJob(this.size);
  }

  /**
   * Runs `script`'s task on `data` on a worker once a slot is free. `onMessage` gets every message;
   * `onEnd` is called once, with an error message when the worker failed or stopped without finishing
   * (cancelled tasks end with "cancelled"). Workers start without the parent's execArgv.
   */
  run(script: URL, data: unknown, onMessage: (m: unknown) => void, onEnd: (error?: string) => void): PooledTask {
    let worker: Worker | undefined;
    let ended = false;
    const end = (error?: string): void => {
      if (ended) return;
      ended = true;
      if (worker) {
        worker.off('message', message).off('error', failed).off('exit', exited);
        if (error === undefined) this.keep(script, worker);
        else void this.stop(worker);
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
      worker = this.idle.get(script.href)?.pop() ?? this.spawn(script);
      worker.ref();
      worker.on('message', message).on('error', failed).on('exit', exited);
      worker.postMessage(data);
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
    await Promise.all(all.map((w) => this.stop(w)));
  }

  /** Terminates a worker once it has loaded its modules and is outside DuckDB (terminating it otherwise aborts the process). */
  private stop(worker: Worker): Promise<void> {
    const gate = this.gates.get(worker);
    return gate
      ? stopOutsideDuckDB(
          gate,
          () => worker.terminate(),
          () => this.exited.has(worker),
        )
      : worker.terminate().then(() => undefined);
  }

  /** A new worker for `script`; one that dies while idle leaves the idle list (its errors surface as 'exit' in a task). */
  private spawn(script: URL): Worker {
    const duckdbGate = newDuckDBGate();
    const worker = new Worker(script, { execArgv: [], workerData: { duckdbGate } });
    this.gates.set(worker, duckdbGate);
    worker.on('error', () => undefined);
    worker.once('exit', () => {
      this.exited.add(worker);
      const kept = this.idle.get(script.href);
      if (kept?.includes(worker))
        this.idle.set(
          script.href,
          kept.filter((w) => w !== worker),
        );
    });
    return worker;
  }

  /** Keeps a worker that finished its task for the next of its script (as many as the pool runs at once). */
  private keep(script: URL, worker: Worker): void {
    const kept = this.idle.get(script.href) ?? [];
    if (kept.length >= this.size) return void this.stop(worker);
    worker.unref();
    this.idle.set(script.href, [...kept, worker]);
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
  private readonly idle: Worker[] = [];
  private started = 0;
  private nextId = 0;
  private readonly queue: Array<(w: Worker) => void> = [];

  constructor(
    private readonly script: URL,
    readonly size = Math.max(1, availableParallelism()),
  ) {}

  /** Sends `data` to a free worker and resolves with its answer message. */
  request<T>(data: unknown): Promise<T & { type: 'done' | 'error' }> {
    return new Promise((resolve, reject) => {
      const id = ++this.nextId;
      const use = (worker: Worker): void => {
        const onMessage = (m: T & { id: number; type: 'done' | 'error' }): void => {
          if (m.id !== id) return;
          cleanup();
          this.release(worker);
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

  /** Stops every worker. */
  async close(): Promise<void> {
    const all = [...this.idle];
    this.idle.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    this.started++;
    const worker = new Worker(this.script, { execArgv: [] });
    worker.on('error', () => undefined); // surfaces as 'exit', which fails the request
    worker.unref();
    return worker;
  }

  private release(worker: Worker): void {
    const waiting = this.queue.shift();
    if (waiting) waiting(worker);
    else this.idle.push(worker);
  }

  private drain(): void {
    while (this.queue.length > 0 && this.started < this.size) this.queue.shift()!(this.spawn());
  }
}
