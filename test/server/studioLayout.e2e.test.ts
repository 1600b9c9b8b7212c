import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RETAIL_COLUMNS, retailHead, DATA_DIR, tempDir } from '../helpers.js';
import { auditViewsAtBothWidths, fetchText, segmentFile, studio, studioFixture } from './studioPage.js';
import { runCli } from '../cliInProcess.js';

/*
 * The studio's RFM mode on an order log, and every view of the studio on a wide file (cc_general: 17
 * features) at 1400 and 390 px. Beside studio.e2e.test.ts so that the two run side by side.
 */
const fixture = studioFixture();
const dir = tempDir();

describe('the studio in RFM mode', () => {
  it('recognizes an order log, guesses its columns, and shows the same RFM segments and rfm.csv as segmenta rfm', async () => {
    // The first 20,000 lines of the Online Retail log.
    const log = await retailHead(20_000, dir);
    const { page, errors } = await studio(fixture);
    await page.setInputFiles('#file', log);
    await page.waitForSelector('#order-log:not([hidden])');
    const guesses = await page.$$eval('#rfm-mapping select', (s) => Object.fromEntries((s as HTMLSelectElement[]).map((x) => [x.id, x.value])));
    expect(guesses).toEqual({
      'rfm-customer': 'CustomerID',
      'rfm-date': 'InvoiceDate',
      'rfm-invoice': 'InvoiceNo',
      'rfm-quantity': 'Quantity',
      'rfm-price': 'UnitPrice',
      'rfm-amount': '',
    });
    await page.click('#rfm-run');
    await page.waitForSelector('body[data-rfm]', { timeout: 120_000 });
    await page.waitForSelector('#chart-rfm-grid svg');
    const studioCsv = (await fetchText(page, '/api/export/rfm.csv')).text;
    const out = join(dir, 'rfm-cli');
    const r = await runCli(['rfm', log, ...RETAIL_COLUMNS, '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(studioCsv).toBe(readFileSync(join(out, 'rfm.csv'), 'utf8'));
    expect(Number(await page.getAttribute('body', 'data-rfm'))).toBe(studioCsv.trim().split('\n').length - 1);
    const report = await fetchText(page, '/api/export/rfm-report.html');
    expect(report.text).toContain('RFM analysis');
    await auditViewsAtBothWidths(page, 'rfm', ['data', 'rfm']);
    expect(errors).toEqual([]);
  });
});

describe('the studio on cc_general (its first 1,000 customers, 17 features)', () => {
  it('every view fits at 1400 px and at 390 px with no serious accessibility violation', { timeout: 600_000 }, async () => {
    // Layout needs the width of 17 features, not all 8,950 customers (the hierarchical comparison is O(n²)).
    const sample = join(dir, 'cc_general_1000.csv');
    writeFileSync(sample, readFileSync(join(DATA_DIR, 'cc_general.csv'), 'utf8').split('\n').slice(0, 1001).join('\n') + '\n');
    const { page, errors } = await studio(fixture);
    await segmentFile(page, sample);
    await page.click('#tab-compare');
    await page.click('#compare');
    await page.waitForSelector('body[data-compared="true"]', { timeout: 300_000 });
    const views = ['data', 'setup', 'k', 'segments', 'compare', 'export'];
    // axe audits these views on Mall (studio.e2e.test.ts); here the wide tables of 17 features must fit.
    await auditViewsAtBothWidths(page, 'cc_general', views, false);
    expect(errors).toEqual([]);
  });
});
