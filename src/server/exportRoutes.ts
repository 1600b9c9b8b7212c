import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UTF8_BOM } from '../output/runFolder.js';
import { UsageError } from '../util/errors.js';
import { hasControl } from '../util/terminalText.js';
import { REQUEST_SCHEMAS, type RenameAnswer, type RenameRequest } from './api.js';
import type { MembersQuery } from './membersView.js';
import { runIsStale } from './sessions.js';
import { renameSegment, segmentsCsvExport } from './segmentsView.js';
import { attachment, needFreshRun, needRun, needTable, refuseMisshapen, sendJsonWith, type StudioContext, type Untrusted, layoutOf } from './studioContext.js';

/**
 * The Segments and Export views' routes: the segments view (cards, charts, warnings), a page of members,
 * renaming a segment, and the downloads. Out-of-date segments are still shown (marked, with "re-run"); only
 * the downloads refuse them.
 */
export function exportRoutes(app: FastifyInstance, ctx: StudioContext): void {
  const runView = (req: FastifyRequest, kind: 'segments' | 'report'): Promise<string> =>
    ctx.viewText({
      kind,
      run: needRun(req),
      table: needTable(req),
      commandLine: `segmenta serve (dashboard), data ${req.session.dataName}`,
      layout: layoutOf(req),
    });
  app.get('/api/segments', async (req, reply) => sendJsonWith(reply, { stale: runIsStale(req.session) }, await runView(req, 'segments')));
  app.get('/api/members', async (req, reply) => {
    const query = membersQuery(req);
    return sendJsonWith(reply, { stale: runIsStale(req.session) }, await ctx.viewText({ kind: 'members', run: needRun(req), table: needTable(req), query }));
  });
  app.get('/api/export/members.csv', async (req, reply) =>
    attachment(
      reply,
      'members.csv',
      'text/csv; charset=utf-8',
      await ctx.viewText({ kind: 'members-csv', run: needFreshRun(req), table: needTable(req), query: membersQuery(req) }),
    ),
  );
  app.put<{ Params: { id: string }; Body: Untrusted<RenameRequest> | undefined }>(
    '/api/segments/:id/name',
    { schema: { body: REQUEST_SCHEMAS.rename }, attachValidation: true },
    async (req): Promise<RenameAnswer> => {
      const run = needRun(req);
      const id = Number(req.params.id);
      const name = String(req.body?.name ?? '').trim();
      if (name === '' || name.length > 80) throw new UsageError('a segment name must have 1 to 80 characters');
      if (hasControl(name)) throw new UsageError('a segment name is one line of plain text (no tab, line break or control character)');
      refuseMisshapen(req);
      if (!run.model.segments.some((s) => s.id === id)) throw new UsageError(`there is no segment ${id}`);
      renameSegment(run, id, name);
      return { id, name };
    },
  );
  // ?excel=1: with a UTF-8 byte order mark, so Excel shows "·" and accents as written.
  app.get('/api/export/segments.csv', async (req, reply) =>
    attachment(
      reply,
      'segments.csv',
      'text/csv; charset=utf-8',
      ((req.query as Record<string, string | undefined>)['excel'] === '1' ? UTF8_BOM : '') + segmentsCsvExport(needFreshRun(req), needTable(req)),
    ),
  );
  app.get('/api/export/model.json', async (req, reply) =>
    attachment(reply, 'model.json', 'application/json', JSON.stringify(needFreshRun(req).model, null, 2) + '\n'),
  );
  app.get('/api/export/report.html', async (req, reply) => {
    needFreshRun(req);
    return attachment(reply, 'report.html', 'text/html; charset=utf-8', await runView(req, 'report'));
  });
}

/** The members table's query from the URL (?segment=2&filter=text&sort=Age&desc=1&offset=0&limit=50). */
function membersQuery(req: FastifyRequest): MembersQuery {
  const q = req.query as Record<string, string | undefined>;
  const whole = (name: string): number | undefined => {
    const v = q[name];
    if (v === undefined || v === '') return undefined;
    if (!/^\d{1,9}$/.test(v)) throw new UsageError(`invalid ${name}: ${v.slice(0, 20)} (expected a whole number)`);
    return Number(v);
  };
  return {
    segment: whole('segment'),
    filter: q['filter']?.slice(0, 200),
    sort: q['sort'] || undefined,
    descending: q['desc'] === '1',
    offset: whole('offset'),
    limit: whole('limit'),
  };
}
