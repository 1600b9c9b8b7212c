import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser.js';
import { INCOME, MALL, ROOT, SPENDING, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

const dir = tempDir();
const out = join(dir, 'mall');
// Age too: three features give the three principal components of the 3D view.
const out3 = join(dir, 'mall-3');
const artifacts = join(ROOT, 'test-artifacts');
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  const r = await runCli(['run', MALL, '--features', `${INCOME},${SPENDING}`, '--out', out, '--png', '--quiet']);
  expect(r.stderr).toBe('');
  const r3 = await runCli(['run', MALL, '--features', `Age,${INCOME},${SPENDING}`, '--out', out3, '--png', '--quiet']);
  expect(r3.stderr).toBe('');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('request', (req) => requests.push(req.url()));
  await page.goto(pathToFileURL(join(out, 'report.html')).href);
  await page.waitForFunction(() => document.body.dataset['ready'] === 'true', undefined, { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
});

/** Counts the children of the largest mark group of a type inside a chart's SVG. */
function largestMarkGroup(chart: string, markType: string): Promise<number> {
  return page.$$eval(`#chart-${chart} svg g.mark-${markType}.role-mark`, (groups) => Math.max(0, ...groups.map((g) => g.children.length)));
}

describe('report.html in headless Chromium (Mall data, income and spending)', () => {
  it('loads with no console errors and no network requests', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
  });

  it('opens with a table of contents that links every section, and each link lands on its section', async () => {
    const links = await page.$$eval('nav.toc a', (as) => as.map((a) => ({ href: a.getAttribute('href')!, text: a.textContent! })));
    const sections = await page.$$eval('main > section > h2', (hs) => hs.map((h) => ({ id: h.parentElement!.id, text: h.textContent! })));
    expect(links.map((l) => l.text)).toEqual(sections.map((s) => s.text));
    expect(links.map((l) => l.href)).toEqual(sections.map((s) => `#${s.id}`));
    expect(links.map((l) => l.text)).toEqual(expect.arrayContaining(['Segments', 'Choosing k', 'Segments in 2D']));
  });

  it('draws every chart with the expected marks', async () => {
    expect(await largestMarkGroup('scatter', 'symbol')).toBe(200);
    expect(await largestMarkGroup('profile', 'rect')).toBe(10); // 5 segments × 2 features
    expect(await page.$$eval('#chart-profile svg g.mark-rect.role-mark', (gs) => gs.map((g) => g.children.length))).toContain(5); // k size bars
    expect(await largestMarkGroup('silhouette', 'rect')).toBe(200);
    expect(await largestMarkGroup('elbow', 'symbol')).toBe(9); // k = 2..10
    expect(await largestMarkGroup('correlation', 'rect')).toBe(4); // 2 × 2
    expect(await largestMarkGroup('distributions', 'rect')).toBeGreaterThan(5);
    expect(await largestMarkGroup('pairs', 'symbol')).toBe(200);
    const cards = await page.$$eval('.card', (cs) => cs.map((c) => c.querySelector('h3')!.textContent));
    expect(cards).toHaveLength(5);
    expect(await page.textContent('#reason')).toMatch(/^k = 5 was chosen/);
    expect(await page.textContent('body')).toMatch(/Suggested action:.*Rule: spending high and income low/s);
  });

  it('names every chart for assistive technology, and draws no gridlines across the heatmaps’ numbers', async () => {
    // Vega gives each chart's container the graphics-document role and the spec's description as its name.
    const names = await page.$$eval('.chart[role="graphics-document"]', (charts) => charts.map((c) => c.getAttribute('aria-label') ?? ''));
    expect(names.length).toBeGreaterThanOrEqual(7);
    for (const name of names) {
      expect(name).not.toBe('Vega visualization');
      expect(name.length).toBeGreaterThan(15);
    }
    expect(names).toContain(
      'How each segment differs. Colour: difference from all customers in standard deviations (level shares for categories); numbers: segment mean or share',
    );
    for (const id of ['profile', 'correlation']) expect(await page.$$eval(`#chart-${id} svg .role-axis-grid path`, (p) => p.length), id).toBe(0);
  });

  it('with two features there is no third principal component: no 3D view, no "PC3 (0.0%)"', async () => {
    expect(await page.$('#pca3d')).toBeNull();
    expect(await page.innerText('body')).not.toMatch(/PC3/);
    expect(existsSync(join(out, 'charts', 'pca3d.png'))).toBe(false);
  });

  it('the 3D chart (three features) is drawn and responds to a drag', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(pathToFileURL(join(out3, 'report.html')).href);
    await page.waitForFunction(() => document.body.dataset['ready'] === 'true', undefined, { timeout: 60_000 });
    const canvas = page.locator('#pca3d');
    await canvas.scrollIntoViewIfNeeded();
    const before = await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 40, { steps: 8 });
    await page.mouse.up();
    const after = await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
    expect(after).not.toBe(before);
    const coloured = await canvas.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] !== d[i + 1] || d[i + 1] !== d[i + 2]) n++;
      return n;
    });
    expect(coloured).toBeGreaterThan(500);
    await page.close();
  });

  it('takes a full-page screenshot as a test artifact', async () => {
    mkdirSync(artifacts, { recursive: true });
    const file = join(artifacts, 'report-mall.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(50_000);
  });
});

describe('segmenta run --png', () => {
  it('writes one valid, non-blank PNG of sensible size per chart', () => {
    const charts = ['elbow', 'silhouette', 'scatter', 'pairs', 'distributions', 'correlation', 'profile'].map((id) => [out, id]);
    for (const [folder, id] of [...charts, [out3, 'pca3d']] as const) {
      const png = PNG.sync.read(readFileSync(join(folder, 'charts', `${id}.png`)));
      expect(png.width, id).toBeGreaterThan(300);
      expect(png.height, id).toBeGreaterThan(200);
      expect(png.width, id).toBeLessThan(6000);
      const colours = new Set<number>();
      for (let i = 0; i < png.data.length; i += 4 * 7) colours.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
      expect(colours.size, id).toBeGreaterThan(20);
    }
  });

  it('segmenta report OUTDIR rebuilds the same report.html', async () => {
    const before = readFileSync(join(out, 'report.html'), 'utf8');
    const r = await runCli(['report', out]);
    expect(r.code).toBe(0);
    const after = readFileSync(join(out, 'report.html'), 'utf8');
    const strip = (html: string): string => html.replace(/<code>segmenta run[^<]*<\/code>/, '');
    expect(strip(after)).toBe(strip(before));
  });
});
