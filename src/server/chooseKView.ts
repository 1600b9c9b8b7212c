import { elbowChart } from '../charts/elbowChart.js';
import { toVega, type ChartLayout } from '../report/vegaAssets.js';
import { shortlistView } from './segmentsView.js';
import type { Session, SessionRun } from './sessions.js';

/**
 * The Choose k view of a finished job: the recommended k and why, the k shown and why (the sentence `run --k`
 * prints, as the sweep is the same), its segments' names and sizes, the sweep's shortlist and figures, and the
 * elbow chart with the shown k marked, laid out for `layout`. O(|k| + k).
 */
export function chooseKView(run: SessionRun, sweep: NonNullable<Session['sweep']>, layout: ChartLayout = 'wide') {
  const shown = run.summary.k;
  const recommended = sweep.summary;
  const elbow = recommended.votes.find((v) => v.criterion === 'elbow')?.k ?? null;
  return {
    recommended: recommended.chosen,
    recommendedReason: recommended.reason,
    k: shown.chosen,
    reason: shown.reason,
    preview: run.summary.segments.map((s) => ({ id: s.id, name: s.name, size: s.size, share: s.share })),
    shortlist: shortlistView(recommended.shortlist, recommended.votes.length, shown.chosen, recommended.alternative?.k ?? null),
    perK: recommended.perK,
    elbow: toVega(elbowChart({ perK: recommended.perK, k: shown.chosen, reason: shown.reason, elbow }).spec, layout),
  };
}

/** What GET /api/jobs/current adds once a job is done. */
export type ChooseKView = ReturnType<typeof chooseKView>;
