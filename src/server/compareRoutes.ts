import type { FastifyInstance } from 'fastify';
import { jobAnswer, refuseBusy, startIn } from './jobSlot.js';
import { comparisonForBrowser, runCompareJob, type ComparisonView } from './runSegmentJob.js';
import { isStale, runIsStale, setupKey, type Session } from './sessions.js';
import { needSetup, needTable, type StudioContext, layoutOf } from './studioContext.js';

/** The Compare view's routes: k-means, hierarchical and Gaussian mixtures on the current setup, and their agreement. */
export function compareRoutes(app: FastifyInstance, ctx: StudioContext): void {
  app.post('/api/compare', async (req) => {
    const table = needTable(req);
    const session = req.session;
    const setup = needSetup(req);
    refuseBusy(session.compare, 'a comparison is already running; wait for it to finish');
    session.compare.result = undefined;
    return startIn(
      session.compare,
      runCompareJob(ctx.jobs, table, setup, ['kmeans', 'hierarchical', 'gmm'], layoutOf(req), (view) => {
        if (session.table !== table || session.setup !== setup) return;
        session.compare.result = view;
        session.compare.setupKey = setupKey(setup);
      }),
    );
  });
  app.get('/api/compare', async (req, reply) => {
    const session = req.session;
    const shown = (): object => ({ comparison: shownComparison(session), stale: isStale(session, session.compare) });
    const answer = jobAnswer(session.compare, ctx.scrub, shown);
    if (answer) return answer;
    // A setup change forgets the job; the last comparison is still shown, marked out of date.
    if (session.compare.result) return { id: '', status: 'done', stage: '', done: 1, total: 1, ...shown() };
    return reply.code(404).send({ error: 'no comparison has been started' });
  });
}

/** The session's comparison for the browser: the studio's segment names where a method found the shown segments. */
function shownComparison(session: Session): ComparisonView | undefined {
  const view = session.compare.result;
  return view && comparisonForBrowser(view, runIsStale(session) ? undefined : session.segments.result);
}
