import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { formatBytes, STUDIO_READ_LIMITS, type ReadLimits } from '../data/readLimits.js';
import { inStudioWords } from '../options/optionMentions.js';
import { OptionError, SegmentaError } from '../util/errors.js';
import { pathScrubber } from './pathScrubber.js';
import { LOOPBACK_NAMES, refuseRequest, SECURITY_HEADERS } from './requestGuard.js';
import { compareRoutes } from './compareRoutes.js';
import { dataRoutes } from './dataRoutes.js';
import { exportRoutes } from './exportRoutes.js';
import { rfmRoutes } from './rfmRoutes.js';
import { clvRoutes } from './clvRoutes.js';
import { segmentRoutes } from './segmentRoutes.js';
import { emptySession, privateSessionsRoot, SessionStore, type Session } from './sessions.js';
import { signIn } from './signIn.js';
import { loadStaticAssets } from './staticAssets.js';
import { viewTextFrom, type ServerOptions, type StudioContext } from './studioContext.js';
import { jobsAtOnce, ServicePool, WorkerPool } from './workerPool.js';

export type { ServerOptions } from './studioContext.js';

const COOKIE = 'segmenta_session';
/** No session yet: what a request without a (live) session cookie sees; never stored. */
const NO_SESSION: Session = Object.freeze(emptySession('', ''));

declare module 'fastify' {
  interface FastifyRequest {
    session: Session;
  }
}

/**
 * The dashboard's HTTP server (Fastify): the built front end from memory, and a JSON API per browser
 * session (cookie), in route modules (`routes/`: data, setup and jobs, compare, RFM, segments and exports).
 * Every request's Host and Origin are checked against the studio's own addresses (DNS rebinding), every
 * answer carries a strict CSP and the usual security headers. Uploads are limited in size, inflated size,
 * columns and cells, written under a fresh name in the session's private folder, read and profiled on a
 * worker thread and removed; jobs run one per session on a pool whose k-means share the cores, and can be
 * cancelled; no server path ever reaches the browser; exports are neutralized against spreadsheet formulas.
 */
export function createServer(options: ServerOptions = {}): { app: FastifyInstance; sessions: SessionStore; pool: WorkerPool } {
  const ctx = studioContext(options);
  // Requests other than uploads carry a few settings: 1 MB is plenty, and a 200 MB JSON body would block
  // the event loop while it is parsed. Schemas validate without coercing or dropping anything.
  const app = Fastify({
    bodyLimit: 1024 * 1024,
    logger: false,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    ...(options.tls ? { https: { key: options.tls.key, cert: options.tls.cert } } : {}),
  }) as unknown as FastifyInstance;
  app.decorateRequest('session', null as unknown as Session);
  guardRequests(app, ctx);
  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, req, reply) => errorAnswer(ctx, error, req, reply));
  for (const routes of [dataRoutes, segmentRoutes, compareRoutes, rfmRoutes, clvRoutes, exportRoutes]) routes(app, ctx);
  const assets = loadStaticAssets(options.assetsDir ?? new URL('../web', import.meta.url).pathname);
  app.get('/*', async (req, reply) => {
    const asset = assets.get(req.url.split('?')[0]!);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    return reply.type(asset.type).header('cache-control', 'no-store').send(asset.body);
  });
  app.addHook('onClose', async () => {
    ctx.sessions.close();
    await Promise.all([ctx.views.close(), ctx.jobs.close(), ctx.loads.close()]);
  });
  return { app, sessions: ctx.sessions, pool: ctx.jobs };
}

/** The settings, sessions, pools and words every route shares. */
function studioContext(options: ServerOptions): StudioContext {
  const maxUpload = options.maxUploadBytes ?? 200 * 1024 * 1024;
  const limits: ReadLimits = { ...STUDIO_READ_LIMITS, maxDecompressedBytes: options.maxDataBytes ?? STUDIO_READ_LIMITS.maxDecompressedBytes };
  const root = options.sessionsRoot ?? privateSessionsRoot();
  const sessions = new SessionStore(root, options.sessionTtlMs ?? 3_600_000, options.maxSessions ?? 100);
  // Data loads and views have their own workers: they take a moment, and must not wait behind minutes-long
  // k sweeps. Views run on long-lived workers (their charting modules load once).
  const views = new ServicePool(new URL('./viewWorker.js', import.meta.url), options.workers);
  views.warm();
  // Every message the studio shows: no server paths, and the studio's controls where the CLI's flags were.
  const scrubPaths = pathScrubber(root, options.file);
  const scrub = (message: string): string => inStudioWords(scrubPaths(message));
  return {
    options,
    maxUpload,
    limits,
    sessions,
    jobs: new WorkerPool(options.workers ?? jobsAtOnce()),
    loads: new WorkerPool(options.workers),
    views,
    scrub,
    viewText: (request) => viewTextFrom(views, scrub, request),
    baselineReading: (modelName, segmentsName) => ({
      shownAs: modelName,
      modelName,
      ...(segmentsName ? { segmentsName } : {}),
      limits,
      maxModelBytes: maxUpload,
    }),
    ownSession(req, reply) {
      if (req.session !== NO_SESSION) return req.session;
      const session = sessions.create();
      reply.header('set-cookie', `${COOKIE}=${session.id}; HttpOnly; SameSite=Strict; Path=/`);
      req.session = session;
      return session;
    },
  };
}

/** Security headers on every answer; Host and Origin checked; sign-in when a token is set; the API request's session. */
function guardRequests(app: FastifyInstance, ctx: StudioContext): void {
  const { options } = ctx;
  const allowedHosts = [...LOOPBACK_NAMES, ...(options.allowedHosts ?? []).map((h) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h).toLowerCase())];
  const auth = options.token === undefined ? undefined : signIn(options.token, options.tls !== undefined);
  app.addHook('onRequest', async (req, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    const address = app.server.address();
    const refusal = refuseRequest(req.headers, typeof address === 'object' && address ? address.port : undefined, allowedHosts);
    if (refusal)
      return reply
        .code(403)
        .type('application/json')
        .send({ error: `refused: ${refusal} (start segmenta serve with --allow-host NAME to reach it by another name)` });
    if (auth && (await auth.check(req, reply))) return reply;
    if (!req.url.startsWith('/api/')) return;
    req.session = ctx.sessions.get(parseCookies(req.headers.cookie)[COOKIE]) ?? NO_SESSION;
  });
}

/** Every refused request as one line in the studio's words: a bad option named by its control, never a server path. */
function errorAnswer(ctx: StudioContext, error: Error & { code?: string; statusCode?: number }, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
    const upload = req.url.startsWith('/api/data/upload');
    return reply.code(413).send({
      error: upload
        ? `The file is larger than the upload limit of ${formatBytes(ctx.maxUpload)}; upload a smaller file or start segmenta serve with a higher --max-upload-mb.`
        : 'the request is too large (settings are limited to 1 MB)',
    });
  }
  if (error instanceof OptionError && error.names.label)
    return reply.code(400).send({ error: ctx.scrub(error.namedAs(error.names.label.charAt(0).toLowerCase() + error.names.label.slice(1))) });
  if (error instanceof SegmentaError) return reply.code(400).send({ error: ctx.scrub(error.message) });
  if (error.statusCode && error.statusCode < 500) return reply.code(error.statusCode).send({ error: ctx.scrub(error.message) });
  return reply.code(500).send({ error: `the server could not answer (${ctx.scrub(error.message.split('\n')[0]!)})` });
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}
