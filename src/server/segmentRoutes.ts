import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolveSegmentOptions } from '../options/segmentOptions.js';
import { studioOptions } from '../options/studioControls.js';
import type { SegmentOptions } from '../pipeline/segment.js';
import { UsageError } from '../util/errors.js';
import { checkLabels } from '../explain/columnLabels.js';
import { NO_FEATURES, REQUEST_SCHEMAS, type JobRequest, type SetupRequest } from './api.js';
import { jobAnswer, refuseBusy, startIn } from './jobSlot.js';
import { runSegmentJob } from './runSegmentJob.js';
import { changeSetup, isStale, runIsStale, setupKey } from './sessions.js';
import { sharedMatrix } from './sharedTable.js';
import { chooseKView, type ChooseKView } from './chooseKView.js';
import { needSetup, needTable, refuseMisshapen, sendJsonWith, type StudioContext, type Untrusted, layoutOf } from './studioContext.js';

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
      if (setup.labels)
        checkLabels(
          setup.labels,
          table.columns.map((c) => c.name),
          'labels',
        );
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
    // A picked k is segmented as `run --k` would, against the kept sweep of this setup when there is one.
    const options: SegmentOptions = { ...setup, k: fixed ? k : 'auto' };
    const reuse = fixed ? session.sweep?.kSweep : undefined;
    const given = session.baseline && { path: session.baseline.path, reading: ctx.baselineReading(session.baseline.name, session.baseline.segments) };
    return startIn(
      session.segments,
      runSegmentJob(ctx.jobs, table, options, { baseline: given, reuse }, ({ kSweep, ...run }) => {
        if (session.table !== table || session.setup !== setup) return; // other data or setup meanwhile: this result is stale
        if (!fixed) session.sweep = { summary: run.summary.k, kSweep: kSweep! };
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

/** A finished job's Choose k view (empty before the first sweep of this setup). */
function sweepAnswer(req: FastifyRequest): ChooseKView | object {
  const { sweep, segments } = req.session;
  return segments.result && sweep ? chooseKView(segments.result, sweep, layoutOf(req)) : {};
}
