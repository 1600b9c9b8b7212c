import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser.js';
import { INCOME, MALL, ROOT, DATA_DIR, SPENDING, tempDir } from '../helpers.js';
import { startServer, type ServerProcess } from './serverProcess.js';
import { runCli } from '../cliInProcess.js';

let server: ServerProcess;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const earlier = join(tempDir(), 'earlier');

beforeAll(async () => {
  mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
  // The earlier run: the CLI on the same features with another seed, so its numbering is its own.
  const r = await runCli(['run', MALL, '--features', `${INCOME},${SPENDING}`, '--seed', '11', '--out', earlier, '--stability', 'off']);
  expect(r.code, r.stderr).toBe(0);
  server = await startServer();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the dashboard compares a segmentation with a previous model', () => {
  it('keeps the earlier run’s numbers and names and shows where its customers are now; stops comparing on request', async () => {
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.setInputFiles('#file', MALL);
    await page.waitForSelector('body[data-data="loaded"]');
    await page.click('#to-setup');
    for (const box of await page.$$('#features input:not([disabled])')) if (await box.isChecked()) await box.uncheck();
    await page.check(`#features input[value="${INCOME}"]`);
    await page.check(`#features input[value="${SPENDING}"]`);
    await page.waitForFunction(() => document.querySelector('#setup-result')?.textContent?.includes('2 features'));
    await page.click('#to-k');
    await page.click('#compute');
    await page.waitForSelector('#k-result:not([hidden])', { timeout: 60_000 });
    await page.click('#show-segments');
    await page.waitForSelector('#chart-scatter svg');
    expect(await page.isVisible('#baseline-result')).toBe(false);

    await page.setInputFiles('#baseline-files', [join(earlier, 'model.json'), join(earlier, 'segments.csv')]);
    await page.waitForSelector('#baseline-result:not([hidden]) table.migration', { timeout: 60_000 });
    expect(await page.textContent('#baseline-result p')).toMatch(
      /^Since the baseline model\.json: 5 of 5 segments continue a baseline segment and keep its number and name\. Of the 200 customers in both runs, 200 \(100\.0%\) are in the segment of the same number\./,
    );
    // The heat-table's diagonal holds every customer (100%), and the cards carry the earlier names.
    const diagonal = await page.$$eval('#baseline-result table.migration tbody tr', (rows) => rows.slice(0, -1).map((r, i) => r.children[i + 1]!.textContent));
    expect(diagonal.every((t) => t!.endsWith('100%'))).toBe(true);
    const summary = JSON.parse((await runCli(['drift', earlier, earlier, '--json'])).stdout) as { current: Array<{ id: number; name: string }> };
    const names = await page.$$eval('#cards textarea[data-segment]', (inputs) =>
      inputs.map((i) => `${(i as HTMLInputElement).dataset['segment']} ${(i as HTMLInputElement).value}`),
    );
    expect(names).toEqual(summary.current.map((s) => `${s.id} ${s.name}`));
    await page.locator('#baseline-panel').screenshot({ path: join(ROOT, 'test-artifacts', 'dashboard-baseline.png') });

    await page.click('#baseline-clear');
    await page.waitForSelector('#baseline-result', { state: 'hidden', timeout: 60_000 });
    expect(errors).toEqual([]);
  }, 180_000);

  it('refuses a model made from other columns, or no model at all, in one line', async () => {
    const other = join(tempDir(), 'other');
    expect((await runCli(['run', join(DATA_DIR, 'wholesale_customers.csv'), '--features', 'Fresh,Milk', '--out', other, '--stability', 'off'])).code).toBe(0);
    const post = (body: string) =>
      page.evaluate(async (text) => {
        const r = await fetch('/api/baseline/model.json', {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'model.json' },
          body: text,
        });
        return { status: r.status, body: (await r.json()) as { error: string } };
      }, body);
    const wrong = await post(readFileSync(join(other, 'model.json'), 'utf8'));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('model.json uses "Fresh", "Milk", which the data lack; compare with a model made from the same columns');
    const broken = await post('{"format": ');
    expect(broken.body.error).toMatch(/^model\.json is not valid JSON/);
  });
});
