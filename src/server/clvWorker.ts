import { parentPort, workerData } from 'node:worker_threads';
import { chartDataTable } from '../charts/chartDataTable.js';
import { customerValue, type ClvOptions } from '../clv/clv.js';
import { clvRunFiles } from '../clv/clvOutputs.js';
import { clvReportSection } from '../clv/clvReportSection.js';
import { toVega, type ChartLayout } from '../report/vegaAssets.js';
import { SegmentaError } from '../util/errors.js';

/**
 * Runs the studio's CLV view off the request thread: the same analysis and files as `segmenta clv` on the
 * session's kept order log, posting clv_summary.json, the value charts (compiled, with their data tables),
 * clv.csv and the report; or a one-line error naming the file by its display name only.
 */
const { clv: job, layout } = workerData as { clv: { path: string; name: string; options: ClvOptions }; layout: ChartLayout };
const onProgress = (stage: string): void => parentPort!.postMessage({ type: 'progress', stage, done: 0, total: 1 });
try {
  onProgress('fitting the purchase and value models');
  const result = await customerValue(job.path, { ...job.options, rfm: { clustering: { k: 'auto', seed: 0 } } });
  onProgress('writing the report');
  const files = await clvRunFiles(result, 0, `segmenta serve (dashboard), customer value of ${job.name}`);
  const text = (name: string): string => String(files.find((f) => f.name === name)!.content);
  const charts = clvReportSection(result).charts;
  parentPort!.postMessage({
    type: 'done',
    payload: {
      summary: JSON.parse(text('clv_summary.json')),
      charts: Object.fromEntries(charts.map((c) => [c.id, { spec: toVega(c.spec, layout), table: chartDataTable(c) }])),
      csv: text('clv.csv'),
      report: text('report.html'),
    },
  });
} catch (e) {
  const message = e instanceof SegmentaError ? e.message : `the customer-value analysis failed (${(e as Error).message.split('\n')[0]})`;
  parentPort!.postMessage({ type: 'error', message: message.replaceAll(job.path, job.name) });
}
