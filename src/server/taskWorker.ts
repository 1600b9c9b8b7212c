import { parentPort, workerData } from 'node:worker_threads';
import { useDuckDBGate } from '../data/duckdbGate.js';

/** What a task posts to the pool: progress, then exactly one final 'done' or 'error' message. */
export type PostTaskMessage = (message: { readonly type: 'progress' | 'done' | 'error' } & Record<string, unknown>) => void;

/**
 * The body of a pooled worker script (`WorkerPool`): each message from the pool is one task's data, handed to
 * `run`, which posts its progress and then one 'done' or 'error' message. Tasks come one at a time; the
 * worker stays for the next with its modules loaded and compiled (a cold start costs ~0.5 s of loading). Its
 * DuckDB calls pass the gate the pool gave it, so that the pool never terminates it inside one.
 */
export function serveTasks<T>(run: (data: T, post: PostTaskMessage) => Promise<void>): void {
  const port = parentPort!;
  joinPoolGate();
  port.on('message', (data: T) => void run(data, (m) => port.postMessage(m)));
}

/**
 * Joins the DuckDB gate a pool's worker was started with (`spawnGated`): its DuckDB calls are counted, and the
 * pool learns that its modules are loaded. Call once the script's imports are done; without a gate, nothing.
 */
export function joinPoolGate(): void {
  const { duckdbGate } = (workerData ?? {}) as { duckdbGate?: Int32Array };
  if (duckdbGate) useDuckDBGate(duckdbGate);
}
