import { rfmRunFiles } from '../rfm/rfmOutputs.js';
import type { RfmColumns } from '../rfm/cleanOrderLog.js';
import { rfm } from '../rfm/rfm.js';
import { rfmReportSection } from '../rfm/rfmReportSection.js';
import type { ChartLayout } from '../report/vegaAssets.js';
import { scatterChart } from '../charts/scatterChart.js';
import { buildReportData } from '../report/buildReportData.js';
import { summaryJson, type SummaryDocument } from '../output/summaryJson.js';
import { answerOrderLogJob } from './orderLogJob.js';
import { serveTasks } from './taskWorker.js';

/**
 * Runs the studio's RFM mode off the request thread: the same analysis and files as `segmenta rfm` on the
 * session's kept order log, posting the summary, the RFM charts and the clusters' scatter (compiled, with their
 * data tables), rfm.csv and the report; or a one-line error naming the file by its display name only.
 */
serveTasks<{ rfm: { path: string; name: string; columns: RfmColumns }; layout: ChartLayout }>(async ({ rfm: job, layout }, post) =>
  answerOrderLogJob(job, layout, 'the RFM analysis failed', post, async (progress) => {
    progress('computing recency, frequency and monetary value');
    const result = await rfm(job.path, { ...job.columns, clustering: { k: 'auto', seed: 0 } });
    progress('writing the report');
    const files = await rfmRunFiles(result, 0, `segmenta serve (dashboard), RFM of ${job.name}`);
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
    return { files, summary: 'rfm_summary.json', csv: 'rfm.csv', charts: [...rfmReportSection(result).charts, { ...scatter, id: 'rfm-cluster-scatter' }] };
  }),
);
