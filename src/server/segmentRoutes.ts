import type { FastifyInstance, FastifyRequest } from 'fastify';
import { elbowChart } from '../charts/elbowChart.js';
import { resolveSegmentOptions } from '../options/segmentOptions.js';
import { studioOptions } from '../options/studioControls.js';
import type { SegmentOptions } from '../pipeline/segment.js';
import { toVega } from '../report/vegaAssets.js';
import { UsageError } from '../util/errors.js';
import { NO_FEATURES, REQUEST_SCHEMAS, type JobRequest, type SetupRequest } from './api.js';
import { jobAnswer, refuseBusy, startIn } from './jobSlot.js';
import { runSegmentJob } from './runSegmentJob.js';
import { changeSetup, isStale, runIsStale, setupKey } from './sessions.js';
import { sharedMatrix } from './sharedTable.js';
import { needSetup, needTable, refuseMisshapen, sendJsonWith, type StudioContext, type Untrusted } from './studioContext.js';

/**
 * The Setup and Choose k views' routes: the setup (each control's value or default, checked as the CLI and
 * the library check it), and the job that sweeps k or segments at a chosen k, its progress and cancelling.
 */
export function segmentRoutes(app: FastifyInstance, ctx: StudioContext): void {
  app.post<{ Body: Untrusted<SetupRequest> | undefined }>(
    '/api/setup',
    { schema: { body: REQUEST_SCHEMAS.setup }, attachValidation: true },
    async (req, reply) => {
      const table = needTable(req);
      const setup = studioOptions('Setup', req.body ?? {}) as SegmentOptions;
      resolveSegmentOptions(setup);
      refuseMisshapen(req);
      if (setup.features?.length === 0) throw new UsageError(NO_FEATURES);
      const text = await ctx.viewText({ kind: 'setup', table, setup });
      if (req.session.table !== table) throw new UsageError('other data were loaded meanwhile; set up again');
      const changed = changeSetup(req.session, setup);
      const stale = { segments: runIsStale(req.session), comparison: isStale(req.session, req.session.compare) };
      return sendJsonWith(reply, { changed, stale }, text);
    },
  );

  app.post<{ Body: Untrusted<JobRequest> | undefined }>('/api/jobs', { schema: { body: REQUEST_SCHEMAS.job }, attachValidation: true }, async (req) => {
    const table = needTable(req);
    const session = req.session;
    const setup = needSetup(req);
    refuseBusy(session.segments, 'a computation is already running; wait for it to finish or cancel it');
    const { k } = studioOptions('Choose k', req.body ?? {});
    refuseMisshapen(req);
    const fixed = typeof k === 'number';
    const options: SegmentOptions = fixed ? { ...setup, k, kMin: k, kMax: k } : { ...setup, k: 'auto' };
    const given = session.baseline && { path: session.baseline.path, reading: ctx.baselineReading(session.baseline.name, session.baseline.segments) };
    return startIn(
      session.segments,
      runSegmentJob(ctx.jobs, table, options, given, (run) => {
        if (session.table !== table || session.setup !== setup) return; // other data or setup meanwhile: this result is stale
        if (!fixed) session.sweep = run.summary.k;
        session.segments.result = { ...run, matrix: sharedMatrix(run.matrix) };
        session.segments.setupKey = setupKey(setup);
      }),
    );
  });
  app.delete('/api/jobs/current', async (req, reply) => {
    const { job } = req.session.segments;
    if (!job) return reply.code(404).send({ error: 'nothing is being computed' });
    req.session.segments.task?.cancel();
    return job;
  });
  app.get(
    '/api/jobs/current',
    async (req, reply) => jobAnswer(req.session.segments, ctx.scrub, () => sweepAnswer(req)) ?? reply.code(404).send({ error: 'nothing is being computed' }),
  );
}

/** A finished job's k sweep as the Choose k view shows it: the recommended k and why, each k's figures, the elbow chart. */
function sweepAnswer(req: FastifyRequest): object {
  const { sweep, segments } = req.session;
  const run = segments.result;
  if (!run || !sweep) return {};
  const elbow = toVega(
    elbowChart({ perK: sweep.perK, k: run.summary.k.chosen, reason: sweep.reason, elbow: sweep.votes.find((v) => v.criterion === 'elbow')?.k ?? null }).spec,
  );
  return { recommended: sweep.chosen, reason: sweep.reason, k: run.summary.k.chosen, perK: sweep.perK, elbow };
}
