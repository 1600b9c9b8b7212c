import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PooledTask } from './workerPool.js';
import { cancelJob, clearSlot, type JobSlot } from './jobSlot.js';
import type { Table } from '../data/table.js';
import type { SegmentaModel } from '../model/model.js';
import type { SummaryDocument } from '../output/summaryJson.js';
import type { SegmentOptions } from '../pipeline/segment.js';
import type { KSweep } from '../select/sweepK.js';
import type { Matrix } from '../util/matrix.js';

/** What the dashboard's Compare view shows. */
export interface ComparisonView {
  readonly methods: ReadonlyArray<{
    method: string;
    k: number;
    silhouette: number;
    calinskiHarabasz: number;
    daviesBouldin: number;
    sizes: number[];
    reason: string;
    segments: string[];
  }>;
  /** Each pair of methods: agreement, and the cross-table of their segments (rows: a's, columns: b's). */
  readonly agreements: ReadonlyArray<{ a: string; b: string; adjustedRand: number; adjustedMutualInfo: number; crossTable: number[][] }>;
  readonly chart: object;
  /** Each method's labels (kept on the server, not sent to the browser). */
  readonly labels?: Readonly<Record<string, Int32Array>>;
}

/** A finished segmentation held by a session. */
export interface SessionRun {
  readonly summary: SummaryDocument;
  readonly model: SegmentaModel;
  readonly labels: Int32Array;
  readonly matrix: Matrix;
  /** The run's k sweep (every k's fit), to segment another k of the same setup without sweeping again. */
  readonly kSweep?: KSweep;
}

export type { SessionJob } from './jobSlot.js';

/** What the studio's RFM or CLV view shows (the summary and the compiled charts) and downloads (the CSV and the report). */
export interface OrderLogAnalysis {
  readonly view: { readonly summary: unknown; readonly charts: Record<string, object> };
  readonly csv: string;
  readonly report: string;
}

/** One browser's state: its private temp folder, data, setup, and its three kinds of background work. */
export interface Session {
  readonly id: string;
  /** The session's own temp folder; uploads are written only here, under fixed names. */
  readonly dir: string;
  lastSeen: number;
  table?: Table;
  dataName?: string;
  setup?: SegmentOptions;
  /** The k sweep or fixed-k run, and the latest segmentation (renamable). */
  readonly segments: JobSlot<SessionRun>;
  /**
   * The choose-k sweep: what summary.json says of k, and every k's fit, kept when the user then picks another
   * k (segmented against the same sweep, not a new one); dropped with the setup.
   */
  sweep?: { readonly summary: SummaryDocument['k']; readonly kSweep: KSweep };
  /** The Compare view's job and comparison. */
  readonly compare: JobSlot<ComparisonView>;
  /** The RFM mode's job and result (of the kept order log). */
  readonly rfm: JobSlot<OrderLogAnalysis>;
  /** The customer-value (CLV) job and result (of the kept order log). */
  readonly clv: JobSlot<OrderLogAnalysis>;
  /** The data load on a worker, to cancel when other data come. */
  loadTask?: PooledTask;
  /** Counts data loads: only the latest load's result is installed. */
  loads: number;
  /** An uploaded order log kept (in `dir`) for the RFM mode, with its display name. */
  orderLog?: { readonly path: string; readonly name: string };
  /**
   * A previous model to keep segment numbers and names from (Segments view), in `dir`/baseline: its upload
   * name, its path, and the upload name of its segments.csv when one was given.
   */
  baseline?: { readonly name: string; readonly path: string; segments?: string };
}

/** A new session's state: no data, no work. */
export function emptySession(id: string, dir: string): Session {
  return { id, dir, lastSeen: Date.now(), segments: {}, compare: {}, rfm: {}, clv: {}, loads: 0 };
}

/** A setup as a comparable text: two setups with the same key give the same segments. */
export function setupKey(setup: SegmentOptions | undefined): string {
  return JSON.stringify(setup ?? null);
}

/** Whether a slot's result comes from another setup than the session's current one. */
export function isStale(session: Session, slot: JobSlot<unknown>): boolean {
  return slot.result !== undefined && slot.setupKey !== setupKey(session.setup);
}

/** Whether the session's segments come from another setup than the current one. */
export function runIsStale(session: Session): boolean {
  return isStale(session, session.segments);
}

/**
 * Installs a new setup. A different one cancels running work and drops the k sweep, but keeps the last
 * segments and comparison: the studio shows them marked out of date (and refuses to export them) until they
 * are computed again. Returns whether the setup changed.
 */
export function changeSetup(session: Session, setup: SegmentOptions): boolean {
  if (setupKey(setup) === setupKey(session.setup)) return false;
  cancelJob(session.segments);
  cancelJob(session.compare);
  session.setup = setup;
  session.sweep = undefined;
  return true;
}

/** Deletes the session's kept order log and forgets its RFM and CLV results (new data). */
export function forgetOrderLog(session: Session): void {
  clearSlot(session.rfm);
  clearSlot(session.clv);
  if (session.orderLog) rmSync(session.orderLog.path, { force: true });
  session.orderLog = undefined;
}

/** Deletes the session's baseline (new data: a model of other data would fail every later job). */
export function forgetBaseline(session: Session): void {
  if (session.baseline) rmSync(dirname(session.baseline.path), { recursive: true, force: true });
  session.baseline = undefined;
}

/** Cancels a session's running job and comparison and forgets its setup and results (new data). */
export function resetWork(session: Session): void {
  clearSlot(session.segments);
  clearSlot(session.compare);
  session.setup = undefined;
  session.sweep = undefined;
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
    const session = emptySession(id, dir);
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
    for (const slot of [s.segments, s.compare, s.rfm, s.clv]) slot.task?.cancel();
    s.loadTask?.cancel();
    this.sessions.delete(s.id);
    rmSync(s.dir, { recursive: true, force: true });
  }
}
