import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** A piece of work on a pooled worker thread: its messages, its end, and a way to stop it. */
export interface PooledTask {
  /** Stops the work: a queued task never starts, a running worker is terminated. */
  cancel(): void;
}

/**
 * A bound on the worker threads the studio runs at once (default: one per core), so that many sessions
 * computing together queue instead of oversubscribing the machine. Tasks start in arrival order.
 */
export class WorkerPool {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(readonly size = Math.max(1, availableParallelism())) {}

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

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  private next(): void {
    while (this.running < this.size && this.queue.length > 0) this.queue.shift()!();
  }
}
