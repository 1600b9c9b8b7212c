import type { ClusterMethodName } from '../cluster/methods/planMethod.js';
import { compareMethods, methodFigures } from '../compare/compareMethods.js';
import { comparisonSection } from '../compare/comparisonSection.js';
import type { Table } from '../data/table.js';
import { loadBaseline, type BaselineReading } from '../baseline/loadBaseline.js';
import { summaryJson } from '../output/summaryJson.js';
import { toVega, type ChartLayout } from '../report/vegaAssets.js';
import { segment, type SegmentOptions } from '../pipeline/segment.js';
import { SegmentaError } from '../util/errors.js';
import { sharedMatrix } from './sharedTable.js';
import { serveTasks } from './taskWorker.js';
import type { KSweep } from '../select/sweepK.js';

/** One segmentation task: the shared table, the options, and what else the job asks for. */
interface SegmentTask {
  table: Table;
  options: SegmentOptions;
  compare?: ClusterMethodName[];
  baseline?: { path: string; reading: BaselineReading };
  reuse?: KSweep;
  layout?: ChartLayout;
}

/**
 * Runs one segmentation (or a comparison of methods) off the request thread and posts progress, then the
 * result (or a one-line error).
 */
serveTasks<SegmentTask>(async ({ table, options, compare, baseline: given, reuse, layout }, post) => {
  const onProgress = (stage: string, done: number, total: number): void => post({ type: 'progress', stage, done, total });
  try {
    if (compare) {
      const c = compareMethods(table, compare, { ...options, onProgress });
      const section = comparisonSection(c);
      post({
        type: 'done',
        payload: {
          methods: c.runs.map((r) => ({
            ...methodFigures(r),
            segments: r.segmentation.segments.map((s) => `${s.id} · ${s.name}`),
          })),
          agreements: c.agreements.map((a) => ({
            a: a.a,
            b: a.b,
            adjustedRand: a.adjustedRand,
            adjustedMutualInfo: a.adjustedMutualInfo,
            crossTable: a.crossTable,
          })),
          chart: toVega(section.charts[0]!.spec, layout),
          // Each method's labels: the server puts the studio's own segment names on a method whose segments are the Segments view's.
          labels: Object.fromEntries(c.runs.map((r) => [r.method, r.segmentation.labels])),
        },
      });
    } else {
      const baseline = given ? await loadBaseline(given.path, given.reading) : undefined;
      const result = segment(table, { ...options, onProgress, ...(baseline ? { baseline } : {}) }, reuse ? { sweep: reuse } : {});
      const summary = JSON.parse(summaryJson(result, table.source, options.seed ?? 0));
      post({
        type: 'done',
        payload: {
          summary,
          model: JSON.parse(JSON.stringify(result.model)),
          labels: result.labels,
          matrix: sharedMatrix(result.matrix),
          kSweep: result.kSweep,
        },
      });
    }
  } catch (e) {
    post({
      type: 'error',
      message: e instanceof SegmentaError ? e.message : `the computation failed (${(e as Error).message.split('\n')[0]})`,
    });
  }
});
