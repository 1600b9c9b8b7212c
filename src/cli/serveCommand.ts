import { existsSync } from 'node:fs';
import { createServer } from '../server/createServer.js';
import { DataError, UsageError } from '../util/errors.js';
import { intFlag, parseFlags } from './options.js';

export const SERVE_HELP = `segmenta serve [FILE] [--port 8080] [--host 127.0.0.1] [--allow-host NAME] [--max-upload-mb 200]
               [--max-data-mb 500] [--max-sessions 100] [--session-ttl-min 60]

Starts the dashboard: upload a file (or open FILE, or the demo), choose features and scaling, compute
k = 2..k-max with a progress bar, look at the segments, rename them, and download segments.csv,
model.json and report.html. Binds to 127.0.0.1 unless --host says otherwise. Stop it with Ctrl-C.

Only requests addressed to localhost, 127.0.0.1, [::1] or the --host address (on the port it listens on)
are answered; --allow-host NAME (repeatable) adds a name, e.g. the machine's name when --host 0.0.0.0.
Uploads: at most --max-upload-mb as sent, --max-data-mb once decompressed, 1,000 columns and 25 million
cells (3 million text cells). At most --max-sessions browsers at once (the longest idle is dropped for a new one).`;

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'max-upload-mb': { type: 'string' },
  'max-data-mb': { type: 'string' },
  'max-sessions': { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'session-ttl-min': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `segmenta serve [FILE]`: runs until interrupted. Returns the exit code. */
export async function serveCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, 'serve');
  if (values['help']) return (console.log(SERVE_HELP), 0);
  if (positionals.length > 1) throw new UsageError('serve: give at most one data file (segmenta serve [FILE])');
  const file = positionals[0];
  if (file !== undefined && !existsSync(file)) throw new DataError(`file not found: ${file} (check the path)`);
  const port = intFlag('port', values['port'] as string | undefined) ?? 8080;
  if (port < 0 || port > 65535) throw new UsageError(`invalid --port: ${port} (expected 0..65535)`);
  const host = (values['host'] as string | undefined) ?? '127.0.0.1';
  const maxMb = intFlag('max-upload-mb', values['max-upload-mb'] as string | undefined) ?? 200;
  if (maxMb < 1) throw new UsageError(`invalid --max-upload-mb: ${maxMb} (expected ≥ 1)`);
  const ttlMin = intFlag('session-ttl-min', values['session-ttl-min'] as string | undefined) ?? 60;
  const dataMb = intFlag('max-data-mb', values['max-data-mb'] as string | undefined) ?? 500;
  if (dataMb < 1) throw new UsageError(`invalid --max-data-mb: ${dataMb} (expected ≥ 1)`);
  const maxSessions = intFlag('max-sessions', values['max-sessions'] as string | undefined) ?? 100;
  if (maxSessions < 1) throw new UsageError(`invalid --max-sessions: ${maxSessions} (expected ≥ 1)`);
  const extraHosts = (values['allow-host'] as unknown as string[] | undefined) ?? [];
  for (const h of extraHosts)
    if (!/^[\w.-]+$|^\[?[0-9a-f:]+\]?$/i.test(h)) throw new UsageError(`invalid --allow-host: ${h} (expected a host name or address, without port)`);
  const wildcard = host === '0.0.0.0' || host === '::';
  const { app } = createServer({
    file,
    maxUploadBytes: maxMb * 1024 * 1024,
    maxDataBytes: dataMb * 1024 * 1024,
    maxSessions,
    sessionTtlMs: Math.max(1, ttlMin) * 60_000,
    allowedHosts: [...(wildcard ? [] : [host]), ...extraHosts],
  });
  try {
    await app.listen({ port, host });
  } catch (e) {
    throw new UsageError(`cannot listen on ${host}:${port}: ${(e as Error).message}`);
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(`Segmenta dashboard on http://${host.includes(':') ? `[${host}]` : host}:${actualPort}/ (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = (): void => void app.close().then(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
