import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The built server: its worker scripts exist only in dist/.
import { createServer } from '../../dist/server/createServer.js';
import { gzipBomb, MALL, tempDir } from '../helpers.js';

type Server = ReturnType<typeof createServer>;
let server: Server;
let port: number;
const root = join(tempDir(), 'sessions');

beforeAll(async () => {
  server = createServer({ sessionsRoot: root, maxSessions: 5, workers: 2, file: MALL });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  port = (server.app.server.address() as { port: number }).port;
});
afterAll(async () => {
  await server?.app.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: any;
}

/** One HTTP request with full control of the headers (Host included); keeps a cookie jar when given one. */
function http(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: Buffer | string; jar?: { cookie: string } } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...(opts.jar?.cookie ? { cookie: opts.jar.cookie } : {}), ...opts.headers };
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const set = res.headers['set-cookie'];
        if (opts.jar && set) opts.jar.cookie = String(set[0]).split(';')[0]!;
        let body: any;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode!, headers: res.headers, text, body });
      });
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}
const upload = (jar: { cookie: string }, name: string, data: Buffer | string, type = 'application/octet-stream') =>
  http('/api/data/upload', { method: 'POST', jar, headers: { 'content-type': type, 'x-file-name': name }, body: data });
const post = (jar: { cookie: string }, path: string, body: unknown = {}, method = 'POST') =>
  http(path, { method, jar, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the studio serves only itself (DNS rebinding, cross-site requests)', () => {
  it('refuses a foreign Host, a wrong port and a foreign Origin with 403, on pages and the API', async () => {
    for (const [path, headers] of [
      ['/', { host: `evil.example:${port}` }],
      ['/api/info', { host: `attacker.test:${port}` }],
      ['/api/export/segments.csv', { host: `rebind.evil:${port}` }],
      ['/api/info', { host: `127.0.0.1:${port + 1}` }],
      ['/api/info', { origin: 'http://evil.example' }],
      ['/api/info', { 'sec-fetch-site': 'cross-site' }],
    ] as const) {
      const r = await http(path, { headers: { ...headers } });
      expect(r.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
      expect(r.text).not.toMatch(/mall_customers|CustomerID/);
    }
    const demo = await http('/api/data/demo', { method: 'POST', headers: { origin: 'http://evil.example', 'content-type': 'application/json' }, body: '{}' });
    expect(demo.status).toBe(403);
    expect(server.sessions.size).toBe(0);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) expect((await http('/api/info', { headers: { host } })).status).toBe(200);
    expect((await http('/api/info', { headers: { origin: `http://localhost:${port}` } })).status).toBe(200);
  });

  it('sends a strict Content-Security-Policy (no inline script, no eval, no framing) and the usual headers', async () => {
    for (const path of ['/', '/api/info']) {
      const r = await http(path);
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toMatch(/script-src 'self'[;]/);
      expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
  });
});

describe('sessions', () => {
  it('requests without a cookie create no session; data loads are capped, the longest idle evicted', async () => {
    await Promise.all(Array.from({ length: 50 }, () => http('/api/info')));
    await Promise.all(Array.from({ length: 50 }, () => http('/api/segments')));
    expect(server.sessions.size).toBe(0);
    const jars = Array.from({ length: 8 }, () => ({ cookie: '' }));
    for (const jar of jars) expect((await post(jar, '/api/data/demo')).status).toBe(200);
    expect(server.sessions.size).toBe(5);
    expect((await post(jars[0]!, '/api/setup', {})).body.error).toMatch(/no data yet/);
    expect((await post(jars[7]!, '/api/setup', {})).status).toBe(200);
  });
});

describe('uploads cannot take the studio down', () => {
  it('refuses 2,000 columns and a gzip bomb with one line each, removes the uploads, and keeps answering others meanwhile', async () => {
    const jar = { cookie: '' };
    const wide = `${Array.from({ length: 2000 }, (_, j) => `c${j}`).join(',')}\n${Array.from({ length: 300 }, (_, i) => Array.from({ length: 2000 }, (_, j) => String((i * j) % 97)).join(',')).join('\n')}\n`;
    const bomb = gzipBomb('a,b\n', '1,2\n', 600 * 1024 * 1024);
    const other = { cookie: '' };
    expect((await post(other, '/api/data/demo')).status).toBe(200);
    const latencies: number[] = [];
    let busy = true;
    const probe = (async () => {
      while (busy) {
        const t = performance.now();
        expect((await http('/api/info', { jar: other })).status).toBe(200);
        latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const [w, b] = await Promise.all([upload(jar, 'wide.csv', wide), upload({ cookie: '' }, 'bomb.csv.gz', bomb)]);
    busy = false;
    await probe;
    expect(w.status).toBe(400);
    expect(w.body.error).toMatch(/^wide\.csv has 2,000 columns; Segmenta reads at most 1,000/);
    expect(b.status).toBe(400);
    expect(b.body.error).toMatch(/^bomb\.csv\.gz inflates to more than 500 MB/);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    for (const s of readdirSync(root)) if (s !== 'owner.pid') expect(readdirSync(join(root, s))).toEqual([]);
  });

  it('settings requests are limited to 1 MB (a huge JSON body would block the server while parsed)', async () => {
    const jar = { cookie: '' };
    expect((await post(jar, '/api/data/demo')).status).toBe(200);
    const r = await post(jar, '/api/setup', { features: Array.from({ length: 200_000 }, (_, i) => `column ${i}`) });
    expect(r.status).toBe(413);
    expect(r.body.error).toMatch(/settings are limited to 1 MB/);
  });

  it('reads a CSV sent as text/plain or application/json, and names the file, never a server path', async () => {
    const jar = { cookie: '' };
    const text = readFileSync(MALL, 'utf8');
    expect((await upload(jar, 'mall.csv', text, 'text/plain')).body.rows).toBe(200);
    expect((await upload(jar, 'mall.csv', text, 'application/json')).body.rows).toBe(200);
    const bad = await upload(jar, 'broken.csv.gz', gzipSync(Buffer.from(text)).subarray(0, 500));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^broken\.csv\.gz is a damaged or truncated gzip file/);
    expect(bad.body.error).not.toMatch(/\/tmp|segmenta-sessions|upload-/);
    const startup = await post(jar, '/api/data/startup');
    expect(startup.body.name).toBe('mall_customers.csv');
    const setup = await post(jar, '/api/setup', { features: ['Age', 'Nope'] });
    expect(setup.status).toBe(400);
    expect(setup.body.error).not.toContain(MALL);
    expect(setup.body.error).toMatch(/mall_customers\.csv/);

    // The studio refuses what the CLI and the library refuse, with the library's words, and a body of another shape.
    const impute = await post(jar, '/api/setup', { impute: 'mode' });
    expect([impute.status, impute.body.error]).toEqual([400, 'invalid missing numbers: mode (expected median, mean)']);
    const extra = await post(jar, '/api/setup', { kMax: 5, sample: 10 });
    expect([extra.status, extra.body.error]).toEqual([400, 'invalid request: body must NOT have additional properties']);
    expect((await post(jar, '/api/setup', { kMax: 5 })).status).toBe(200);
    const k = await post(jar, '/api/jobs', { k: '4' });
    expect([k.status, k.body.error]).toEqual([400, 'invalid number of segments: 4 (expected a whole number from 2 to 50)']);
  });

  it('two uploads at once in one session: each in its own file, the later one wins', async () => {
    const jar = { cookie: '' };
    expect((await post(jar, '/api/data/demo')).status).toBe(200);
    const small = 'id,x,y\n' + Array.from({ length: 30 }, (_, i) => `${i + 1},${i % 4},${(i * 7) % 5}`).join('\n') + '\n';
    const [a, b] = await Promise.all([upload(jar, 'mall.csv', readFileSync(MALL)), upload(jar, 'small.csv', small)]);
    expect([a.status, b.status]).toContain(200);
    const winner = b.status === 200 ? 30 : 200;
    expect((await post(jar, '/api/setup', {})).status).toBe(200);
    const job = await post(jar, '/api/jobs', { k: 2 });
    expect(job.status).toBe(200);
    for (let i = 0; i < 100 && (await http('/api/jobs/current', { jar })).body.status === 'running'; i++) await new Promise((r) => setTimeout(r, 100));
    const seg = await http('/api/segments', { jar });
    expect(seg.body.segments.reduce((t: number, s: any) => t + s.size, 0)).toBe(winner);
  });
});

describe('no server path reaches the browser', () => {
  it('a job that fails on the start-up file names the file, not its folder', async () => {
    const dir = join(tempDir(), 'private-folder-of-alice');
    mkdirSync(dir);
    const file = join(dir, 'few.csv');
    writeFileSync(file, 'id,x,y\n1,1,1\n2,2,2\n3,3,3\n4,1,1\n');
    const other = createServer({ file, sessionsRoot: join(tempDir(), 's') });
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(other.app.server.address() as { port: number }).port}`;
    try {
      let cookie = '';
      const call = async (path: string, body?: unknown) => {
        const res = await fetch(base + path, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        cookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie;
        return (await res.json()) as any;
      };
      expect((await call('/api/data/startup', {})).name).toBe('few.csv');
      await call('/api/setup', {});
      await call('/api/jobs', { k: 5 });
      let job = await call('/api/jobs/current');
      for (let i = 0; i < 100 && job.status === 'running'; i++) (await new Promise((r) => setTimeout(r, 100)), (job = await call('/api/jobs/current')));
      expect(job.status).toBe('error');
      expect(job.error).toMatch(/few\.csv/);
      expect(job.error).not.toMatch(/private-folder-of-alice|\/tmp\//);
    } finally {
      await other.app.close();
    }
  });
});

describe('jobs: one per session, cancellable, on a pool bounded by cores', () => {
  it('cancels a running job (DELETE /api/jobs/current) and when new data are loaded', async () => {
    const jar = { cookie: '' };
    const big = 'id,a,b,c\n' + Array.from({ length: 60_000 }, (_, i) => `${i + 1},${(i * 37) % 101},${(i * 11) % 53},${(i * 7) % 29}`).join('\n') + '\n';
    expect((await upload(jar, 'big.csv', big)).status).toBe(200);
    expect((await post(jar, '/api/setup', { kMax: 20 })).status).toBe(200);
    expect((await post(jar, '/api/jobs', {})).body.status).toBe('running');
    expect((await post(jar, '/api/jobs', {})).status).toBe(400);
    const cancelled = await http('/api/jobs/current', { method: 'DELETE', jar });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await post(jar, '/api/jobs', {})).body.status).toBe('running');
    expect(server.pool.busy).toBeLessThanOrEqual(server.pool.size);
    expect((await post(jar, '/api/data/demo')).status).toBe(200);
    expect((await http('/api/jobs/current', { jar })).status).toBe(404);
    for (let i = 0; i < 50 && server.pool.busy > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(server.pool.busy).toBe(0);
  });
});

describe('session files after a crash', () => {
  it('a new server removes the private folders (and uploads) of servers that died, and leaves live ones', async () => {
    const base = tmpdir();
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const stale = join(base, `segmenta-sessions-test${dead.stdout.trim()}`);
    mkdirSync(join(stale, 'abc'), { recursive: true });
    writeFileSync(join(stale, 'owner.pid'), dead.stdout.trim());
    writeFileSync(join(stale, 'abc', 'upload-1.csv'), 'CustomerID,secret\n1,2\n');
    const live = join(base, 'segmenta-sessions-testlive');
    mkdirSync(live, { recursive: true });
    writeFileSync(join(live, 'owner.pid'), String(process.ppid));
    const other = createServer({});
    try {
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(live)).toBe(true);
    } finally {
      await other.app.close();
      rmSync(live, { recursive: true, force: true });
    }
  });
});
