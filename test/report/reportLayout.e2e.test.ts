import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser.js';
import { MALL, ROOT, DATA_DIR, tempDir } from '../helpers.js';
import { horizontalOverflow, seriousViolations, smallChartText } from '../pageAudit.js';
import { runCli } from '../cliInProcess.js';

const dir = tempDir();
const artifacts = join(ROOT, 'test-artifacts');
const reports = { mall: join(dir, 'mall'), cc_general: join(dir, 'cc') };
let browser: Browser;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  expect((await runCli(['run', MALL, '--out', reports.mall, '--quiet'])).stderr).toBe('');
  // 8,950 customers × 17 features: the widest report of the shared data.
  expect((await runCli(['run', join(DATA_DIR, 'cc_general.csv'), '--out', reports.cc_general, '--quiet'])).stderr).toBe('');
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

const open = async (name: keyof typeof reports, width: number, height: number) => {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(pathToFileURL(join(reports[name], 'report.html')).href);
  await page.waitForFunction(() => document.body.dataset['ready'] === 'true', undefined, { timeout: 60_000 });
  return page;
};

describe('the report on a desktop, a phone and paper', () => {
  /** The report at a size: nothing wider than the page or its box; below 600 px no chart text under 10 px; with its "show data" tables open, as a reader would have them, no serious accessibility violation. */
  const checkLayout = async (page: Page, name: string, width: number): Promise<void> => {
    await page.screenshot({ path: join(artifacts, `report-${name}-${width}.png`) });
    expect(await horizontalOverflow(page)).toEqual([]);
    // Below 600 px the charts are laid out for the phone (stacked panels), not shrunk: no text under 10 px.
    if (width < 600) expect(await smallChartText(page)).toEqual([]);
    for (const d of await page.$$('details.data')) await d.evaluate((e) => ((e as HTMLDetailsElement).open = true));
    expect(await seriousViolations(page)).toEqual([]);
  };

  for (const [width, height] of [
    [1400, 900],
    [390, 844],
  ] as const)
    it(`mall at ${width} px: nothing wider than the page or its box, no serious accessibility violation (axe-core)`, async () => {
      const page = await open('mall', width, height);
      await checkLayout(page, 'mall', width);
      await page.close();
    });

  it('cc_general opened on a phone, and opened wide then narrowed below 600 px (every chart redrawn for it): nothing wider than the page, no chart text under 10 px, no serious accessibility violation', async () => {
    const phone = await open('cc_general', 390, 844);
    await checkLayout(phone, 'cc_general', 390);
    await phone.close();
    const page = await open('cc_general', 1400, 900);
    await checkLayout(page, 'cc_general', 1400);
    expect(await page.evaluate(() => document.body.dataset['layout'])).toBe('wide');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => document.body.dataset['layout'] === 'narrow');
    expect(await smallChartText(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toEqual([]);
    await page.close();
  });

  it('the 2D scatter outlines each segment and draws the biplot arrows (Mall)', async () => {
    const mall = await open('mall', 1400, 900);
    const k = await mall.$$eval('#chart-scatter ~ details.data tbody tr', (r) => r.length);
    expect(k).toBe(6);
    // One closed outline per segment.
    expect(await mall.$$eval('#chart-scatter svg g.mark-line.role-mark path', (p) => p.length)).toBe(k);
    const labels = await mall.$$eval('#chart-scatter svg g.mark-text.role-mark text', (t) => [...new Set(t.map((x) => x.textContent))]);
    expect(labels).toEqual(expect.arrayContaining(['Age', 'Annual income', 'Spending score']));
    expect(
      await mall.$$eval(
        '#chart-scatter svg g.mark-symbol.role-mark path',
        (p) => p.filter((x) => /Z$/.test(x.getAttribute('d') ?? '') && (x.getAttribute('d') ?? '').split('L').length === 3).length,
      ),
    ).toBe(0);
    await mall.close();
  });

  it('cc_general: extreme customers kept at the scatter\'s edge as triangles; printed to A4, under 5 MB, no chart wider than the page, every chart has a "show data" table', async () => {
    const page = await open('cc_general', 1400, 900);
    const subtitle = await page.$$eval('#chart-scatter svg .role-title-subtitle text', (t) => t.map((x) => x.textContent).join(' '));
    const beyond = Number(/(\d+) extreme customer\(s\) beyond the axes/.exec(subtitle)?.[1]);
    expect(beyond).toBeGreaterThan(0);
    // Triangles: three-point closed paths among the scatter's symbols.
    const triangles = await page.$$eval(
      '#chart-scatter svg g.mark-symbol.role-mark path',
      (p) => p.filter((x) => (x.getAttribute('d') ?? '').split('L').length === 3).length,
    );
    expect(triangles).toBe(beyond);
    expect(await page.$$eval('.chart', (c) => c.length)).toBeGreaterThanOrEqual(7);
    expect(await page.$$eval('.chart + details.data table', (t) => t.length)).toBe(await page.$$eval('.chart', (c) => c.length));
    const pdf = await page.pdf({ format: 'A4', path: join(artifacts, 'report-cc_general.pdf') });
    expect(pdf.length).toBeLessThan(5 * 1024 * 1024);
    // A4 is 210 mm wide; the print stylesheet leaves 12 mm margins: 186 mm = 703 CSS px of content.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 703, height: 1000 });
    const wide = await page.$$eval('.chart', (charts) =>
      charts.flatMap((c) => [...c.querySelectorAll('svg, canvas')].filter((g) => g.getBoundingClientRect().right > 703 + 0.5).map(() => c.id)),
    );
    expect(wide).toEqual([]);
    await page.close();
  });
});
