import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser.js';
import { MALL, ROOT, tempDir } from '../helpers.js';

/*
 * Issue 30: a studio that answers more than loopback asks who you are. Every page and API answer without the
 * token is 401 and carries no customer data; the printed address signs a browser in; a cookie from before a
 * restart opens nothing; wrong tokens are slowed down; HTTPS works with a self-signed pair.
 */
interface Studio {
  readonly child: ChildProcess;
  readonly port: number;
  /** The first line the server printed: its address, with ?token=… when sign-in is on. */
  readonly line: string;
  readonly stderr: () => string;
  stop(): Promise<void>;
}

const running: Studio[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
});

function serve(args: string[], env: Record<string, string> = {}): Promise<Studio> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'serve', MALL, '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let out = '',
      err = '';
    child.stderr!.on('data', (d) => (err += String(d)));
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /on (https?:\/\/\S+) \(Ctrl-C/.exec(out);
      if (!m) return;
      const studio: Studio = {
        child,
        port: Number(/:(\d+)\//.exec(m[1]!)![1]),
        line: m[1]!,
        stderr: () => err,
        stop: () => new Promise<void>((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')))),
      };
      running.push(studio);
      resolve(studio);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}${err}`)));
  });
}

/** One request with the Host the browser would send (another machine's name), over HTTP or HTTPS. */
function ask(
  s: Studio,
  path: string,
  o: { host?: string; cookie?: string; method?: string; body?: string; headers?: Record<string, string>; https?: boolean } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = (o.https ? httpsRequest : httpRequest)(
      {
        host: '127.0.0.1',
        port: s.port,
        path,
        method: o.method ?? 'GET',
        rejectUnauthorized: false,
        headers: { host: `${o.host ?? 'box'}:${s.port}`, ...(o.cookie ? { cookie: o.cookie } : {}), ...(o.headers ?? {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += String(d)));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

const tokenOf = (s: Studio): string => /\?token=([0-9a-zA-Z._~-]+)/.exec(s.line)![1]!;
const cookieOf = (r: { headers: Record<string, string | string[] | undefined> }): string => String([r.headers['set-cookie']].flat()[0]).split(';')[0]!;

describe('segmenta serve off loopback: every request needs the token', () => {
  it('without the token every page and API answer is 401 and holds no customer data; the printed address signs in and the studio works', async () => {
    const s = await serve(['--host', '0.0.0.0', '--allow-host', 'box']);
    const token = tokenOf(s);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    for (const [path, method] of [
      ['/', 'GET'],
      ['/main.js', 'GET'],
      ['/api/info', 'GET'],
      ['/api/segments', 'GET'],
      ['/api/data/startup', 'POST'],
      ['/api/data/demo', 'POST'],
      ['/api/setup', 'POST'],
      [`/?token=${'0'.repeat(64)}`, 'GET'],
    ] as const) {
      const r = await ask(s, path, { method, ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}) });
      expect(r.status, path).toBeGreaterThanOrEqual(401);
      expect(r.status, path).toBeLessThan(430);
      expect(r.text, path).not.toMatch(/mall_customers|CustomerID|Female|Spending/);
      expect(r.headers['set-cookie'], path).toBeUndefined();
    }
    // The printed address (after the wrong token's short wait): a 303 to the same page without the token, with
    // an HttpOnly, SameSite=Strict cookie.
    await new Promise((r) => setTimeout(r, 300));
    const signedIn = await ask(s, `/?token=${token}`);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers['location']).toBe('/');
    expect(String(signedIn.headers['set-cookie'])).toMatch(/^segmenta_auth=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=\//);
    expect(String(signedIn.headers['set-cookie'])).not.toContain('Secure');
    const cookie = cookieOf(signedIn);
    expect((await ask(s, '/', { cookie })).status).toBe(200);
    const data = await ask(s, '/api/data/startup', { cookie, method: 'POST' });
    expect(data.status).toBe(200);
    expect(data.text).toContain('CustomerID');
    // A script: the bearer header.
    expect((await ask(s, '/api/info', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    // The token is said once, in the start line, never again.
    expect(s.stderr()).not.toContain(token);
  });

  it('wrong tokens are slowed down per client: a retry before the wait is over gets 429 with Retry-After', async () => {
    const s = await serve(['--host', '0.0.0.0', '--allow-host', 'box']);
    const wrong = (i: number) => ask(s, `/api/info?token=${String(i).padStart(64, 'f')}`);
    expect((await wrong(1)).status).toBe(401);
    const fast = await wrong(2);
    expect(fast.status).toBe(429);
    expect(Number(fast.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Even the right token waits its turn, then works.
    expect((await ask(s, `/api/info?token=${tokenOf(s)}`)).status).toBe(429);
    await new Promise((r) => setTimeout(r, 300));
    expect((await ask(s, `/?token=${tokenOf(s)}`)).status).toBe(303);
  });

  it('a cookie from before a restart opens nothing, with the same token (--token-file); SEGMENTA_TOKEN works too', async () => {
    const file = join(tempDir(), 'token');
    const token = 'a'.repeat(20) + 'B'.repeat(20);
    writeFileSync(file, `${token}\n`);
    const first = await serve(['--host', '0.0.0.0', '--allow-host', 'box', '--token-file', file]);
    expect(tokenOf(first)).toBe(token);
    const cookie = cookieOf(await ask(first, `/?token=${token}`));
    expect((await ask(first, '/api/info', { cookie })).status).toBe(200);
    await first.stop();
    const second = await serve(['--host', '0.0.0.0', '--allow-host', 'box', '--token-file', file]);
    const replay = await ask(second, '/api/info', { cookie });
    expect(replay.status).toBe(401);
    expect((await ask(second, `/?token=${token}`)).status).toBe(303);
    const fromEnv = await serve(['--host', '0.0.0.0', '--allow-host', 'box'], { SEGMENTA_TOKEN: token });
    expect(tokenOf(fromEnv)).toBe(token);
    const short = spawn(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'serve', '--host', '0.0.0.0'], { env: { ...process.env, SEGMENTA_TOKEN: 'short' } });
    let err = '';
    short.stderr.on('data', (d) => (err += String(d)));
    expect(await new Promise((r) => short.on('exit', r))).toBe(2);
    expect(err).toMatch(/invalid SEGMENTA_TOKEN: it has 5 characters; a token needs at least 32/);
  });

  it('--no-token is said at every start; on loopback nothing changes', async () => {
    const open = await serve(['--host', '0.0.0.0', '--allow-host', 'box', '--no-token']);
    expect(open.line).not.toContain('token');
    await new Promise((r) => setTimeout(r, 100));
    expect(open.stderr()).toMatch(/warning: sign-in is off \(--no-token\)/);
    expect((await ask(open, '/api/info')).status).toBe(200);
    const local = await serve([]);
    expect(local.line).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await ask(local, '/api/info', { host: '127.0.0.1' })).status).toBe(200);
  });

  it('--tls-cert/--tls-key: HTTPS with a self-signed pair, a Secure cookie', async () => {
    const dir = tempDir();
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=box'],
      {
        stdio: 'ignore',
      },
    );
    const s = await serve(['--host', '0.0.0.0', '--allow-host', 'box', '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')]);
    expect(s.line).toMatch(/^https:\/\/box:\d+\/\?token=/);
    expect((await ask(s, '/api/info', { https: true })).status).toBe(401);
    const signedIn = await ask(s, `/?token=${tokenOf(s)}`, { https: true });
    expect(String(signedIn.headers['set-cookie'])).toMatch(/; Secure/);
    expect((await ask(s, '/api/info', { https: true, cookie: cookieOf(signedIn) })).status).toBe(200);
  });

  it('in Chromium, the printed address opens the studio, which works as on loopback', async () => {
    const s = await serve(['--host', '0.0.0.0', '--allow-host', 'box']);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      // Failed answers by address (the browser may still ask for the denied page's favicon after signing in).
      page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${r.status()} ${r.url()}`));
      const denied = await page.goto(`http://127.0.0.1:${s.port}/`);
      expect(denied!.status()).toBe(401);
      errors.length = 0;
      await page.goto(`http://127.0.0.1:${s.port}/?token=${tokenOf(s)}`);
      expect(page.url()).toBe(`http://127.0.0.1:${s.port}/`);
      await page.waitForSelector('body[data-ready="true"]');
      await page.click('#startup');
      await page.waitForSelector('body[data-data="loaded"]');
      expect(await page.textContent('#view-data')).toContain('CustomerID');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
