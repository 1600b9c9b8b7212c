import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool, type PooledTask } from '../../src/server/workerPool.js';
import { DATA_DIR } from '../helpers.js';

const script = new URL('../fixtures/threadIdTaskWorker.mjs', import.meta.url);
const reader = new URL('../fixtures/duckdbLoopTaskWorker.mjs', import.meta.url);
const pool = new WorkerPool(1);
afterAll(() => pool.close());

interface Answer {
  readonly type: string;
  readonly threadId: number;
  readonly echo?: string;
}

/** Runs one task on the pool: its messages and how it ended (undefined: finished). */
function task(data: object, started?: (t: PooledTask) => void, on = script): Promise<{ messages: Answer[]; error: string | undefined }> {
  return new Promise((resolve) => {
    const messages: Answer[] = [];
    const t = pool.run(
      on,
      data,
      (m) => messages.push(m as Answer),
      (error) => resolve({ messages, error }),
    );
    started?.(t);
  });
}

describe('WorkerPool keeps a worker for the next task of its script', () => {
  it('runs tasks in turn on the same worker, each with its own data; an answered error keeps it too', async () => {
    const first = await task({ echo: 'a' });
    const second = await task({ echo: 'b', fail: true });
    const third = await task({ echo: 'c' });
    expect(first.messages.map((m) => m.type)).toEqual(['progress', 'done']);
    expect([first, second, third].map((t) => [t.error, t.messages.at(-1)!.echo])).toEqual([
      [undefined, 'a'],
      [undefined, 'b'],
      [undefined, 'c'],
    ]);
    expect(second.messages.at(-1)!.type).toBe('error');
    expect(new Set([first, second, third].map((t) => t.messages[0]!.threadId)).size).toBe(1);
  });

  it('terminates a cancelled worker and one that stopped mid-task; the next task gets a new worker', async () => {
    const before = (await task({})).messages[0]!.threadId;
    let running: PooledTask | undefined;
    const cancelled = task({ wait: 5_000 }, (t) => (running = t));
    running!.cancel();
    expect(await cancelled).toEqual({ messages: [], error: 'cancelled' });
    const after = (await task({})).messages[0]!.threadId;
    expect(after).not.toBe(before);
    expect(await task({ exit: true })).toEqual({ messages: [], error: 'the computation stopped (exit code 3)' });
    const last = (await task({})).messages[0]!.threadId;
    expect(last).not.toBe(after);
    expect(pool.busy).toBe(0);
  });

  it('cancels a worker while it loads DuckDB or reads with it, without aborting the process (it stops once loaded and out of DuckDB)', async () => {
    // Without the gate, one of these terminations lands inside DuckDB or its loading and aborts this test process.
    // Stopped while loading its modules (DuckDB's binding among them), inside a read, or between reads.
    for (let i = 0; i < 16; i++) {
      const ms = 5 + ((i * 61) % 420);
      let running: PooledTask | undefined;
      const ended = task({ file: `${DATA_DIR}/cc_general.csv` }, (t) => (running = t), reader);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running!.cancel();
      expect((await ended).error).toBe('cancelled');
    }
    expect((await task({ file: `${DATA_DIR}/mall_customers.csv`, once: true }, undefined, reader)).error).toBeUndefined();
  });
});
