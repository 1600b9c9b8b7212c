import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RfmColumns } from '../rfm/cleanOrderLog.js';
import { UsageError } from '../util/errors.js';
import { REQUEST_SCHEMAS, type RfmRequest } from './api.js';
import { jobAnswer, refuseBusy, startIn, type JobSlot } from './jobSlot.js';
import { runRfmJob } from './runSegmentJob.js';
import type { OrderLogAnalysis, Session } from './sessions.js';
import { attachment, refuseMisshapen, type StudioContext, type Untrusted, layoutOf } from './studioContext.js';

/** The RFM view's routes: which columns of the kept order log hold what, the analysis on a worker, its downloads. */
export function rfmRoutes(app: FastifyInstance, ctx: StudioContext): void {
  app.post<{ Body: Untrusted<RfmRequest> | undefined }>('/api/rfm', { schema: { body: REQUEST_SCHEMAS.rfm }, attachValidation: true }, async (req) => {
    const session = req.session;
    const log = needOrderLog(session);
    refuseBusy(session.rfm, 'the RFM analysis is already running; wait for it to finish');
    const columns = orderLogColumns(req.body ?? {});
    refuseMisshapen(req);
    session.rfm.result = undefined;
    return startIn(
      session.rfm,
      runRfmJob(ctx.jobs, log, columns, layoutOf(req), (analysis) => void (session.rfm.result = analysis)),
    );
  });
  app.get(
    '/api/rfm',
    async (req, reply) => jobAnswer(req.session.rfm, ctx.scrub, (r) => r.view) ?? reply.code(404).send({ error: 'no RFM analysis has been started' }),
  );
  const rfmResult = (req: FastifyRequest): OrderLogAnalysis =>
    needAnalysis(req.session.rfm, 'no RFM segments yet: compute them from the order log in the Data view');
  app.get('/api/export/rfm.csv', async (req, reply) => attachment(reply, 'rfm.csv', 'text/csv; charset=utf-8', rfmResult(req).csv));
  app.get('/api/export/rfm-report.html', async (req, reply) => attachment(reply, 'report.html', 'text/html; charset=utf-8', rfmResult(req).report));
}

/** The session's kept order log, or a UsageError saying what to upload. */
export function needOrderLog(session: Session): { readonly path: string; readonly name: string } {
  if (!session.orderLog)
    throw new UsageError('no order log is loaded: upload a file with one row per order line (customer, date, invoice, quantity and price or an amount)');
  return session.orderLog;
}

/** The order log's columns as chosen: a customer and a date, and an amount or a quantity and a price. */
export function orderLogColumns(body: Untrusted<RfmRequest>): RfmColumns {
  const column = (name: keyof RfmRequest): string | undefined => {
    const v = body[name];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string') throw new UsageError(`invalid ${name} column`);
    return v;
  };
  const columns = {
    customer: column('customer'),
    date: column('date'),
    invoice: column('invoice'),
    amount: column('amount'),
    quantity: column('quantity'),
    price: column('price'),
  };
  if (!columns.customer || !columns.date) throw new UsageError('choose the customer column and the date column');
  if (!columns.amount && !(columns.quantity && columns.price)) throw new UsageError('choose an amount column, or a quantity and a price column');
  return columns as RfmColumns;
}

/** An order-log analysis's result (RFM or CLV) to download, or a UsageError with `missing`. */
export function needAnalysis(slot: JobSlot<OrderLogAnalysis>, missing: string): OrderLogAnalysis {
  if (!slot.result) throw new UsageError(missing);
  return slot.result;
}
