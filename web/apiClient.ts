import type { ErrorAnswer } from '../src/server/api.js';

/** Below this width (CSS px) charts come laid out for a phone: stacked panels, no text under 10 px. */
const NARROW = '(max-width: 600px)';

/**
 * A request to the studio's API: its JSON answer, or an Error with the server's one line. It says which
 * screen to lay charts out for (`x-segmenta-layout`), as the window is when it is sent.
 */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('x-segmenta-layout', matchMedia(NARROW).matches ? 'narrow' : 'wide');
  const res = await fetch(path, { credentials: 'same-origin', ...init, headers });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { error: text || res.statusText };
  }
  if (!res.ok) throw new Error((body as Partial<ErrorAnswer>).error ?? `request failed (${res.status})`);
  return body as T;
}

/** POSTs a JSON body. */
export const postJson = <T>(path: string, body: object = {}): Promise<T> =>
  api<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A job as every GET of one answers (see src/server/jobSlot.ts). */
export interface PolledJob {
  readonly status: 'running' | 'done' | 'error' | 'cancelled';
  readonly stage: string;
  readonly done: number;
  readonly total: number;
  readonly error?: string;
}

/**
 * Polls a job until it is done: `progress` sees every answer (to draw a bar); an error or a cancel throws
 * with the server's words. Returns the finished answer.
 */
export async function pollJob<T extends PolledJob>(path: string, progress: (job: T) => void, everyMs = 250): Promise<T> {
  for (;;) {
    const job = await api<T>(path);
    progress(job);
    if (job.status === 'error' || job.status === 'cancelled') throw new Error(job.error ?? 'the computation stopped');
    if (job.status === 'done') return job;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
