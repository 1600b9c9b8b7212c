import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser.js';
import { MALL, ROOT } from '../helpers.js';
import { startServer, type ServerProcess } from './serverProcess.js';

const artifacts = join(ROOT, 'test-artifacts');
let server: ServerProcess;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const shot = (name: string) => page.screenshot({ path: join(artifacts, `dashboard-${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServer();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })).newPage();
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${m.text()} @ ${m.location().url}`));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the dashboard by keyboard', () => {
  it('tabs through named controls only, each on screen where it is drawn (no empty hidden button, no off-screen file input)', async () => {
    const keyboard = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await keyboard.goto(server.url);
    await keyboard.waitForSelector('body[data-ready="true"]');
    const seen: Array<{ name: string; left: number; top: number; width: number }> = [];
    for (let i = 0; i < 6; i++) {
      await keyboard.keyboard.press('Tab');
      seen.push(
        await keyboard.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const box = el.getBoundingClientRect();
          const name = (el.getAttribute('aria-label') ?? el.closest('label')?.textContent ?? el.textContent ?? '').trim();
          return { name, left: box.left, top: box.top, width: box.width };
        }),
      );
    }
    for (const s of seen) {
      expect(s.name, JSON.stringify(seen)).not.toBe('');
      expect(s.left).toBeGreaterThanOrEqual(0);
      expect(s.width).toBeGreaterThan(0);
    }
    expect(seen.map((s) => s.name)).toContain('Choose a file…');
    expect(await keyboard.$eval('#startup', (b) => getComputedStyle(b).display)).toBe('none');
    await keyboard.close();
  });
});

describe('the dashboard in headless Chromium, end to end on the Mall data', () => {
  it('uploads, sets up, recommends k = 5, shows 200 points in 5 colours, renames a segment and exports it', async () => {
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.setInputFiles('#file', MALL);
    await page.waitForSelector('body[data-data="loaded"]');
    expect(await page.textContent('#data-summary')).toMatch(/mall_customers\.csv: 200 rows, 5 columns; key CustomerID/);
    await shot('1-data');

    await page.click('#to-setup');
    for (const box of await page.$$('#features input:not([disabled])')) if (await box.isChecked()) await box.uncheck();
    // No feature ticked: said, and nothing can run (the server never falls back on every column).
    await page.waitForSelector('body[data-setup="error"]');
    expect(await page.textContent('#error')).toBe('choose at least one feature: tick the columns the segments should be formed on');
    expect([await page.isDisabled('#to-k'), await page.isDisabled('#tab-k'), await page.textContent('#setup-result')]).toEqual([true, true, '']);
    await page.check('#features input[value="Annual Income (k$)"]');
    await page.check('#features input[value="Spending Score (1-100)"]');
    await page.waitForFunction(() => document.querySelector('#setup-result')?.textContent?.includes('2 features'));
    await shot('2-setup');

    await page.click('#to-k');
    await page.click('#compute');
    await page.waitForSelector('#k-result:not([hidden])', { timeout: 60_000 });
    expect(await page.textContent('#recommended')).toBe('5');
    expect(await page.textContent('#k-reason')).toMatch(/^k = 5 was chosen/);
    await page.waitForSelector('#chart-elbow svg');
    await shot('3-choose-k');

    await page.click('#show-segments');
    await page.waitForSelector('#chart-scatter svg');
    // The ranked alternatives to k: the shown k first, each with votes, stability and smallest segment.
    expect(await page.isVisible('#k-shortlist table')).toBe(true);
    expect(await page.$$eval('#k-shortlist tbody tr', (rows) => rows.map((r) => r.firstElementChild!.textContent))).toEqual(
      expect.arrayContaining(['5 (shown)', '3 (the alternative)']),
    );
    const scatter = await page.$$eval('#chart-scatter svg g.mark-symbol.role-mark', (groups) => {
      const g = groups.reduce((a, b) => (b.children.length > a.children.length ? b : a));
      return { points: g.children.length, colours: new Set([...g.children].map((p) => p.getAttribute('fill'))).size };
    });
    expect(scatter).toEqual({ points: 200, colours: 5 });
    // Every column by segment: Age and Gender were not features, and are profiled all the same.
    const profileRows = await page.$$eval('#column-profiles tbody th', (cells) => cells.map((c) => c.textContent));
    expect(profileRows).toEqual([
      'Annual income (k$)',
      'Spending score',
      'Age (not a feature)',
      'Gender (not a feature): Female',
      'Gender (not a feature): Male',
    ]);
    expect(await page.textContent('#cards')).toContain('Not used to form the segments: low age (mean 25.27 vs 38.85 overall');
    // Each card says who is in it (the rule with its fit); the unusual customers are listed under the cards.
    expect(await page.$$eval('#cards .seg-rule', (rules) => rules.length)).toBe(5);
    expect(await page.textContent('#cards .seg-rule')).toMatch(/^Who is in it: .*\(finds \d+% of the segment; \d+% of those it finds are in it\)$/);
    expect(await page.isVisible('#unusual-customers table')).toBe(true);
    expect(await page.textContent('#unusual-customers')).toContain('2 customers are flagged unusual: the 1% farthest');
    await shot('4-segments');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(artifacts, 'dashboard-4-segments-viewport.png') });

    // Every name is shown whole in its card (long names wrap; an input cut "Low annual income · Hi").
    const cut = await page.$$eval('#cards textarea[data-segment]', (fields) =>
      (fields as HTMLTextAreaElement[]).filter((f) => f.scrollWidth > f.clientWidth || f.scrollHeight > f.clientHeight + 1).map((f) => f.value),
    );
    expect(cut).toEqual([]);
    const first = page.locator('#cards textarea[data-segment="1"]');
    await first.fill('Steady middle');
    await first.press('Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('#cards button')].some((b) => b.textContent === 'Saved'));
    // The new name is shown at once in the members' picker too.
    await page.waitForFunction(() => document.querySelector('#members-segment option[value="1"]')?.textContent === '1 · Steady middle');

    await page.click('#tab-compare');
    await page.click('#compare');
    await page.waitForSelector('body[data-compared="true"]', { timeout: 60_000 });
    expect(await page.textContent('#compare-result')).toMatch(/kmeans vs hierarchical/);
    // k-means found the shown segments: its cross-tables use the name given in the card.
    expect(await page.$$eval('#compare-result tbody td:first-child, #compare-result thead th', (c) => c.map((x) => x.textContent))).toContain(
      '1 · Steady middle',
    );
    await shot('5-compare');

    await page.click('#tab-export');
    await shot('6-export');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dl-csv')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const rows = csv.trim().split('\n');
    expect(rows).toHaveLength(201);
    expect(rows.filter((r) => r.split(',')[2] === 'Steady middle').length).toBeGreaterThan(0);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    // "for Excel": the same text after a UTF-8 byte order mark.
    const [excel] = await Promise.all([page.waitForEvent('download'), page.click('#dl-csv-excel')]);
    const bytes = readFileSync((await excel.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(csv);
    expect(consoleErrors).toEqual([]);
  });

  it('a garbage upload shows a readable error and the app keeps working', async () => {
    await page.click('#tab-data');
    await page.setInputFiles('#file', { name: 'garbage.csv', mimeType: 'text/csv', buffer: Buffer.from([0, 1, 2, 3, 0, 255, 7, 0, 9]) });
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error')).toMatch(/garbage\.csv is not a text table \(binary data found\)/);
    await shot('7-bad-upload');
    // An order log: its mapping panel leads and no setup is sent for the customer path; opened anyway, no
    // column is a feature by default, and the message names the studio's control, not a flag or a server path.
    const orders = [
      'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID',
      ...Array.from(
        { length: 300 },
        (_, i) => `${i === 250 ? 'C' : ''}${536300 + Math.floor(i / 3)},A${i % 17},${1 + (i % 4)},2010-12-01 08:26:00,2.55,${17850 + (i % 7)}`,
      ),
    ];
    await page.setInputFiles('#file', { name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(orders.join('\n') + '\n') });
    await page.waitForSelector('body[data-data="loaded"] #order-log:not([hidden])');
    expect(await page.isHidden('#error')).toBe(true);
    await page.click('#to-setup');
    await page.waitForSelector('#error:not([hidden])');
    const said = (await page.textContent('#error'))!;
    expect(said).toBe('choose at least one feature: tick the columns the segments should be formed on');
    expect(said).not.toMatch(/--[a-z]|\/tmp\/|segmenta-/);
    await page.click('#tab-data');
    await page.click('#demo');
    await page.waitForFunction(() => document.querySelector('#data-summary')?.textContent?.startsWith('demo customers: 1,000 rows'));
  });
});
