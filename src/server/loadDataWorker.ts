import { rmSync } from 'node:fs';
import { readTable } from '../data/readTable.js';
import type { ReadLimits } from '../data/readLimits.js';
import { demoCustomers } from '../demo/demoCustomers.js';
import { SegmentaError } from '../util/errors.js';
import { dataOverview } from './dataOverview.js';
import { sharedTable } from './sharedTable.js';
import { serveTasks } from './taskWorker.js';
import type { ChartLayout } from '../report/vegaAssets.js';

/**
 * Reads an uploaded (or start-up) file, or makes the demo customers (`path` undefined), and builds the Data
 * view's overview off the server's event loop, within the studio's read limits; posts the table and the
 * overview as JSON text, or a one-line error that names the file by its display name only. Removes the
 * upload once read (`remove`): the table lives on in memory; an order log is kept for the RFM mode.
 */
serveTasks<{ path?: string; name: string; limits: ReadLimits; remove: boolean; layout: ChartLayout }>(async ({ path, name, limits, remove, layout }, post) => {
  let keep = false;
  try {
    const table = path === undefined ? demoCustomers() : await readTable(path, { limits, displayName: name });
    const overview = dataOverview(table, name, layout);
    // An order log's file stays (in the session's private folder) for the RFM mode, which reads it with DuckDB.
    keep = overview.orderLog !== null;
    // Serialized here, not on the server's thread: the answer can be megabytes of JSON.
    // Numbers go back in shared memory: neither this message nor later jobs copy them.
    post({ type: 'done', table: sharedTable(table), overview: JSON.stringify(overview), kept: keep && path !== undefined });
  } catch (e) {
    const message = e instanceof SegmentaError ? e.message : `${name} could not be read (${(e as Error).message.split('\n')[0]})`;
    post({ type: 'error', message: path === undefined ? message : message.replaceAll(path, name) });
  } finally {
    if (remove && path !== undefined && !keep) rmSync(path, { force: true });
  }
});
