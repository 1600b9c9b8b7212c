import { rmSync } from 'node:fs';
import type { ReadLimits } from '../data/readLimits.js';
import type { Table } from '../data/table.js';
import type { ChartLayout } from '../report/vegaAssets.js';
import { DataError, UsageError } from '../util/errors.js';
import { forgetBaseline, forgetOrderLog, resetWork, type Session } from './sessions.js';
import { sharedTable } from './sharedTable.js';
import type { WorkerPool } from './workerPool.js';

/** What a data load needs from the server: its pool for loads, the read limits, and the path scrubber. */
export interface LoadContext {
  readonly pool: WorkerPool;
  readonly limits: ReadLimits;
  readonly scrub: (message: string) => string;
  /** The screen the Data view's charts are laid out for. */
  readonly layout: ChartLayout;
}

/**
 * Reads a file (or, with `path` undefined, makes the demo customers) on a worker within the studio's limits
 * and installs it as the session's data, cancelling the session's running work; resolves with the Data
 * view's overview as JSON text. A load started later in the same session wins (two uploads at once: each
 * in its own file, the first set aside). With `remove`, the file is deleted once read or refused.
 */
export function loadIntoSession(ctx: LoadContext, session: Session, path: string | undefined, name: string, remove: boolean): Promise<string> {
  const load = ++session.loads;
  session.loadTask?.cancel();
  resetWork(session);
  forgetOrderLog(session);
  return new Promise((resolve, reject) => {
    let answered = false;
    session.loadTask = ctx.pool.run(
      new URL('./loadDataWorker.js', import.meta.url),
      { path, name, limits: ctx.limits, remove, layout: ctx.layout },
      (raw) => {
        const m = raw as { type: string; table?: Table; overview?: string; message?: string; kept?: boolean };
        answered = true;
        if (m.type === 'error') return reject(new DataError(ctx.scrub(m.message ?? `${name} could not be read`)));
        if (session.loads !== load) {
          if (m.kept && path) rmSync(path, { force: true });
          return reject(new UsageError('another file was loaded meanwhile; this one was set aside'));
        }
        resetWork(session);
        forgetOrderLog(session);
        forgetBaseline(session);
        if (m.kept && path) session.orderLog = { path, name };
        session.table = sharedTable(m.table!);
        session.dataName = name;
        resolve(m.overview!);
      },
      (error) => {
        if (remove && path && session.orderLog?.path !== path) rmSync(path, { force: true });
        if (load === session.loads) session.loadTask = undefined;
        if (!answered)
          reject(
            new DataError(
              error === 'cancelled' ? 'the upload was replaced by another one' : `${name} could not be read (${ctx.scrub(error ?? 'the reader stopped')})`,
            ),
          );
      },
    );
  });
}
