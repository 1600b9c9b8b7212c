import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipBomb, MALL } from '../helpers.js';
import { startServer, type ServerProcess } from '../server/serverProcess.js';
import { studioClient } from '../server/studioClient.js';

// The server runs in its own process, as users run it: the test's own client work never delays it.
let server: ServerProcess;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const client = () => studioClient(server.url);
type Client = ReturnType<typeof client>;
const post = (c: Client, path: string, body: unknown = {}) =>
  c(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const upload = (c: Client, name: string, data: Buffer | string) =>
  c('/api/data/upload', { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-file-name': name }, body: data });

/** One user's whole visit: load data, set up, compute k segments, look at them, export. Returns the rows exported. */
async function visit(c: Client, data: 'mall' | 'demo', k: number): Promise<number> {
  const loaded = data === 'mall' ? await upload(c, 'mall.csv', readFileSync(MALL)) : await post(c, '/api/data/demo');
  expect(loaded.status, loaded.text).toBe(200);
  expect((await post(c, '/api/setup', {})).status).toBe(200);
  expect((await post(c, '/api/jobs', { k })).status).toBe(200);
  for (let i = 0; i < 600; i++) {
    const job = await c('/api/jobs/current');
    if (job.body.status === 'done') break;
    expect(job.body.status, job.body.error).toBe('running');
    await new Promise((r) => setTimeout(r, 100));
  }
  const segments = await c('/api/segments');
  expect(segments.body.segments).toHaveLength(k);
  const csv = await c('/api/export/segments.csv');
  return csv.text.trim().split('\n').length - 1;
}

describe('the studio under a bounded load (12 sessions, hostile uploads among them)', () => {
  it('serves every session correctly and answers within 1 s throughout', async () => {
    // Hostile payloads are made before the probe starts: making them blocks this (client) process.
    const wide = `${Array.from({ length: 1500 }, (_, j) => `c${j}`).join(',')}\n${Array.from({ length: 200 }, (_, i) => Array.from({ length: 1500 }, (_, j) => String((i + j) % 13)).join(',')).join('\n')}\n`;
    const bomb = gzipBomb('a,b\n', '1,2\n', 520 * 1024 * 1024);
    const latencies: number[] = [];
    let running = true;
    const prober = client();
    const probe = (async () => {
      for (let i = 0; running && i < 2000; i++) {
        const t = performance.now();
        expect((await prober('/api/info')).status).toBe(200);
        latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const hostile = [
      upload(client(), 'wide.csv', wide),
      upload(client(), 'bomb.csv.gz', bomb),
      upload(client(), 'garbage.parquet', Buffer.from('PAR1 not really')),
    ];
    const visits = Array.from({ length: 12 }, (_, i) => visit(client(), i % 2 ? 'demo' : 'mall', 2 + (i % 4)));
    const [rows, refused] = await Promise.all([Promise.all(visits), Promise.all(hostile)]);
    running = false;
    await probe;
    expect(rows).toEqual(Array.from({ length: 12 }, (_, i) => (i % 2 ? 1000 : 200)));
    for (const r of refused) {
      expect(r.status).toBe(400);
      expect(r.body.error).toMatch(/^(wide\.csv|bomb\.csv\.gz|garbage\.parquet)[ :]/);
    }
    expect(Math.max(...latencies), `slowest of ${latencies.length} probes`).toBeLessThan(1000);
  }, 300_000);
});
