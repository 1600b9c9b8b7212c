import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ClvOptions } from '../clv/clv.js';
import { inStudioWords } from '../options/optionMentions.js';
import type { TimeUnit } from '../clv/purchaseHistories.js';
import { REQUEST_SCHEMAS, type ClvRequest } from './api.js';
import { jobAnswer, refuseBusy, startIn } from './jobSlot.js';
import { needAnalysis, needOrderLog, orderLogColumns } from './rfmRoutes.js';
import { runClvJob } from './runSegmentJob.js';
import type { OrderLogAnalysis } from './sessions.js';
import { attachment, refuseMisshapen, type StudioContext, type Untrusted, layoutOf } from './studioContext.js';

/**
 * The CLV view's routes: customer value ahead from the kept order log (the columns as for RFM, and the
 * calibration end, horizon and time unit of `segmenta clv`), on a worker, and its downloads.
 */
export function clvRoutes(app: FastifyInstance, ctx: StudioContext): void {
  app.post<{ Body: Untrusted<ClvRequest> | undefined }>('/api/clv', { schema: { body: REQUEST_SCHEMAS.clv }, attachValidation: true }, async (req) => {
    const session = req.session;
    const log = needOrderLog(session);
    refuseBusy(session.clv, 'the customer-value analysis is already running; wait for it to finish');
    const body = req.body ?? {};
    const columns = orderLogColumns(body);
    refuseMisshapen(req);
    const options: ClvOptions = { ...columns, ...modelChoices(body) };
    session.clv.result = undefined;
    return startIn(
      session.clv,
      runClvJob(ctx.jobs, log, options, layoutOf(req), (analysis) => void (session.clv.result = analysis)),
    );
  });
  app.get(
    '/api/clv',
    async (req, reply) =>
      jobAnswer(req.session.clv, ctx.scrub, (r) => viewInStudioWords(r.view)) ?? reply.code(404).send({ error: 'no customer-value analysis has been started' }),
  );
  const clvResult = (req: FastifyRequest): OrderLogAnalysis =>
    needAnalysis(req.session.clv, 'no customer values yet: compute them from the order log in the Data view');
  app.get('/api/export/clv.csv', async (req, reply) => attachment(reply, 'clv.csv', 'text/csv; charset=utf-8', clvResult(req).csv));
  app.get('/api/export/clv-report.html', async (req, reply) => attachment(reply, 'report.html', 'text/html; charset=utf-8', clvResult(req).report));
}

/** The view with auto's reasons in the studio's words: the library writes them with `segmenta clv`'s flags. */
function viewInStudioWords(view: OrderLogAnalysis['view']): object {
  const summary = view.summary as { comparison?: { reason: string; skipped: ReadonlyArray<{ reason: string }> } };
  const c = summary.comparison;
  if (!c) return view;
  const comparison = { ...c, reason: inStudioWords(c.reason), skipped: c.skipped.map((s) => ({ ...s, reason: inStudioWords(s.reason) })) };
  return { ...view, summary: { ...summary, comparison } };
}

/**
 * The model's settings as `segmenta clv` takes them (--purchase-model, --calibration-end, --holdout-end,
 * --horizon, --time-unit); the library checks their values.
 */
function modelChoices(body: Untrusted<ClvRequest>): Pick<ClvOptions, 'purchaseModel' | 'calibrationEnd' | 'holdoutEnd' | 'horizonMonths' | 'timeUnit'> {
  const { purchaseModel, calibrationEnd, holdoutEnd, horizon, timeUnit } = body;
  const date = (v: unknown): v is string => typeof v === 'string' && v !== '';
  return {
    ...(typeof purchaseModel === 'string' ? { purchaseModel: purchaseModel as ClvOptions['purchaseModel'] } : {}),
    ...(date(calibrationEnd) ? { calibrationEnd } : {}),
    ...(date(holdoutEnd) ? { holdoutEnd } : {}),
    ...(typeof horizon === 'number' ? { horizonMonths: horizon } : {}),
    ...(typeof timeUnit === 'string' && timeUnit !== '' ? { timeUnit: timeUnit as TimeUnit } : {}),
  };
}
