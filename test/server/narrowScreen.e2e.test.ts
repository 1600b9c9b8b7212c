import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MALL, DATA_DIR } from '../helpers.js';
import { horizontalOverflow, seriousViolations, smallChartText } from '../pageAudit.js';
import { artifacts, studio, studioFixture } from './studioPage.js';

/*
 * The studio opened on a phone (390 px, issue 32): every chart comes laid out for the screen — panels
 * stacked, long labels cut, heatmap numbers left to the colours and the data tables — so no chart text is
 * drawn under 10 px, nothing is wider than the page, and axe finds nothing serious, in every view that draws
 * charts: Data, Choose k, Segments, Compare, RFM and CLV.
 */
const fixture = studioFixture();

/** The view as it is now: readable chart text, no sideways overflow, no serious accessibility violation. */
async function readable(page: Page, view: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `studio-390-${view}.png`), fullPage: true });
  expect(await smallChartText(page), view).toEqual([]);
  expect(await horizontalOverflow(page), view).toEqual([]);
  expect(await seriousViolations(page), view).toEqual([]);
}

describe('the studio on a 390 px phone', () => {
  it('draws every chart readable, from the data to the comparison, RFM and CLV', async () => {
    const { page, errors } = await studio(fixture, 390, 844);
    await page.setInputFiles('#file', MALL);
    await page.waitForSelector('body[data-data="loaded"]');
    await readable(page, 'data');
    await page.click('#to-setup');
    await page.waitForSelector('body[data-setup="ok"]');
    await page.click('#to-k');
    await page.click('#compute');
    await page.waitForSelector('#k-result:not([hidden])', { timeout: 180_000 });
    await readable(page, 'k');
    await page.click('#show-segments');
    await page.waitForSelector('body[data-members]', { timeout: 120_000 });
    await readable(page, 'segments');
    await page.click('#tab-compare');
    await page.click('#compare');
    await page.waitForSelector('body[data-compared="true"]', { timeout: 180_000 });
    await readable(page, 'compare');

    await page.click('#tab-data');
    await page.setInputFiles('#file', join(DATA_DIR, 'cdnow_sample.txt'));
    await page.waitForSelector('body[data-data="loaded"] #order-log:not([hidden])', { timeout: 120_000 });
    await page.click('#rfm-run');
    await page.waitForSelector('body[data-rfm]', { timeout: 180_000 });
    await readable(page, 'rfm');
    await page.click('#tab-data');
    await page.fill('#clv-calibration-end', '1997-09-30');
    await page.click('#clv-run');
    await page.waitForSelector('body[data-clv]', { timeout: 180_000 });
    await readable(page, 'clv');
    expect(errors).toEqual([]);
  }, 300_000);
});
