import type { FastifyReply, FastifyRequest } from 'fastify';
import { basename } from 'node:path';
import type { BaselineReading } from '../baseline/loadBaseline.js';
import type { ReadLimits } from '../data/readLimits.js';
import type { Table } from '../data/table.js';
import type { ChartLayout } from '../report/vegaAssets.js';
import type { SegmentOptions } from '../pipeline/segment.js';
import { DataError, UsageError } from '../util/errors.js';
import { runIsStale, type Session, type SessionRun, type SessionStore } from './sessions.js';
import type { ViewRequest } from './viewWorker.js';
import type { ServicePool, WorkerPool } from './workerPool.js';

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
  /**
   * Jobs (k sweeps, comparisons, RFM) computing at once, over all sessions; each job's k-means gets its
   * share of the cores (`threadsPerJob`). Default: half the cores, at least one.
   */
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

/** What every route module of the studio shares: its settings, sessions, worker pools and words. */
export interface StudioContext {
  readonly options: ServerOptions;
  readonly maxUpload: number;
  readonly limits: ReadLimits;
  readonly sessions: SessionStore;
  /** Jobs: k sweeps, comparisons, RFM analyses. */
  readonly jobs: WorkerPool;
  /** Data loads (short, never behind a long job). */
  readonly loads: WorkerPool;
  /** Views built from a session's run (long-lived workers). */
  readonly views: ServicePool;
  /** A message as the studio shows it: no server path, the studio's controls where the CLI's flags were. */
  scrub(message: string): string;
  /** Text built by the view worker from a run and its table. */
  viewText(request: ViewRequest): Promise<string>;
  /** How the studio reads a baseline: by its upload names, within the studio's read limits. */
  baselineReading(modelName: string, segmentsName: string | undefined): BaselineReading;
  /** The request's session, created (with its cookie) when there is none: only routes that store data call this. */
  ownSession(req: FastifyRequest, reply: FastifyReply): Session;
}

/** The text of a view, or a DataError in the studio's words when the worker could not build it. */
export async function viewTextFrom(views: ServicePool, scrub: (message: string) => string, request: ViewRequest): Promise<string> {
  const answer = await views.request<{ text?: string; message?: string }>(request).catch((e: Error) => ({ type: 'error' as const, message: e.message }));
  if (answer.type === 'error') throw new DataError(scrub(answer.message ?? 'the view could not be built'));
  return answer.text!;
}

/** The session's table, or a UsageError saying to load data first. */
/** The screen the browser lays its charts out for: its `x-segmenta-layout` header ('narrow' below 600 px), else 'wide'. */
export function layoutOf(req: FastifyRequest): ChartLayout {
  return req.headers['x-segmenta-layout'] === 'narrow' ? 'narrow' : 'wide';
}

export function needTable(req: FastifyRequest): Table {
  if (!req.session.table) throw new UsageError('no data yet: upload a file or open the demo in the Data view');
  return req.session.table;
}

/** The session's setup, or a UsageError saying to choose the features first. */
export function needSetup(req: FastifyRequest): SegmentOptions {
  if (!req.session.setup) throw new UsageError('choose the features in Setup first');
  return req.session.setup;
}

/** The session's segmentation, or a UsageError saying to compute it. */
export function needRun(req: FastifyRequest): SessionRun {
  if (!req.session.segments.result) throw new UsageError('no segments yet: compute them in the Choose k view');
  return req.session.segments.result;
}

/** Out-of-date segments are never exported: HTTP 409 until they are computed again with the current setup. */
export function needFreshRun(req: FastifyRequest): SessionRun {
  const run = needRun(req);
  if (runIsStale(req.session))
    throw Object.assign(
      new Error('the segments are out of date: the setup changed after they were computed; re-run them (Segments view, "Re-run") to download'),
      { statusCode: 409 },
    );
  return run;
}

/**
 * Sends a JSON object built by a worker (`objectText`, "{…}") with a few fields put first, without parsing
 * and re-serializing what may be megabytes of text.
 */
export function sendJsonWith(reply: FastifyReply, fields: Record<string, unknown>, objectText: string): FastifyReply {
  const head = JSON.stringify(fields).slice(1, -1);
  return reply.type('application/json; charset=utf-8').send(`{${head},${objectText.slice(1)}`);
}

/** A download: the body with its type and file name. */
export function attachment(reply: FastifyReply, name: string, type: string, body: string): FastifyReply {
  return reply.type(type).header('content-disposition', `attachment; filename="${name}"`).send(body);
}

/** The file name the browser sent (X-File-Name), without folders or control characters; `fallback` when none. */
export function uploadName(req: FastifyRequest, fallback: string): string {
  const name = basename(String(req.headers['x-file-name'] ?? fallback));
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return name.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || fallback;
}

/** A request body as it arrives: the fields of T, each of any JSON type until checked. */
export type Untrusted<T> = { readonly [K in keyof T]?: unknown };

/**
 * After a route's own checks (which name a bad value as the CLI does): a body that breaks its JSON Schema in
 * another way, such as an unknown field, is refused with the schema's words. An absent body is not checked.
 */
export function refuseMisshapen(req: FastifyRequest): void {
  if (req.validationError && req.body !== undefined) throw new UsageError(`invalid request: ${req.validationError.message}`);
}
