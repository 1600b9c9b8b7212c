import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PooledTask } from './workerPool.js';
import type { Table } from '../data/table.js';
import type { SegmentaModel } from '../model/model.js';
import type { SummaryDocument } from '../output/summaryJson.js';
import type { SegmentOptions } from '../pipeline/segment.js';
import type { Matrix } from '../util/matrix.js';

/** A finished segmentation held by a session. */
export interface SessionRun {
  readonly summary: SummaryDocument;
  readonly model: SegmentaModel;
  readonly labels: Int32Array;
  readonly matrix: Matrix;
}

/** Background work of a session: the k sweep or a fixed-k run, in a worker thread. */
export interface SessionJob {
  readonly id: string;
  status: 'running' | 'done' | 'error' | 'cancelled';
  stage: string;
  done: number;
  total: number;
  error?: string;
}

/** One browser's state: its private temp folder, data, setup, job, result and segment names. */
export interface Session {
  readonly id: string;
  /** The session's own temp folder; uploads are written only here, under fixed names. */
  readonly dir: string;
  lastSeen: number;
  table?: Table;
  dataName?: string;
  setup?: SegmentOptions;
  job?: SessionJob;
  run?: SessionRun;
  /** The choose-k sweep, kept when the user then fixes k. */
  sweep?: SummaryDocument['k'];
  /** The Compare view's job and result. */
  compareJob?: SessionJob;
  comparison?: unknown;
  /** The running worker tasks (data load, job, comparison), to cancel when the data change or the session ends. */
  tasks: { load?: PooledTask; job?: PooledTask; compare?: PooledTask };
  /** Counts data loads: only the latest load's result is installed. */
  loads: number;
  /** A previous model to keep segment numbers and names from (Segments view), in `dir`/baseline. */
  baseline?: { readonly name: string; readonly path: string; customers: boolean };
}

/** Cancels a session's running job and comparison and forgets its setup and results (new data or setup). */
export function resetWork(session: Session): void {
  session.tasks.job?.cancel();
  session.tasks.compare?.cancel();
  session.tasks = { ...(session.tasks.load ? { load: session.tasks.load } : {}) };
  session.setup = undefined;
  session.run = undefined;
  session.job = undefined;
  session.sweep = undefined;
  session.compareJob = undefined;
  session.comparison = undefined;
}

/** Prefix of the studio's private temp folders (one per server process). */
const ROOT_PREFIX = 'segmenta-sessions-';

/**
 * A new private folder (mode 0700) for a server's sessions, with its owner's pid recorded; first removes the
 * folders of earlier servers that are no longer running (e.g. killed with -9), uploads and all.
 */
export function privateSessionsRoot(base = tmpdir()): string {
  for (const name of readdirSync(base)) {
    if (!name.startsWith(ROOT_PREFIX)) continue;
    const dir = join(base, name);
    try {
      // Only real folders of this user: never a link planted by someone else, never another user's folder.
      const st = lstatSync(dir);
      if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid())) continue;
      const pid = Number(readFileSync(join(dir, 'owner.pid'), 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid)) rmSync(dir, { recursive: true, force: true });
    } catch {
      // not ours, or not readable: left alone
    }
  }
  const root = mkdtempSync(join(base, ROOT_PREFIX));
  writeFileSync(join(root, 'owner.pid'), String(process.pid));
  return root;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Sessions keyed by an unguessable id (192 random bits), each with a private temp folder under `root`.
 * Sessions idle longer than `ttlMs` are deleted with their folder by a periodic sweep; at most `maxSessions`
 * live at once (the longest idle is evicted for a new one); `close` deletes all. Removing a session cancels
 * its running work.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly root: string,
    private readonly ttlMs: number,
    private readonly maxSessions = 100,
  ) {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    this.timer = setInterval(() => this.expire(), Math.min(ttlMs, 60_000));
    this.timer.unref();
  }

  /** Creates a new empty session. */
  create(): Session {
    while (this.sessions.size >= this.maxSessions) {
      let oldest: Session | undefined;
      for (const s of this.sessions.values()) if (!oldest || s.lastSeen < oldest.lastSeen) oldest = s;
      this.remove(oldest!);
    }
    const id = randomBytes(24).toString('base64url');
    const dir = join(this.root, id);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const session: Session = { id, dir, lastSeen: Date.now(), tasks: {}, loads: 0 };
    this.sessions.set(id, session);
    return session;
  }

  /** The live session with this id (touching it), or undefined. */
  get(id: string | undefined): Session | undefined {
    const s = id === undefined ? undefined : this.sessions.get(id);
    if (s) s.lastSeen = Date.now();
    return s;
  }

  /** Deletes sessions idle for longer than the time to live, with their folders. */
  expire(now = Date.now()): number {
    let n = 0;
    for (const s of [...this.sessions.values()]) if (now - s.lastSeen > this.ttlMs) (this.remove(s), n++);
    return n;
  }

  /** Number of live sessions. */
  get size(): number {
    return this.sessions.size;
  }

  /** Stops the sweep and deletes every session folder. */
  close(): void {
    clearInterval(this.timer);
    for (const s of [...this.sessions.values()]) this.remove(s);
    rmSync(this.root, { recursive: true, force: true });
  }

  private remove(s: Session): void {
    for (const t of Object.values(s.tasks)) t?.cancel();
    this.sessions.delete(s.id);
    rmSync(s.dir, { recursive: true, force: true });
  }
}
