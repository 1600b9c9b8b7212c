import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MALL } from '../helpers.js';
import { readFileSync } from 'node:fs';
import { startServer, type ServerProcess } from './serverProcess.js';
import { studioClient } from './studioClient.js';

let server: ServerProcess;
beforeAll(async () => {
  server = await startServer(['--max-upload-mb', '1']);
});
afterAll(async () => {
  await server?.stop();
});

const client = () => studioClient(() => server.url);
const upload = (c: ReturnType<typeof client>, name: string, data: Buffer | string) =>
  c('/api/data/upload', { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-file-name': name }, body: data });
const json = (c: ReturnType<typeof client>, path: string, body: unknown, method = 'POST') =>
  c(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function segmentsFor(c: ReturnType<typeof client>, k: number): Promise<void> {
  expect((await json(c, '/api/jobs', { k })).status).toBe(200);
  for (let i = 0; i < 200; i++) {
    const job = await c('/api/jobs/current');
    if (job.body.status === 'done') return;
    if (job.body.status === 'error') throw new Error(job.body.error);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('job did not finish');
}

describe('segmenta serve: security and robustness', () => {
  it('answers an oversized upload with 413 and a clear message, and keeps serving', async () => {
    const c = client();
    const r = await upload(c, 'big.csv', Buffer.alloc(1024 * 1024 + 10, 49));
    expect(r.status).toBe(413);
    expect(r.body.error).toMatch(/larger than the upload limit of 1 MB/);
    expect((await c('/')).status).toBe(200);
    expect((await upload(c, 'mall.csv', readFileSync(MALL))).status).toBe(200);
  });

  it('answers a garbage upload with a readable error naming the file', async () => {
    const r = await upload(client(), 'garbage.csv', Buffer.from([0, 1, 2, 255, 0, 3]));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/^garbage\.csv is not a text table/);
    expect(r.body.error).not.toMatch(/segmenta-sessions|\/tmp\//);
  });

  it('keeps two concurrent sessions apart', async () => {
    const a = client(),
      b = client();
    const [ra, rb] = await Promise.all([upload(a, 'mall.csv', readFileSync(MALL)), json(b, '/api/data/demo', {})]);
    expect(ra.body.rows).toBe(200);
    expect(rb.body.rows).toBe(1000);
    await Promise.all([json(a, '/api/setup', {}), json(b, '/api/setup', {})]);
    await Promise.all([segmentsFor(a, 3), segmentsFor(b, 4)]);
    const [sa, sb] = await Promise.all([a('/api/segments'), b('/api/segments')]);
    expect(sa.body.segments.reduce((t: number, s: any) => t + s.size, 0)).toBe(200);
    expect(sb.body.segments.reduce((t: number, s: any) => t + s.size, 0)).toBe(1000);
    expect((await json(a, '/api/segments/1/name', { name: 'Only in A' }, 'PUT')).status).toBe(200);
    expect((await b('/api/export/segments.csv')).text).not.toMatch(/Only in A/);
    expect((await a('/api/export/segments.csv')).text).toMatch(/Only in A/);
    expect((await client()('/api/segments')).status).toBe(400);
  });

  it('neutralizes spreadsheet formulas in the exported CSV', async () => {
    const c = client();
    const rows = Array.from(
      { length: 30 },
      (_, i) => `${i + 1},${i % 3 === 0 ? '=HYPERLINK("http://x")' : i % 3 === 1 ? '@SUM(A1)' : '+cmd'},${10 + i},${(i * 7) % 23}`,
    );
    expect((await upload(c, 'evil.csv', `id,note,x,y\n${rows.join('\n')}\n`)).status).toBe(200);
    expect((await json(c, '/api/setup', { features: ['x', 'y'] })).status).toBe(200);
    await segmentsFor(c, 2);
    expect((await json(c, '/api/segments/2/name', { name: '=1+1' }, 'PUT')).status).toBe(200);
    const csv = (await c('/api/export/segments.csv')).text;
    expect(csv).toMatch(/,"'=HYPERLINK\(""http:\/\/x""\)",/);
    expect(csv).toMatch(/,'@SUM\(A1\),/);
    expect(csv).toMatch(/,'\+cmd,/);
    expect(csv).toMatch(/,'=1\+1,/);
    for (const line of csv.trim().split('\n')) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+@]/);
  });

  it('neutralizes formulas in every studio export: members.csv and the RFM view’s rfm.csv', async () => {
    const c = client();
    const rows = Array.from({ length: 30 }, (_, i) => `${i + 1},${i % 2 ? '=HYPERLINK("http://x")' : '@SUM(A1)'},${10 + i},${(i * 7) % 23}`);
    expect((await upload(c, 'evil.csv', `id,note,x,y\n${rows.join('\n')}\n`)).status).toBe(200);
    expect((await json(c, '/api/setup', { features: ['x', 'y'] })).status).toBe(200);
    await segmentsFor(c, 2);
    const members = (await c('/api/export/members.csv')).text;
    expect(members).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(members).toContain(`'@SUM(A1)`);
    const log = ['customer,date,amount'];
    // 25 customers: an order log is recognised by an id that repeats over many customers.
    for (const [n, id] of ['=HYPERLINK("http://x")', '+1+2', '@SUM(1)', ...Array.from({ length: 22 }, (_, i) => `c${i}`)].entries())
      for (let d = 1; d <= 3; d++) log.push(`"${id.replaceAll('"', '""')}",2020-0${d}-${10 + (n % 18)},${5 + n * d}`);
    const o = client();
    expect((await upload(o, 'orders.csv', log.join('\n') + '\n')).status).toBe(200);
    expect((await json(o, '/api/rfm', { customer: 'customer', date: 'date', amount: 'amount' })).status).toBe(200);
    for (let i = 0; i < 200 && (await o('/api/rfm')).body.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 100));
    const rfm = (await o('/api/export/rfm.csv')).text;
    expect(rfm).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(rfm).toContain(`'+1+2,`);
    expect(rfm).toContain(`'@SUM(1),`);
  });

  it('refuses request paths that try to leave the web root', async () => {
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/assets/../../package.json']) {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const u = new URL(server.url);
        const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
          let data = '';
          res.on('data', (d) => (data += d));
          res.on('end', () => resolve({ status: res.statusCode!, body: data }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(status, path).toBe(404);
      expect(body).not.toMatch(/root:|"name": "segmenta"/);
    }
  });

  it('binds to 127.0.0.1 by default', () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
  });
});
