/**
 * Terminating a worker thread while DuckDB's Node API works on it, or while the thread still loads that
 * binding, aborts the whole process ("terminate called after throwing an instance of 'Napi::Error'"). So a
 * pooled worker shares a gate with its pool: slot 0 counts its DuckDB calls in progress, slot 1 is set once
 * the pool wants the thread stopped, slot 2 once the thread's modules are loaded. A call that finds the pool
 * stopping waits to be terminated instead of starting; the pool terminates the thread only when it is loaded
 * and no call is in progress. Outside a pooled worker (the CLI, tests) there is no gate.
 */
const CALLS = 0;
const STOPPING = 1;
const LOADED = 2;
let gate: Int32Array | undefined;

/** A new gate for one worker thread, in shared memory. */
export function newDuckDBGate(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
}

/** Makes this thread's DuckDB calls pass `shared` and says its modules are loaded (a pooled worker, once it has imported them). */
export function useDuckDBGate(shared: Int32Array): void {
  gate = shared;
  Atomics.store(shared, LOADED, 1);
}

/** Before a DuckDB call: counted in, or, when the pool is stopping this thread, blocked until it is terminated. */
export function enterDuckDB(): void {
  if (!gate) return;
  Atomics.add(gate, CALLS, 1);
  if (Atomics.load(gate, STOPPING) !== 1) return;
  leaveDuckDB();
  for (;;) Atomics.wait(gate, STOPPING, 1);
}

/** After a DuckDB call (its connection and database closed). */
export function leaveDuckDB(): void {
  if (gate) Atomics.sub(gate, CALLS, 1);
}

/**
 * Stops a worker through its gate: no new DuckDB call starts on it, and `stop` runs once it has loaded its
 * modules and no call is in progress, or once it is `gone` (exited by itself); checked every 5 ms.
 */
export async function stopOutsideDuckDB(shared: Int32Array, stop: () => Promise<unknown>, gone: () => boolean): Promise<void> {
  Atomics.store(shared, STOPPING, 1);
  while (!gone() && (Atomics.load(shared, LOADED) === 0 || Atomics.load(shared, CALLS) > 0)) await new Promise((resolve) => setTimeout(resolve, 5));
  await stop();
}
