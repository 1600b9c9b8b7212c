import { parentPort, workerData } from 'node:worker_threads';
import { rfmRunFiles } from '../rfm/rfmOutputs.js';
import type { RfmColumns } from '../rfm/cleanOrderLog.js';
import { rfm } from '../rfm/rfm.js';
import { rfmReportSection } from '../rfm/rfmReportSection.js';
import { toVega, type ChartLayout } from '../report/vegaAssets.js';
import { SegmentaError } from '../util/errors.js';
import { chartDataTable } from '../charts/chartDataTable.js';
import { scatterChart } from '../charts/scatterChart.js';
import { buildReportData } from '../report/buildReportData.js';
import { summaryJson, type SummaryDocument } from '../output/summaryJson.js';

/**
 * Runs the studio's RFM mode off the request thread: the same analysis and files as `segmenta rfm` on the
 * session's kept order log, posting the summary, the RFM charts (compiled, with their data tables), rfm.csv
 * and the report; or a one-line error naming the file by its display name only.
 */
const { rfm: job, layout } = workerData as { rfm: { path: string; name: string; columns: RfmColumns }; layout: ChartLayout };
const onProgress = (stage: string): void => parentPort!.postMessage({ type: 'progress', stage, done: 0, total: 1 });
try {
  onProgress('computing recency, frequency and monetary value');
  const result = await rfm(job.path, { ...job.columns, clustering: { k: 'auto', seed: 0 } });
  onProgress('writing the report');
  const files = await rfmRunFiles(result, 0, `segmenta serve (dashboard), RFM of ${job.name}`);
  const text = (name: string): string => String(files.find((f) => f.name === name)!.content);
  // The clusters drawn as the Segments view draws a run: on the two first principal components of log R, F, M.
  const seg = result.clustering;
  const scatter = scatterChart(
    buildReportData({
      summary: JSON.parse(summaryJson(seg, result.clusteringTable.source, 0)) as SummaryDocument,
      model: seg.model,
      table: result.clusteringTable,
      labels: seg.labels,
      matrix: seg.matrix,
    }),
  );
  const charts = [...rfmReportSection(result).charts, { ...scatter, id: 'rfm-cluster-scatter' }];
  parentPort!.postMessage({
    type: 'done',
    payload: {
      summary: JSON.parse(text('rfm_summary.json')),
      charts: Object.fromEntries(charts.map((c) => [c.id, { spec: toVega(c.spec, layout), table: chartDataTable(c) }])),
      csv: text('rfm.csv'),
      report: text('report.html'),
    },
  });
} catch (e) {
  const message = e instanceof SegmentaError ? e.message : `the RFM analysis failed (${(e as Error).message.split('\n')[0]})`;
  parentPort!.postMessage({ type: 'error', message: message.replaceAll(job.path, job.name) });
}
