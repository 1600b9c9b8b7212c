import { customerValue, type ClvOptions } from '../clv/clv.js';
import { clvRunFiles } from '../clv/clvOutputs.js';
import { clvReportSection } from '../clv/clvReportSection.js';
import type { ChartLayout } from '../report/vegaAssets.js';
import { answerOrderLogJob } from './orderLogJob.js';
import { serveTasks } from './taskWorker.js';

/**
 * Runs the studio's CLV view off the request thread: the same analysis and files as `segmenta clv` on the
 * session's kept order log, posting clv_summary.json, the value charts (compiled, with their data tables),
 * clv.csv and the report; or a one-line error naming the file by its display name only.
 */
serveTasks<{ clv: { path: string; name: string; options: ClvOptions }; layout: ChartLayout }>(async ({ clv: job, layout }, post) =>
  answerOrderLogJob(job, layout, 'the customer-value analysis failed', post, async (progress) => {
    progress('reading the order log');
    // The stages only: the status text is a polite live region, which must not read out an iteration count every poll.
    const result = await customerValue(job.path, {
      ...job.options,
      rfm: { clustering: { k: 'auto', seed: 0 } },
      onProgress: (stage, iteration) => iteration === undefined && progress(stage),
    });
    progress('writing the report');
    const files = await clvRunFiles(result, 0, `segmenta serve (dashboard), customer value of ${job.name}`);
    return { files, summary: 'clv_summary.json', csv: 'clv.csv', charts: clvReportSection(result).charts };
  }),
);
