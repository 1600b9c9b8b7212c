import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchChromium } from '../browser.js';
import { ROOT } from '../helpers.js';
import { horizontalOverflow, seriousViolations } from '../pageAudit.js';
import { startServer, type ServerProcess } from './serverProcess.js';

/** Where the views' screenshots go. */
export const artifacts = join(ROOT, 'test-artifacts');

/** One studio server and one Chromium for a test file, started before its tests and stopped after. */
export function studioFixture(): { readonly server: () => ServerProcess; readonly browser: () => Browser } {
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return { server: () => server, browser: () => browser };
}

/** A fresh browser page (its own session) on the studio, with page errors collected. */
export async function studio(fixture: ReturnType<typeof studioFixture>, width = 1400, height = 900): Promise<{ page: Page; errors: string[] }> {
  const page = await (await fixture.browser().newContext({ viewport: { width, height } })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(fixture.server().url);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, errors };
}

export const fetchText = (page: Page, path: string) =>
  page.evaluate(async (p) => {
    const r = await fetch(p);
    return { status: r.status, text: await r.text() };
  }, path);

/** Uploads a file, sets up the given features (all when undefined), chooses k and shows the segments. */
export async function segmentFile(page: Page, file: string, features?: string[]): Promise<void> {
  await page.setInputFiles('#file', file);
  await page.waitForSelector('body[data-data="loaded"]', { timeout: 120_000 });
  await page.click('#to-setup');
  if (features) {
    for (const box of await page.$$('#features input:not([disabled])')) if (await box.isChecked()) await box.uncheck();
    for (const f of features) await page.check(`#features input[value="${f}"]`);
    await page.waitForFunction((n) => document.querySelector('#setup-result')?.textContent?.includes(`${n} features`), features.length);
  }
  await page.waitForSelector('body[data-setup="ok"]');
  await page.click('#to-k');
  await page.click('#compute');
  await page.waitForSelector('#k-result:not([hidden])', { timeout: 180_000 });
  await page.click('#show-segments');
  await page.waitForSelector('body[data-members]', { timeout: 120_000 });
}

/** auditViews at 1400 px (the page's width), then again at 390 × 844 (a phone). */
export async function auditViewsAtBothWidths(page: Page, name: string, views: string[], axe = true): Promise<void> {
  await auditViews(page, name, views, axe);
  await page.setViewportSize({ width: 390, height: 844 });
  await auditViews(page, name, views, axe);
}

/** Every step's view at this width: no sideways overflow of the page or any chart, no serious axe violation (with `axe`). */
async function auditViews(page: Page, name: string, views: string[], axe: boolean): Promise<void> {
  for (const view of views) {
    await page.click(`#tab-${view}`);
    await page.waitForSelector(`#view-${view}:not([hidden])`);
    for (const d of await page.$$(`#view-${view} details.data`)) await d.evaluate((e) => ((e as HTMLDetailsElement).open = true));
    const width = page.viewportSize()!.width;
    await page.screenshot({ path: join(artifacts, `studio-${name}-${view}-${width}.png`) });
    expect(await horizontalOverflow(page), `${name} ${view} at ${width} px`).toEqual([]);
    if (axe) expect(await seriousViolations(page), `${name} ${view} at ${width} px`).toEqual([]);
  }
}

/** Rows of a CSV text without quotes in the cells tested here. */
export const csvRows = (text: string): string[][] =>
  text
    .trim()
    .split('\n')
    .map((l) => l.split(','));
