import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { seriousViolations } from './pageAudit.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('seriousViolations, the accessibility audit of the report and studio tests', () => {
  it('finds serious and critical violations where they can be seen, not minor ones, not in hidden subtrees', async () => {
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html lang="en"><head><title>audit</title></head><body><main>
      <h1>Audit</h1>
      <p id="faint" style="color:#ddd;background:#fff">Faint text</p>
      <button id="unnamed"></button>
      <h4>A skipped heading level (moderate)</h4>
      <section hidden><button id="hidden-unnamed"></button><p style="color:#eee;background:#fff">Hidden faint</p></section>
    </main></body></html>`);
    const found = await seriousViolations(page);
    expect(found).toEqual(expect.arrayContaining(['color-contrast: #faint', 'button-name: #unnamed']));
    expect(found.join('\n')).not.toMatch(/heading-order|hidden-unnamed/);
    // Called again on the same page (axe already there): the same answer.
    expect(await seriousViolations(page)).toEqual(found);
    await page.close();
  });
});
