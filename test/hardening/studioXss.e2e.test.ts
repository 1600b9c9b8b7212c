import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser.js';
import { ROOT } from '../helpers.js';
import { startServer, type ServerProcess } from '../server/serverProcess.js';

const artifacts = join(ROOT, 'test-artifacts');
let server: ServerProcess;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServer();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A payload that sets a flag if the browser ever treats it as HTML. */
const payload = (n: number): string => `<img src=x onerror="window.__pwned=${n}">`;

describe('script from data never runs in the studio', () => {
  it('column names, the most frequent category (the imputed value) and segment names are shown as text', async () => {
    const header = ['id', payload(1), 'spend', payload(2)].map((h) => `"${h.replaceAll('"', '""')}"`).join(',');
    const rows = Array.from({ length: 60 }, (_, i) => {
      const category = i % 3 === 0 ? '' : i % 3 === 1 ? payload(3) : 'plain';
      return [i + 1, (i * 7) % 23, (i * 13) % 41, category].map((c) => `"${String(c).replaceAll('"', '""')}"`).join(',');
    });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.setInputFiles('#file', { name: `${payload(4)}.csv`, mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n') + '\n') });
    await page.waitForSelector('body[data-data="loaded"]');
    await page.click('#to-setup');
    await page.waitForSelector('body[data-setup="ok"]');
    // The category is described by default; ticked, it is encoded and its name shows in the setup.
    await page.locator('#features input').nth(3).check();
    await page.waitForFunction((name) => document.querySelector('#setup-result')?.textContent?.includes(name), payload(2));
    expect(await page.textContent('#setup-result')).toContain(payload(2));
    expect(await page.textContent('#features')).toContain(payload(1));
    await page.click('#to-k');
    await page.click('#compute');
    await page.waitForSelector('#k-result:not([hidden])', { timeout: 60_000 });
    await page.fill('#k-input', '3');
    await page.click('#show-segments');
    await page.waitForSelector('#chart-scatter svg');
    const first = page.locator('#cards textarea[data-segment="1"]');
    await first.fill(payload(5));
    await first.press('Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('#cards button')].some((b) => b.textContent === 'Saved'));
    await page.screenshot({ path: join(artifacts, 'studio-xss-segments.png'), fullPage: true });
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.$$eval('img[src="x"]', (imgs) => imgs.length)).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
