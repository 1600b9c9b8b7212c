import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { formatBytes, STUDIO_READ_LIMITS, type ReadLimits } from '../data/readLimits.js';
import type { Table } from '../data/table.js';
import { toVega } from '../report/vegaAssets.js';
import { elbowChart } from '../charts/elbowChart.js';
import { DataError, OptionError, SegmentaError, UsageError } from '../util/errors.js';
import type { SegmentOptions } from '../pipeline/segment.js';
import { REQUEST_SCHEMAS, type InfoAnswer, type JobRequest, type RenameAnswer, type RenameRequest, type RfmRequest, type SetupRequest } from './api.js';
import type { BaselineReading } from '../baseline/loadBaseline.js';
import { resolveSegmentOptions } from '../options/segmentOptions.js';
import { UTF8_BOM } from '../output/runFolder.js';
import { comparisonForBrowser, runCompareJob, runRfmJob, runSegmentJob, type ComparisonView } from './runSegmentJob.js';
import type { RfmColumns } from '../rfm/computeRfmTable.js';
import { LOOPBACK_NAMES, refuseRequest, SECURITY_HEADERS } from './requestGuard.js';
import { changeSetup, privateSessionsRoot, runIsStale, SessionStore, setupKey, type Session } from './sessions.js';
import { pathScrubber } from './pathScrubber.js';
import { loadIntoSession } from './loadIntoSession.js';
import type { ViewRequest } from './viewWorker.js';
import { ServicePool, WorkerPool } from './workerPool.js';
import { sharedMatrix } from './sharedTable.js';
import { renameSegment, segmentsCsvExport } from './segmentsView.js';
import type { MembersQuery } from './membersView.js';
import { loadStaticAssets } from './staticAssets.js';
import { inStudioWords } from '../options/optionMentions.js';
import { studioOptions } from '../options/studioControls.js';
import { signIn } from './signIn.js';
import { hasControl } from '../util/terminalText.js';

/** Options of the dashboard server. */
export interface ServerOptions {
  /** A data file given on the command line, offered in the Data view (never a path from a request). */
  readonly file?: string;
  /** Largest accepted upload in bytes. Default 200 MB. */
  readonly maxUploadBytes?: number;
  /** Idle sessions (and their temp folders) are deleted after this long. Default 1 hour. */
  readonly sessionTtlMs?: number;
  /** Folder of the built front end. Default: dist/web beside this module. */
  readonly assetsDir?: string;
  /** Where session temp folders live. Default: a new private folder in the OS temp directory. */
  readonly sessionsRoot?: string;
  /** Most bytes a gzipped upload may inflate to. Default 500 MB. */
  readonly maxDataBytes?: number;
  /** Most live sessions (browsers); the longest idle is evicted for a new one. Default 100. */
  readonly maxSessions?: number;
  /** Worker threads computing at once, over all sessions. Default: one per core. */
  readonly workers?: number;
  /**
   * Host names (without port) the studio answers to besides localhost, 127.0.0.1 and [::1]: the address it
   * is bound to, and any given with `serve --allow-host`. Requests with another Host or Origin are refused.
   */
  readonly allowedHosts?: readonly string[];
  /**
   * Sign-in (`signIn`): every request must prove this token (a cookie from `?token=…`, or a bearer header).
   * `serve` sets it whenever the studio answers more than loopback. Default: none (loopback).
   */
  readonly token?: string;
  /** Serve HTTPS with this key and certificate (PEM); sign-in cookies are then Secure. */
  readonly tls?: { readonly key: Buffer; readonly cert: Buffer };
}

const COOKIE = 'segmenta_session';
/** No session yet: what a request without a (live) session cookie sees; never stored. */
const NO_SESSION: Session = Object.freeze({ id: '', dir: '', lastSeen: 0, tasks: {}, loads: 0 }) as Session;
const UPLOAD_TYPES = ['.csv', '.tsv', '.txt', '.json', '.ndjson', '.jsonl', '.parquet', '.csv.gz', '.tsv.gz', '.json.gz'];

declare module 'fastify' {
  interface FastifyRequest {
    session: Session;
  }
}

/**
 * The dashboard's HTTP server (Fastify): the built front end from memory, and a JSON API per browser
 * session (cookie). Every request's Host and Origin are checked against the studio's own addresses (DNS
 * rebinding), every answer carries a strict CSP and the usual security headers. Uploads are limited in size,
 * inflated size, columns and cells, written under a fresh name in the session's private folder, read and
 * profiled on a worker thread and removed; jobs run one per session on a pool bounded by cores and can be
 * cancelled; no server path ever reaches the browser; exports are neutralized against spreadsheet formulas.
 */
export function createServer(options: ServerOptions = {}): { app: FastifyInstance; sessions: SessionStore; pool: WorkerPool } {
  const maxUpload = options.maxUploadBytes ?? 200 * 1024 * 1024;
  const limits: ReadLimits = { ...STUDIO_READ_LIMITS, maxDecompressedBytes: options.maxDataBytes ?? STUDIO_READ_LIMITS.maxDecompressedBytes };
  const root = options.sessionsRoot ?? privateSessionsRoot();
  const sessions = new SessionStore(root, options.sessionTtlMs ?? 3_600_000, options.maxSessions ?? 100);
  const pool = new WorkerPool(options.workers);
  // Data loads and views have their own workers: they take a moment, and must not wait behind minutes-long
  // k sweeps. Views run on long-lived workers (their charting modules load once).
  const loads = new WorkerPool(options.workers);
  const views = new ServicePool(new URL('./viewWorker.js', import.meta.url), options.workers);
  views.warm();
  const assets = loadStaticAssets(options.assetsDir ?? new URL('../web', import.meta.url).pathname);
  const allowedHosts = [...LOOPBACK_NAMES, ...(options.allowedHosts ?? []).map((h) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h).toLowerCase())];
  // Every message the studio shows: no server paths, and the studio's controls where the CLI's flags were.
  const scrubPaths = pathScrubber(root, options.file);
  const scrub = (message: string): string => inStudioWords(scrubPaths(message));
  // Requests other than uploads carry a few settings: 1 MB is plenty, and a 200 MB JSON body would block
  // the event loop while it is parsed.
  // Schemas validate without coercing or dropping anything: a body is taken as sent, or refused.
  const app = Fastify({
    bodyLimit: 1024 * 1024,
    logger: false,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    ...(options.tls ? { https: { key: options.tls.key, cert: options.tls.cert } } : {}),
  }) as unknown as FastifyInstance;
  app.decorateRequest('session', null as unknown as Session);
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
    req.session = sessions.get(parseCookies(req.headers.cookie)[COOKIE]) ?? NO_SESSION;
  });

  /** The request's session, created (with its cookie) when there is none: only routes that store data call this. */
  const ownSession = (req: FastifyRequest, reply: FastifyReply): Session => {
    if (req.session !== NO_SESSION) return req.session;
    const session = sessions.create();
    reply.header('set-cookie', `${COOKIE}=${session.id}; HttpOnly; SameSite=Strict; Path=/`);
    req.session = session;
    return session;
  };

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, req, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
      const upload = req.url.startsWith('/api/data/upload');
      return reply.code(413).send({
        error: upload
          ? `The file is larger than the upload limit of ${formatBytes(maxUpload)}; upload a smaller file or start segmenta serve with a higher --max-upload-mb.`
          : 'the request is too large (settings are limited to 1 MB)',
      });
    }
    // A bad option value is named by the studio control that sets it.
    if (error instanceof OptionError && error.names.label)
      return reply.code(400).send({ error: scrub(error.namedAs(error.names.label.charAt(0).toLowerCase() + error.names.label.slice(1))) });
    if (error instanceof SegmentaError) return reply.code(400).send({ error: scrub(error.message) });
    if (error.statusCode && error.statusCode < 500) return reply.code(error.statusCode).send({ error: scrub(error.message) });
    return reply.code(500).send({ error: `the server could not answer (${scrub(error.message.split('\n')[0]!)})` });
  });

  const load = (session: Session, path: string | undefined, name: string, remove: boolean, reply: FastifyReply) =>
    loadIntoSession({ pool: loads, limits, scrub }, session, path, name, remove).then((overview) =>
      reply.type('application/json; charset=utf-8').send(overview),
    );

  app.register(async (scope) => {
    // Uploads are raw bytes whatever the browser calls them (text/plain, text/csv, application/json, …).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    // A previous run's model.json, then optionally its segments.csv (to match customers by key).
    scope.post<{ Params: { file: string } }>('/api/baseline/:file', { bodyLimit: maxUpload }, async (req) => {
      const table = needTable(req);
      const session = req.session;
      const file = req.params.file;
      const body = req.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new DataError('the file is empty; choose the model.json (and segments.csv) of an earlier run');
      if (file !== 'model.json' && file !== 'segments.csv') throw new UsageError(`unknown baseline file "${file}" (expected model.json or segments.csv)`);
      if (file === 'segments.csv' && !session.baseline) throw new UsageError('choose the earlier model.json first, then its segments.csv');
      const original = uploadName(req, file);
      const dir = join(session.dir, 'baseline');
      const staging = join(session.dir, `baseline-${randomBytes(8).toString('hex')}`);
      await mkdir(staging, { mode: 0o700 });
      try {
        await writeFile(join(staging, 'model.json'), file === 'model.json' ? body : await readFile(session.baseline!.path), { mode: 0o600 });
        if (file === 'segments.csv') await writeFile(join(staging, 'segments.csv'), body, { mode: 0o600 });
        const modelName = file === 'model.json' ? original : session.baseline!.name;
        // Read and checked on a worker with the studio's limits, named by their upload names only.
        await viewText({
          kind: 'baseline',
          path: join(staging, 'model.json'),
          reading: baselineReading(modelName, file === 'segments.csv' ? original : undefined),
          columns: table.columns.map((c) => c.name),
        });
        if (req.session.table !== table) throw new UsageError('other data were loaded meanwhile; choose the baseline again');
        await rm(dir, { recursive: true, force: true });
        await rename(staging, dir);
        session.baseline = { name: modelName, path: join(dir, 'model.json'), ...(file === 'segments.csv' ? { segments: original } : {}) };
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
      return { baseline: { name: session.baseline.name, customers: session.baseline.segments !== undefined } };
    });
    scope.post('/api/data/upload', { bodyLimit: maxUpload }, async (req, reply) => {
      const body = req.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new DataError('the upload is empty; choose a CSV/TSV, Parquet or JSON file');
      const session = ownSession(req, reply);
      const original = uploadName(req, 'upload.csv');
      const ext = UPLOAD_TYPES.find((t) => original.toLowerCase().endsWith(t)) ?? '.csv';
      const stored = join(session.dir, `upload-${randomBytes(8).toString('hex')}${ext}`);
      await writeFile(stored, body, { mode: 0o600 });
      return load(session, stored, original, true, reply);
    });
  });
  app.delete('/api/baseline', async (req) => {
    const session = req.session;
    if (session) {
      session.baseline = undefined;
      await rm(join(session.dir, 'baseline'), { recursive: true, force: true });
    }
    return { baseline: null };
  });
  app.post('/api/data/demo', async (req, reply) => load(ownSession(req, reply), undefined, 'demo customers', false, reply));
  app.post('/api/data/startup', async (req, reply) => {
    if (!options.file) return reply.code(404).send({ error: 'no file was given on the command line' });
    return load(ownSession(req, reply), options.file, basename(options.file), false, reply);
  });
  app.get('/api/info', async (): Promise<InfoAnswer> => ({
    startupFile: options.file ? basename(options.file) : null,
    maxUploadBytes: maxUpload,
    limits: { maxColumns: limits.maxColumns, maxCells: limits.maxCells, maxTextCells: limits.maxTextCells, maxDataBytes: limits.maxDecompressedBytes },
  }));

  app.post<{ Body: Untrusted<SetupRequest> | undefined }>(
    '/api/setup',
    { schema: { body: REQUEST_SCHEMAS.setup }, attachValidation: true },
    async (req, reply) => {
      const table = needTable(req);
      // Each control's value or default, checked as the CLI and the library check it (errors name the control).
      const setup = studioOptions('Setup', req.body ?? {}) as SegmentOptions;
      resolveSegmentOptions(setup);
      refuseMisshapen(req);
      const text = await viewText({ kind: 'setup', table, setup });
      if (req.session.table !== table) throw new UsageError('other data were loaded meanwhile; set up again');
      const changed = changeSetup(req.session, setup);
      const stale = { segments: runIsStale(req.session), comparison: comparisonIsStale(req.session) };
      return sendJsonWith(reply, { changed, stale }, text);
    },
  );

  app.post<{ Body: Untrusted<JobRequest> | undefined }>('/api/jobs', { schema: { body: REQUEST_SCHEMAS.job }, attachValidation: true }, async (req) => {
    const table = needTable(req);
    const session = req.session;
    const setup = needSetup(req);
    if (session.job?.status === 'running') throw new UsageError('a computation is already running; wait for it to finish or cancel it');
    const { k } = studioOptions('Choose k', req.body ?? {});
    refuseMisshapen(req);
    const fixed = typeof k === 'number';
    const options: SegmentOptions = fixed ? { ...setup, k, kMin: k, kMax: k } : { ...setup, k: 'auto' };
    const given = session.baseline && { path: session.baseline.path, reading: baselineReading(session.baseline.name, session.baseline.segments) };
    const started = runSegmentJob(pool, table, options, given, (run) => {
      if (session.table !== table || session.setup !== setup) return; // other data or setup meanwhile: this result is stale
      if (!fixed) session.sweep = run.summary.k;
      session.run = { ...run, matrix: sharedMatrix(run.matrix), setupKey: setupKey(setup) };
    });
    session.job = started.job;
    session.tasks.job = started.task;
    return session.job;
  });
  app.delete('/api/jobs/current', async (req, reply) => {
    const { job } = req.session;
    if (!job) return reply.code(404).send({ error: 'nothing is being computed' });
    req.session.tasks.job?.cancel();
    return job;
  });
  app.get('/api/jobs/current', async (req, reply) => {
    const { job, sweep, run } = req.session;
    if (!job) return reply.code(404).send({ error: 'nothing is being computed' });
    if (job.status !== 'done' || !run || !sweep) return job.error ? { ...job, error: scrub(job.error) } : job;
    const elbow = toVega(
      elbowChart({ perK: sweep.perK, k: run.summary.k.chosen, reason: sweep.reason, elbow: sweep.votes.find((v) => v.criterion === 'elbow')?.k ?? null }).spec,
    );
    return { ...job, recommended: sweep.chosen, reason: sweep.reason, k: run.summary.k.chosen, perK: sweep.perK, elbow };
  });

  app.post('/api/compare', async (req) => {
    const table = needTable(req);
    const session = req.session;
    const setup = needSetup(req);
    if (session.compareJob?.status === 'running') throw new UsageError('a comparison is already running; wait for it to finish');
    session.comparison = undefined;
    const started = runCompareJob(pool, table, setup, ['kmeans', 'hierarchical', 'gmm'], (view) => {
      if (session.table !== table || session.setup !== setup) return;
      session.comparison = view;
      session.comparisonSetupKey = setupKey(setup);
    });
    session.compareJob = started.job;
    session.tasks.compare = started.task;
    return session.compareJob;
  });
  app.get('/api/compare', async (req, reply) => {
    const { compareJob, comparison } = req.session;
    if (!compareJob) {
      // A setup change forgets the job; the last comparison is still shown, marked out of date.
      if (comparison)
        return { id: '', status: 'done', stage: '', done: 1, total: 1, comparison: shownComparison(req.session), stale: comparisonIsStale(req.session) };
      return reply.code(404).send({ error: 'no comparison has been started' });
    }
    return {
      ...compareJob,
      ...(compareJob.error ? { error: scrub(compareJob.error) } : {}),
      ...(compareJob.status === 'done' ? { comparison: shownComparison(req.session), stale: comparisonIsStale(req.session) } : {}),
    };
  });

  app.post<{ Body: Untrusted<RfmRequest> | undefined }>('/api/rfm', { schema: { body: REQUEST_SCHEMAS.rfm }, attachValidation: true }, async (req) => {
    const session = req.session;
    if (!session.orderLog)
      throw new UsageError('no order log is loaded: upload a file with one row per order line (customer, date, invoice, quantity and price or an amount)');
    if (session.rfmJob?.status === 'running') throw new UsageError('the RFM analysis is already running; wait for it to finish');
    const body = req.body ?? {};
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
    refuseMisshapen(req);
    session.rfm = undefined;
    const started = runRfmJob(pool, session.orderLog, columns as RfmColumns, (view) => {
      session.rfm = { view: { summary: view.summary, charts: view.charts }, csv: view.csv, report: view.report };
    });
    session.rfmJob = started.job;
    session.tasks.rfm = started.task;
    return session.rfmJob;
  });
  app.get('/api/rfm', async (req, reply) => {
    const { rfmJob, rfm } = req.session;
    if (!rfmJob) return reply.code(404).send({ error: 'no RFM analysis has been started' });
    if (rfmJob.error) return { ...rfmJob, error: scrub(rfmJob.error) };
    return { ...rfmJob, ...(rfmJob.status === 'done' && rfm ? rfm.view : {}) };
  });
  const needRfm = (req: FastifyRequest) => {
    if (!req.session.rfm) throw new UsageError('no RFM segments yet: compute them from the order log in the Data view');
    return req.session.rfm;
  };
  app.get('/api/export/rfm.csv', async (req, reply) => attachment(reply, 'rfm.csv', 'text/csv; charset=utf-8', needRfm(req).csv));
  app.get('/api/export/rfm-report.html', async (req, reply) => attachment(reply, 'report.html', 'text/html; charset=utf-8', needRfm(req).report));

  /** How the studio reads a baseline: by its upload names, within the studio's read limits. */
  const baselineReading = (modelName: string, segmentsName: string | undefined): BaselineReading => ({
    shownAs: modelName,
    modelName,
    ...(segmentsName ? { segmentsName } : {}),
    limits,
    maxModelBytes: maxUpload,
  });

  /** Text built by the view worker from the session's run and table. */
  async function viewText(request: ViewRequest): Promise<string> {
    const answer = await views.request<{ text?: string; message?: string }>(request).catch((e: Error) => ({ type: 'error' as const, message: e.message }));
    if (answer.type === 'error') throw new DataError(scrub(answer.message ?? 'the view could not be built'));
    return answer.text!;
  }
  const runView = (req: FastifyRequest, kind: 'segments' | 'report'): Promise<string> =>
    viewText({ kind, run: needRun(req), table: needTable(req), commandLine: `segmenta serve (dashboard), data ${req.session.dataName}` });
  // The view of out-of-date segments is still shown (marked, with "re-run"); only exports refuse them.
  app.get('/api/segments', async (req, reply) => sendJsonWith(reply, { stale: runIsStale(req.session) }, await runView(req, 'segments')));
  app.get('/api/members', async (req, reply) => {
    const query = membersQuery(req);
    return sendJsonWith(reply, { stale: runIsStale(req.session) }, await viewText({ kind: 'members', run: needRun(req), table: needTable(req), query }));
  });
  app.get('/api/export/members.csv', async (req, reply) =>
    attachment(
      reply,
      'members.csv',
      'text/csv; charset=utf-8',
      await viewText({ kind: 'members-csv', run: needFreshRun(req), table: needTable(req), query: membersQuery(req) }),
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

  app.get('/*', async (req, reply) => {
    const path = req.url.split('?')[0]!;
    const asset = assets.get(path);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    return reply.type(asset.type).header('cache-control', 'no-store').send(asset.body);
  });

  app.addHook('onClose', async () => {
    sessions.close();
    await views.close();
  });

  return { app, sessions, pool };
}

function needTable(req: FastifyRequest): Table {
  if (!req.session.table) throw new UsageError('no data yet: upload a file or open the demo in the Data view');
  return req.session.table;
}

function needSetup(req: FastifyRequest): SegmentOptions {
  if (!req.session.setup) throw new UsageError('choose the features in Setup first');
  return req.session.setup;
}

function needRun(req: FastifyRequest) {
  if (!req.session.run) throw new UsageError('no segments yet: compute them in the Choose k view');
  return req.session.run;
}

/** Out-of-date segments are never exported: HTTP 409 until they are computed again with the current setup. */
function needFreshRun(req: FastifyRequest) {
  const run = needRun(req);
  if (runIsStale(req.session))
    throw Object.assign(
      new Error('the segments are out of date: the setup changed after they were computed; re-run them (Segments view, "Re-run") to download'),
      {
        statusCode: 409,
      },
    );
  return run;
}

/** The session's comparison for the browser: the studio's segment names where a method found the shown segments. */
function shownComparison(session: Session): ComparisonView | undefined {
  return session.comparison && comparisonForBrowser(session.comparison, runIsStale(session) ? undefined : session.run);
}

function comparisonIsStale(session: Session): boolean {
  return session.comparison !== undefined && session.comparisonSetupKey !== setupKey(session.setup);
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

/**
 * Sends a JSON object built by a worker (`objectText`, "{…}") with a few fields put first, without parsing
 * and re-serializing what may be megabytes of text.
 */
function sendJsonWith(reply: FastifyReply, fields: Record<string, unknown>, objectText: string) {
  const head = JSON.stringify(fields).slice(1, -1);
  return reply.type('application/json; charset=utf-8').send(`{${head},${objectText.slice(1)}`);
}

function attachment(reply: FastifyReply, name: string, type: string, body: string) {
  return reply.type(type).header('content-disposition', `attachment; filename="${name}"`).send(body);
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** The file name the browser sent (X-File-Name), without folders or control characters; `fallback` when none. */
function uploadName(req: FastifyRequest, fallback: string): string {
  const name = basename(String(req.headers['x-file-name'] ?? fallback));
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return name.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || fallback;
}

/** A request body as it arrives: the fields of T, each of any JSON type until checked. */
type Untrusted<T> = { readonly [K in keyof T]?: unknown };

/**
 * After a route's own checks (which name a bad value as the CLI does): a body that breaks its JSON Schema in
 * another way, such as an unknown field, is refused with the schema's words. An absent body is not checked.
 */
function refuseMisshapen(req: FastifyRequest): void {
  if (req.validationError && req.body !== undefined) throw new UsageError(`invalid request: ${req.validationError.message}`);
}
