import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

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
 * computing together queue instead of oversubscribing the machine. Tasks start in arrival order.
 */
export class WorkerPool {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(readonly size = Math.max(1, availableParallelism())) {}

  /** The threads each task's k-means may use (`threadsPerJob`): the pool full never needs more than the cores. */
  get threadsPerTask(): number {
    return threadsPerJob(this.size);
  }

  /**
   * Runs `script` with `workerData` on a worker once a slot is free. `onMessage` gets every message;
   * `onEnd` is called once, with an error message when the worker failed or stopped without finishing
   * (cancelled tasks end with "cancelled"). Workers start without the parent's execArgv.
   */
  run(script: URL, workerData: unknown, onMessage: (m: unknown) => void, onEnd: (error?: string) => void): PooledTask {
    let worker: Worker | undefined;
    let ended = false;
    const end = (error?: string): void => {
      if (ended) return;
      ended = true;
      if (worker) {
        this.running--;
        this.next();
      }
      onEnd(error);
    };
    const start = (): void => {
      if (ended) return void this.next();
      this.running++;
      worker = new Worker(script, { workerData, execArgv: [] });
      worker.on('message', (m: { type?: string }) => {
        onMessage(m);
        if (m.type === 'done' || m.type === 'error') end();
      });
      worker.on('error', (e) => end(`the computation failed (${e.message})`));
      worker.on('exit', (code) => end(code === 0 ? undefined : `the computation stopped (exit code ${code})`));
    };
    if (this.running < this.size) start();
    else this.queue.push(start);
    return {
      cancel: () => {
        if (ended) return;
        const w = worker;
        end('cancelled');
        void w?.terminate();
      },
    };
  }

  /** Workers running now. */
  get busy(): number {
    return this.running;
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
