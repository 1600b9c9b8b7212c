import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DataError, UsageError } from '../util/errors.js';
import type { BaselineAnswer, InfoAnswer } from './api.js';
import { loadIntoSession } from './loadIntoSession.js';
import { SAMPLE_FILES, sampleFolder, sampleNamed } from '../data/sampleFiles.js';
import type { Session } from './sessions.js';
import { needTable, uploadName, type StudioContext, layoutOf } from './studioContext.js';

const UPLOAD_TYPES = ['.csv', '.tsv', '.txt', '.json', '.ndjson', '.jsonl', '.parquet', '.csv.gz', '.tsv.gz', '.json.gz'];

/**
 * The Data view's routes: what the studio accepts (`/api/info`), loading an upload, the demo or the start-up
 * file into the session (read and profiled on a worker), and a baseline model for the Segments view.
 */
export function dataRoutes(app: FastifyInstance, ctx: StudioContext): void {
  const load = (session: Session, path: string | undefined, name: string, remove: boolean, reply: FastifyReply) =>
    loadIntoSession({ pool: ctx.loads, limits: ctx.limits, scrub: (m) => ctx.scrub(m), layout: layoutOf(reply.request) }, session, path, name, remove).then(
      (overview) => reply.type('application/json; charset=utf-8').send(overview),
    );

  app.register(async (scope) => {
    // Uploads are raw bytes whatever the browser calls them (text/plain, text/csv, application/json, …).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post<{ Params: { file: string } }>('/api/baseline/:file', { bodyLimit: ctx.maxUpload }, async (req) => {
      const table = needTable(req);
      if (!Buffer.isBuffer(req.body) || req.body.length === 0)
        throw new DataError('the file is empty; choose the model.json (and segments.csv) of an earlier run');
      return installBaseline(
        ctx,
        req.session,
        req.params.file,
        req.body,
        uploadName(req, req.params.file),
        table.columns.map((c) => c.name),
        () => req.session.table !== table,
      );
    });
    scope.post('/api/data/upload', { bodyLimit: ctx.maxUpload }, async (req, reply) => {
      const body = req.body;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new DataError('the upload is empty; choose a CSV/TSV, Parquet or JSON file');
      const session = ctx.ownSession(req, reply);
      const original = uploadName(req, 'upload.csv');
      const ext = UPLOAD_TYPES.find((t) => original.toLowerCase().endsWith(t)) ?? '.csv';
      const stored = join(session.dir, `upload-${randomBytes(8).toString('hex')}${ext}`);
      await writeFile(stored, body, { mode: 0o600 });
      return load(session, stored, original, true, reply);
    });
  });
  app.delete('/api/baseline', async (req): Promise<BaselineAnswer> => {
    const session = req.session;
    if (session) {
      session.baseline = undefined;
      await rm(join(session.dir, 'baseline'), { recursive: true, force: true });
    }
    return { baseline: null };
  });
  app.post('/api/data/demo', async (req, reply) => load(ctx.ownSession(req, reply), undefined, 'demo customers', false, reply));
  app.post('/api/data/startup', async (req, reply) => {
    const file = ctx.options.file;
    if (!file) return reply.code(404).send({ error: 'no file was given on the command line' });
    return load(ctx.ownSession(req, reply), file, basename(file), false, reply);
  });
  // A bundled sample is copied into the session's folder first: the RFM mode keeps (and later deletes) its file.
  app.post<{ Params: { name: string } }>('/api/data/sample/:name', async (req, reply) => {
    const sample = sampleNamed(req.params.name);
    if (!sample) throw new UsageError(`no sample "${req.params.name}" (expected ${SAMPLE_FILES.map((s) => s.name).join(', ')})`);
    const session = ctx.ownSession(req, reply);
    const stored = join(session.dir, `upload-${randomBytes(8).toString('hex')}-${sample.file}`);
    await copyFile(join(sampleFolder(), sample.file), stored);
    return load(session, stored, sample.file, true, reply);
  });
  app.get('/api/info', async (): Promise<InfoAnswer> => ({
    startupFile: ctx.options.file ? basename(ctx.options.file) : null,
    samples: SAMPLE_FILES.map(({ name, file, about }) => ({ name, file, about })),
    maxUploadBytes: ctx.maxUpload,
    limits: {
      maxColumns: ctx.limits.maxColumns,
      maxCells: ctx.limits.maxCells,
      maxTextCells: ctx.limits.maxTextCells,
      maxDataBytes: ctx.limits.maxDecompressedBytes,
    },
  }));
}

/**
 * A previous run's model.json, then optionally its segments.csv (to match customers by key): staged in a
 * fresh folder, read and checked on a worker with the studio's limits (named by their upload names), and put
 * in place unless other data came meanwhile (`replaced`).
 */
async function installBaseline(
  ctx: StudioContext,
  session: Session,
  file: string,
  body: Buffer,
  original: string,
  columns: string[],
  replaced: () => boolean,
): Promise<BaselineAnswer> {
  if (file !== 'model.json' && file !== 'segments.csv') throw new UsageError(`unknown baseline file "${file}" (expected model.json or segments.csv)`);
  if (file === 'segments.csv' && !session.baseline) throw new UsageError('choose the earlier model.json first, then its segments.csv');
  const dir = join(session.dir, 'baseline');
  const staging = join(session.dir, `baseline-${randomBytes(8).toString('hex')}`);
  await mkdir(staging, { mode: 0o700 });
  try {
    await writeFile(join(staging, 'model.json'), file === 'model.json' ? body : await readFile(session.baseline!.path), { mode: 0o600 });
    if (file === 'segments.csv') await writeFile(join(staging, 'segments.csv'), body, { mode: 0o600 });
    const modelName = file === 'model.json' ? original : session.baseline!.name;
    await ctx.viewText({
      kind: 'baseline',
      path: join(staging, 'model.json'),
      reading: ctx.baselineReading(modelName, file === 'segments.csv' ? original : undefined),
      columns,
    });
    if (replaced()) throw new UsageError('other data were loaded meanwhile; choose the baseline again');
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    session.baseline = { name: modelName, path: join(dir, 'model.json'), ...(file === 'segments.csv' ? { segments: original } : {}) };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { baseline: { name: session.baseline.name, customers: session.baseline.segments !== undefined } };
}
