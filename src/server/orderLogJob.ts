import { chartDataTable } from '../charts/chartDataTable.js';
import type { Chart } from '../charts/chartSpec.js';
import { toVega, type ChartLayout } from '../report/vegaAssets.js';
import { SegmentaError } from '../util/errors.js';
import type { OrderLogAnalysis } from './sessions.js';
import type { PostTaskMessage } from './taskWorker.js';

/** What an order-log analysis made: its run files, which of them are the summary and the CSV, and the charts to show. */
export interface OrderLogFiles {
  readonly files: ReadonlyArray<{ readonly name: string; readonly content: string | Uint8Array }>;
  readonly summary: string;
  readonly csv: string;
  readonly charts: readonly Chart[];
}

/**
 * The body of the RFM and CLV workers' tasks: runs `analyse` on the session's kept order log, then posts (`post`) what the
 * studio keeps (`OrderLogAnalysis`: the summary, the charts compiled for `layout` with their data tables, the
 * CSV and the report), or a one-line error naming the file by its display name only (`failed` words an
 * unexpected error).
 */
export async function answerOrderLogJob(
  log: { readonly path: string; readonly name: string },
  layout: ChartLayout,
  failed: string,
  post: PostTaskMessage,
  analyse: (progress: (stage: string) => void) => Promise<OrderLogFiles>,
): Promise<void> {
  const progress = (stage: string): void => post({ type: 'progress', stage, done: 0, total: 1 });
  try {
    const made = await analyse(progress);
    const text = (name: string): string => String(made.files.find((f) => f.name === name)!.content);
    const payload: OrderLogAnalysis = {
      view: {
        summary: JSON.parse(text(made.summary)),
        charts: Object.fromEntries(made.charts.map((c) => [c.id, { spec: toVega(c.spec, layout), table: chartDataTable(c) }])),
      },
      csv: text(made.csv),
      report: text('report.html'),
    };
    post({ type: 'done', payload });
  } catch (e) {
    const message = e instanceof SegmentaError ? e.message : `${failed} (${(e as Error).message.split('\n')[0]})`;
    post({ type: 'error', message: message.replaceAll(log.path, log.name) });
  }
}
