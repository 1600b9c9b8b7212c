import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { newToken, tokenProblem } from '../server/signIn.js';
import { createServer } from '../server/createServer.js';
import { DataError, UsageError } from '../util/errors.js';
import { helpText, intFlag, parseCommandFlags, type CommandHelp } from './commandFlags.js';

const SERVE_HELP: CommandHelp = {
  usage: ['segmenta serve [FILE] [options]'],
  about: `Starts the dashboard: upload a file (or open FILE, or the demo), choose features and scaling, compute
k = 2..k-max with a progress bar, look at the segments, rename them, and download segments.csv,
model.json and report.html. Binds to 127.0.0.1 unless --host says otherwise. Stop it with Ctrl-C.

Only requests addressed to localhost, 127.0.0.1, [::1] or the --host address (on the port it listens on)
are answered. Uploads: at most 1,000 columns and 25 million cells (3 million text cells).

Sign-in: when the studio answers more than this computer (--host other than 127.0.0.1, ::1 or localhost),
every request needs its token: a new one (256 bits) is printed in the start address (…/?token=…), or give
your own with --token-file FILE or SEGMENTA_TOKEN (at least 32 characters). Opening that address once signs
a browser in (an HttpOnly cookie, valid until the studio stops); scripts send Authorization: Bearer TOKEN.
Wrong tokens are slowed down per client.`,
  sections: [
    {
      title: 'Address',
      flags: [
        { flag: 'port', value: 'N', doc: 'the port (default 8080; 0 picks a free one)' },
        { flag: 'host', value: 'ADDRESS', doc: 'the address to listen on (default 127.0.0.1, this computer only)' },
        {
          flag: 'allow-host',
          value: 'NAME',
          multiple: true,
          doc: "answer requests addressed to NAME too, e.g. the machine's name with --host 0.0.0.0 (repeatable)",
        },
      ],
    },
    {
      title: 'Limits',
      flags: [
        { flag: 'max-upload-mb', value: 'N', doc: 'largest upload as sent, in MB (default 200)' },
        { flag: 'max-data-mb', value: 'N', doc: 'largest upload once decompressed, in MB (default 500)' },
        { flag: 'max-sessions', value: 'N', doc: 'browsers at once; the longest idle is dropped for a new one (default 100)' },
        { flag: 'session-ttl-min', value: 'N', doc: 'minutes an idle session is kept (default 60)' },
      ],
    },
    {
      title: 'Sign-in and HTTPS',
      flags: [
        { flag: 'token-file', value: 'FILE', doc: 'the sign-in token, from a file (at least 32 characters)' },
        { flag: 'no-token', doc: 'no sign-in, on purpose (warned at every start)' },
        { flag: 'tls-cert', value: 'FILE', doc: 'PEM certificate: serve HTTPS (with --tls-key); the sign-in cookie is then Secure' },
        { flag: 'tls-key', value: 'FILE', doc: 'PEM private key of --tls-cert' },
      ],
    },
  ],
};

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
  const { values, positionals } = parseCommandFlags(argv, SERVE_HELP, 'serve');
  if (values['help']) return (console.log(helpText(SERVE_HELP)), 0);
  if (positionals.length > 1) throw new UsageError('serve: give at most one data file (segmenta serve [FILE])');
  const file = positionals[0];
  if (file !== undefined && !existsSync(file)) throw new DataError(`file not found: ${file} (check the path)`);
  const port = intFlag('port', values['port']) ?? 8080;
  if (port < 0 || port > 65535) throw new UsageError(`invalid --port: ${port} (expected 0..65535)`);
  const host = (values['host'] as string | undefined) ?? '127.0.0.1';
  const maxMb = intFlag('max-upload-mb', values['max-upload-mb']) ?? 200;
  if (maxMb < 1) throw new UsageError(`invalid --max-upload-mb: ${maxMb} (expected ≥ 1)`);
  const ttlMin = intFlag('session-ttl-min', values['session-ttl-min']) ?? 60;
  const dataMb = intFlag('max-data-mb', values['max-data-mb']) ?? 500;
  if (dataMb < 1) throw new UsageError(`invalid --max-data-mb: ${dataMb} (expected ≥ 1)`);
  const maxSessions = intFlag('max-sessions', values['max-sessions']) ?? 100;
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
