import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { newToken, tokenProblem } from '../server/signIn.js';
import { createServer } from '../server/createServer.js';
import { DataError, UsageError } from '../util/errors.js';
import { intFlag, parseFlags } from './options.js';

export const SERVE_HELP = `segmenta serve [FILE] [--port 8080] [--host 127.0.0.1] [--allow-host NAME] [--max-upload-mb 200]
               [--max-data-mb 500] [--max-sessions 100] [--session-ttl-min 60]
               [--token-file FILE] [--no-token] [--tls-cert FILE --tls-key FILE]

Starts the dashboard: upload a file (or open FILE, or the demo), choose features and scaling, compute
k = 2..k-max with a progress bar, look at the segments, rename them, and download segments.csv,
model.json and report.html. Binds to 127.0.0.1 unless --host says otherwise. Stop it with Ctrl-C.

Only requests addressed to localhost, 127.0.0.1, [::1] or the --host address (on the port it listens on)
are answered; --allow-host NAME (repeatable) adds a name, e.g. the machine's name when --host 0.0.0.0.
Uploads: at most --max-upload-mb as sent, --max-data-mb once decompressed, 1,000 columns and 25 million
cells (3 million text cells). At most --max-sessions browsers at once (the longest idle is dropped for a new one).

Sign-in: when the studio answers more than this computer (--host other than 127.0.0.1, ::1 or localhost),
every request needs its token: a new one (256 bits) is printed in the start address (…/?token=…), or give
your own with --token-file FILE or SEGMENTA_TOKEN (at least 32 characters). Opening that address once signs
a browser in (an HttpOnly cookie, valid until the studio stops); scripts send Authorization: Bearer TOKEN.
Wrong tokens are slowed down per client. --no-token turns it off on purpose (warned at every start).
--tls-cert and --tls-key (PEM files) serve HTTPS; the sign-in cookie is then Secure.`;

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'max-upload-mb': { type: 'string' },
  'max-data-mb': { type: 'string' },
  'max-sessions': { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'session-ttl-min': { type: 'string' },
  'token-file': { type: 'string' },
  'no-token': { type: 'boolean' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Addresses that only this computer reaches: the studio needs no sign-in there. */
const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/i;

/**
 * The studio's sign-in token: from --token-file (a regular file of at most 4 KiB, trimmed) or SEGMENTA_TOKEN,
 * else a new one when the studio answers more than loopback; none on loopback unless one was given, or with
 * --no-token (then a warning for every start off loopback).
 */
function studioToken(values: Record<string, unknown>, loopback: boolean): { token: string | undefined; warning?: string } {
  const file = values['token-file'] as string | undefined;
  if (values['no-token'] === true) {
    if (file !== undefined) throw new UsageError('serve: give either --token-file or --no-token, not both');
    return loopback
      ? { token: undefined }
      : { token: undefined, warning: 'sign-in is off (--no-token): anyone who reaches this address sees every uploaded file and result' };
  }
  let given = process.env['SEGMENTA_TOKEN'];
  if (file !== undefined) {
    const st = statOrNull(file);
    if (!st?.isFile()) throw new UsageError(`--token-file ${file} is not a file (give a file holding the token)`);
    if (st.size > 4096) throw new UsageError(`--token-file ${file} is ${st.size} bytes; a token file holds one line (at most 4 KiB)`);
    given = readFileSync(file, 'utf8').trim();
  }
  if (given !== undefined) {
    const problem = tokenProblem(given);
    if (problem) throw new UsageError(`invalid ${file !== undefined ? `--token-file ${file}` : 'SEGMENTA_TOKEN'}: ${problem}`);
    return { token: given };
  }
  return { token: loopback ? undefined : newToken() };
}

/** The HTTPS key and certificate of --tls-key/--tls-cert (both or neither), read once. */
function tlsFiles(values: Record<string, unknown>): { key: Buffer; cert: Buffer } | undefined {
  const cert = values['tls-cert'] as string | undefined,
    key = values['tls-key'] as string | undefined;
  if (cert === undefined && key === undefined) return undefined;
  if (cert === undefined || key === undefined) throw new UsageError('serve: give both --tls-cert and --tls-key (PEM files), or neither');
  const read = (path: string, flag: string): Buffer => {
    const st = statOrNull(path);
    if (!st?.isFile() || st.size > 1024 * 1024) throw new UsageError(`${flag} ${path} is not a PEM file of at most 1 MB`);
    return readFileSync(path);
  };
  return { cert: read(cert, '--tls-cert'), key: read(key, '--tls-key') };
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

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
  const { token, warning } = studioToken(values, LOOPBACK.test(host));
  const tls = tlsFiles(values);
  const { app } = createServer({
    ...(token !== undefined ? { token } : {}),
    ...(tls ? { tls } : {}),
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
  const shown = wildcard && extraHosts[0] ? extraHosts[0] : host;
  const base = `${tls ? 'https' : 'http'}://${shown.includes(':') ? `[${shown}]` : shown}:${actualPort}/`;
  if (warning) console.error(`segmenta: warning: ${warning}`);
  // The token appears here once, in the address to open; never in any later message.
  console.log(`Segmenta dashboard on ${base}${token !== undefined ? `?token=${token}` : ''} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = (): void => void app.close().then(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
