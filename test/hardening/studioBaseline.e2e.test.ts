import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The built server: its worker scripts exist only in dist/.
import { createServer } from '../../dist/server/createServer.js';
import { gzipBomb, INCOME, MALL, SPENDING, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

/*
 * Issue 30: a baseline in the studio is parsed on a worker with the studio's read limits, its errors name
 * the uploads (never the session folder, which is the cookie, nor a CLI flag), and new data clear it.
 */
let server: ReturnType<typeof createServer>;
let port: number;
const root = join(tempDir(), 'sessions');
let run: string;

beforeAll(async () => {
  server = createServer({ sessionsRoot: root, workers: 2, maxDataBytes: 20 * 1024 * 1024 });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  port = (server.app.server.address() as { port: number }).port;
  run = join(tempDir(), 'run');
  expect((await runCli(['run', MALL, '--features', `${INCOME},${SPENDING}`, '--k', '5', '--out', run, '--quiet', '--stability', 'off'])).code).toBe(0);
});
afterAll(async () => {
  await server?.app.close();
});

function http(path: string, o: { method?: string; body?: Buffer | string; cookie?: string; type?: string; name?: string } = {}) {
  return new Promise<{ status: number; body: any; text: string; cookie?: string; ms: number }>((resolve, reject) => {
    const started = Date.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: o.method ?? 'GET',
        headers: {
          host: `127.0.0.1:${port}`,
          ...(o.cookie ? { cookie: o.cookie } : {}),
          ...(o.type ? { 'content-type': o.type } : {}),
          ...(o.name ? { 'x-file-name': o.name } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: any;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          const set = res.headers['set-cookie'];
          resolve({ status: res.statusCode!, body, text, ms: Date.now() - started, ...(set ? { cookie: String(set[0]).split(';')[0]! } : {}) });
        });
      },
    );
    req.on('error', reject);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

async function mallSession(): Promise<string> {
  const r = await http('/api/data/upload', { method: 'POST', body: readFileSync(MALL), type: 'application/octet-stream', name: 'mall.csv' });
  expect(r.status).toBe(200);
  return r.cookie!;
}
const baseline = (cookie: string, file: 'model.json' | 'segments.csv', body: Buffer | string, name = file) =>
  http(`/api/baseline/${file}`, { method: 'POST', body, cookie, type: 'application/octet-stream', name });

describe('a baseline in the studio', () => {
  it('a 40 MB model.json is parsed on a worker: other requests keep being answered at once', async () => {
    const cookie = await mallSession();
    const model = JSON.parse(readFileSync(join(run, 'model.json'), 'utf8'));
    // Valid JSON that takes seconds to parse and check (millions of numbers); a model only in name.
    const big = JSON.stringify({ ...model, options: { ...model.options, padding: Array.from({ length: 6_000_000 }, (_, i) => i % 1000) } });
    expect(big.length).toBeGreaterThan(20 * 1024 * 1024);
    const pending = baseline(cookie, 'model.json', big, 'old-model.json');
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      waits.push((await http('/api/info')).ms);
      await new Promise((r) => setTimeout(r, 50));
    }
    const answer = await pending;
    expect(answer.status, answer.text).toBeLessThan(500);
    expect(Math.max(...waits)).toBeLessThan(500);
  }, 120_000);

  it('its segments.csv is read within the studio’s limits (a small gzip that inflates past them is refused), and no message shows the session folder or a CLI flag', async () => {
    const cookie = await mallSession();
    expect((await baseline(cookie, 'model.json', readFileSync(join(run, 'model.json')), 'old-model.json')).status).toBe(200);
    const bomb = gzipBomb('', '1,2,3\n', 60 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const refused = await baseline(cookie, 'segments.csv', bomb, 'old-segments.csv');
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/old-segments\.csv/);
    const session = cookie.split('=')[1]!;
    for (const bad of [refused, await baseline(cookie, 'model.json', '{"format": "nope"}', 'broken.json')]) {
      expect(bad.body.error).not.toContain(session);
      expect(bad.body.error).not.toContain(root);
      expect(bad.body.error).not.toMatch(/--[a-z]/);
    }
    // The good pair still works.
    expect((await baseline(cookie, 'model.json', readFileSync(join(run, 'model.json')), 'old-model.json')).status).toBe(200);
    expect((await baseline(cookie, 'segments.csv', readFileSync(join(run, 'segments.csv')), 'old-segments.csv')).body).toEqual({
      baseline: { name: 'old-model.json', customers: true },
    });
  }, 120_000);

  it('new data clear the baseline: the next job runs without it', async () => {
    const cookie = await mallSession();
    expect((await baseline(cookie, 'model.json', readFileSync(join(run, 'model.json')), 'old-model.json')).status).toBe(200);
    const demo = await http('/api/data/demo', { method: 'POST', cookie });
    expect(demo.status).toBe(200);
    const setup = await http('/api/setup', { method: 'POST', cookie, type: 'application/json', body: JSON.stringify({}) });
    expect(setup.status, setup.text).toBe(200);
    expect((await http('/api/jobs', { method: 'POST', cookie, type: 'application/json', body: JSON.stringify({ k: 3 }) })).status).toBe(200);
    let job: any;
    for (let i = 0; i < 300; i++) {
      job = (await http('/api/jobs/current', { cookie })).body;
      if (job.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(job.status, job.error).toBe('done');
    expect((await http('/api/segments', { cookie })).body.baseline).toBeUndefined();
  }, 120_000);
});
