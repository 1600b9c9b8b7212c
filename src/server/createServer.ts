import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { readTable } from '../data/readTable.js';
import type { Table } from '../data/table.js';
import { demoCustomers } from '../demo/demoCustomers.js';
import { detectKey } from '../data/detectKey.js';
import { fitPipeline } from '../preprocess/pipeline.js';
import { parseScaling } from '../preprocess/scaling.js';
import { selectFeatures } from '../preprocess/selectFeatures.js';
import { reportFiles } from '../report/reportFiles.js';
import { toVega } from '../report/vegaAssets.js';
import { elbowChart } from '../charts/elbowChart.js';
import { moments } from '../stats/moments.js';
import { DataError, SegmentaError, UsageError } from '../util/errors.js';
import type { SegmentOptions } from '../segment.js';
import { dataOverview } from './dataOverview.js';
import { runCompareJob, runSegmentJob } from './runSegmentJob.js';
import { SessionStore, type Session } from './sessions.js';
import { renameSegment, segmentsCsvExport, segmentsView } from './segmentsView.js';
import { loadStaticAssets } from './staticAssets.js';

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
  /** Where session temp folders live. Default: a new folder in the OS temp directory. */
  readonly sessionsRoot?: string;
}

const COOKIE = 'segmenta_session';
const UPLOAD_TYPES = ['.csv', '.tsv', '.txt', '.json', '.ndjson', '.jsonl', '.parquet', '.csv.gz', '.tsv.gz', '.json.gz'];

declare module 'fastify' {
  interface FastifyRequest {
    session: Session;
  }
}

/**
 * The dashboard's HTTP server (Fastify): the built front end from memory, and a JSON API per browser
 * session (cookie), with uploads limited in size, stored only in the session's temp folder under a fixed
 * name, heavy work in worker threads, and exports neutralized against spreadsheet formula injection.
 */
export function createServer(options: ServerOptions = {}): { app: FastifyInstance; sessions: SessionStore } {
  const maxUpload = options.maxUploadBytes ?? 200 * 1024 * 1024;
  const sessions = new SessionStore(options.sessionsRoot ?? join(tmpdir(), `segmenta-sessions-${process.pid}-${Date.now()}`), options.sessionTtlMs ?? 3_600_000);
  const assets = loadStaticAssets(options.assetsDir ?? new URL('../web', import.meta.url).pathname);
  const app = Fastify({ bodyLimit: maxUpload, logger: false });
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.decorateRequest('session', null as unknown as Session);

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const id = parseCookies(req.headers.cookie)[COOKIE];
    let session = sessions.get(id);
    if (!session) {
      session = sessions.create();
      reply.header('set-cookie', `${COOKIE}=${session.id}; HttpOnly; SameSite=Strict; Path=/`);
    }
    req.session = session;
  });

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, _req, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
      return reply.code(413).send({ error: `The file is larger than the upload limit of ${formatBytes(maxUpload)}; upload a smaller file or start segmenta serve with a higher --max-upload-mb.` });
    }
    if (error instanceof SegmentaError) return reply.code(400).send({ error: error.message });
    if (error.statusCode && error.statusCode < 500) return reply.code(error.statusCode).send({ error: error.message });
    return reply.code(500).send({ error: `internal error: ${error.message}` });
  });

  const loadData = (session: Session, table: Table, name: string) => {
    session.table = table;
    session.dataName = name;
    session.setup = undefined;
    session.run = undefined;
    session.job = undefined;
    session.sweep = undefined;
    session.compareJob = undefined;
    session.comparison = undefined;
    return dataOverview(table, name);
  };

  app.post('/api/data/upload', async (req) => {
    const body = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) throw new DataError('the upload is empty; choose a CSV/TSV, Parquet or JSON file');
    const original = basename(String(req.headers['x-file-name'] ?? 'upload.csv')).slice(0, 200);
    const ext = UPLOAD_TYPES.find((t) => original.toLowerCase().endsWith(t)) ?? '.csv';
    const stored = join(req.session.dir, `upload${ext}`);
    writeFileSync(stored, body);
    try {
      return loadData(req.session, await readTable(stored), original);
    } catch (e) {
      if (e instanceof SegmentaError) throw new DataError(e.message.replaceAll(stored, original));
      throw e;
    }
  });
  app.post('/api/data/demo', async (req) => loadData(req.session, demoCustomers(), 'demo customers'));
  app.post('/api/data/startup', async (req, reply) => {
    if (!options.file) return reply.code(404).send({ error: 'no file was given on the command line' });
    return loadData(req.session, await readTable(options.file), basename(options.file));
  });
  app.get('/api/info', async () => ({ startupFile: options.file ? basename(options.file) : null, maxUploadBytes: maxUpload }));

  app.post('/api/setup', async (req) => {
    const table = needTable(req);
    const body = (req.body ?? {}) as { features?: string[]; scale?: string; log?: string; impute?: string; kMax?: number };
    const setup: SegmentOptions = {
      features: Array.isArray(body.features) ? body.features.map(String) : undefined,
      scale: parseScaling(String(body.scale ?? 'standard')),
      log: body.log === 'auto' ? 'auto' : 'none',
      impute: body.impute === 'mean' ? 'mean' : 'median',
      kMax: Number.isInteger(body.kMax) && body.kMax! >= 2 && body.kMax! <= 20 ? body.kMax : 10,
    };
    const key = detectKey(table);
    const selection = selectFeatures(table, key, setup.features);
    const { pipeline, matrix, report } = fitPipeline(table, selection.columns, setup);
    req.session.setup = setup;
    const columns = pipeline.outputNames.map((name, j) => {
      const v = Float64Array.from({ length: matrix.rows }, (_, i) => matrix.data[i * matrix.cols + j]!);
      const m = moments(v);
      let lo = Infinity, hi = -Infinity;
      for (const x of v) (lo = Math.min(lo, x)), (hi = Math.max(hi, x));
      return { name, mean: m.mean, std: m.stdPopulation, min: lo, max: hi };
    });
    return { report: { ...report, dropped: selection.dropped }, columns, key: key.column };
  });

  app.post('/api/jobs', async (req) => {
    const table = needTable(req);
    const session = req.session;
    const setup = needSetup(req);
    if (session.job?.status === 'running') throw new UsageError('a computation is already running; wait for it to finish');
    const k = (req.body as { k?: number } | undefined)?.k;
    const fixed = Number.isInteger(k) && k! >= 2;
    const options: SegmentOptions = fixed ? { ...setup, k: k!, kMin: k!, kMax: k! } : { ...setup, k: 'auto' };
    session.job = runSegmentJob(table, options, (run) => {
      if (session.table !== table) return; // other data were loaded meanwhile: this result is stale
      if (!fixed) session.sweep = run.summary.k;
      session.run = run;
    });
    return session.job;
  });
  app.get('/api/jobs/current', async (req, reply) => {
    const { job, sweep, run } = req.session;
    if (!job) return reply.code(404).send({ error: 'nothing is being computed' });
    if (job.status !== 'done' || !run || !sweep) return job;
    const elbow = toVega(elbowChart({ perK: sweep.perK, k: run.summary.k.chosen, reason: sweep.reason, elbow: sweep.votes.find((v) => v.criterion === 'elbow')?.k ?? null }).spec);
    return { ...job, recommended: sweep.chosen, reason: sweep.reason, k: run.summary.k.chosen, perK: sweep.perK, elbow };
  });

  app.post('/api/compare', async (req) => {
    const table = needTable(req);
    const session = req.session;
    const setup = needSetup(req);
    if (session.compareJob?.status === 'running') throw new UsageError('a comparison is already running; wait for it to finish');
    session.comparison = undefined;
    session.compareJob = runCompareJob(table, setup, ['kmeans', 'hierarchical', 'gmm'], (view) => {
      if (session.table === table) session.comparison = view;
    });
    return session.compareJob;
  });
  app.get('/api/compare', async (req, reply) => {
    const { compareJob, comparison } = req.session;
    if (!compareJob) return reply.code(404).send({ error: 'no comparison has been started' });
    return { ...compareJob, ...(compareJob.status === 'done' ? { comparison } : {}) };
  });

  app.get('/api/segments', async (req) => segmentsView(needRun(req), needTable(req)));
  app.put('/api/segments/:id/name', async (req) => {
    const run = needRun(req);
    const id = Number((req.params as { id: string }).id);
    const name = String((req.body as { name?: unknown } | undefined)?.name ?? '').trim();
    if (name === '' || name.length > 80) throw new UsageError('a segment name must have 1 to 80 characters');
    if (!run.model.segments.some((s) => s.id === id)) throw new UsageError(`there is no segment ${id}`);
    renameSegment(run, id, name);
    return { id, name };
  });

  app.get('/api/export/segments.csv', async (req, reply) => attachment(reply, 'segments.csv', 'text/csv; charset=utf-8', segmentsCsvExport(needRun(req), needTable(req))));
  app.get('/api/export/model.json', async (req, reply) => attachment(reply, 'model.json', 'application/json', JSON.stringify(needRun(req).model, null, 2) + '\n'));
  app.get('/api/export/report.html', async (req, reply) => {
    const files = await reportFiles({ ...needRun(req), table: needTable(req), commandLine: `segmenta serve (dashboard), data ${req.session.dataName}` }, false);
    return attachment(reply, 'report.html', 'text/html; charset=utf-8', String(files[0]!.content));
  });

  app.get('/*', async (req, reply) => {
    const path = req.url.split('?')[0]!;
    const asset = assets.get(path);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    return reply.type(asset.type).header('cache-control', 'no-store').send(asset.body);
  });

  app.addHook('onClose', async () => sessions.close());
  return { app, sessions };
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

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`;
}
