import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INCOME, MALL, DATA_DIR, SPENDING, tempDir } from '../helpers.js';
import { segmentFile, studio, studioFixture } from './studioPage.js';
import { runCli } from '../cliInProcess.js';

/*
 * The order-log path in the studio (issue 32): after a customer segmentation, an order log (the bundled Online
 * Retail and CDNOW samples, offered on the start page) leads the Data view
 * with its column mapping and says why the customer path is not the way; RFM shows its clusters; CLV runs the
 * code of `segmenta clv` (the CLI's parameters on CDNOW); no request is refused along the way.
 */
const fixture = studioFixture();

describe('an order log in the studio, after a Mall segmentation', () => {
  it('leads with the mapping panel, shows RFM clusters and CLV, and CLV on CDNOW gives the CLI’s parameters', async () => {
    const { page, errors } = await studio(fixture);
    const refused: string[] = [];
    page.on('response', (r) => r.status() >= 400 && refused.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await segmentFile(page, MALL, [INCOME, SPENDING]);

    // The Online Retail sample the start page offers (one customer in eight of the UCI log; the whole log takes
    // the same path, 11 times the reading: the CLI tests read it).
    await page.click('#tab-data');
    await page.click('#samples button[data-sample="retail"]');
    await page.waitForSelector('body[data-data="loaded"] #order-log:not([hidden])', { timeout: 120_000 });
    // The mapping panel comes right after the file's one-line summary, above its preview and profile.
    const order = await page.$$eval('#view-data > *:not([hidden])', (nodes) => nodes.map((n) => n.id));
    expect(order.slice(0, 3)).toEqual(['drop', 'data-summary', 'order-log']);
    expect(await page.inputValue('#rfm-customer')).toBe('CustomerID');
    expect(await page.isVisible('#customer-path-note')).toBe(true);

    await page.click('#rfm-run');
    await page.waitForSelector('body[data-rfm]', { timeout: 180_000 });
    const k = Number(await page.textContent('#rfm-clusters-reason').then((t) => t!.match(/^k = (\d+)/)![1]));
    expect(await page.$eval('#rfm-clusters .scroll', (t) => t.querySelectorAll('tbody tr').length)).toBe(k);
    expect(await page.$$eval('#chart-rfm-cluster-scatter canvas, #chart-rfm-cluster-scatter svg', (c) => c.length)).toBeGreaterThan(0);

    await page.click('#tab-data');
    await page.click('#clv-run');
    await page.waitForSelector('body[data-clv]', { timeout: 180_000 });
    expect(await page.isVisible('#chart-clv-segments svg')).toBe(true);

    // CDNOW, the sample the start page offers, with a calibration end: the parameters `segmenta clv` prints.
    await page.click('#tab-data');
    await page.click('#samples button[data-sample="cdnow"]');
    await page.waitForSelector('body[data-data="loaded"] #order-log:not([hidden])', { timeout: 120_000 });
    await page.fill('#clv-calibration-end', '1997-09-30');
    await page.click('#clv-run');
    await page.waitForSelector('body[data-clv="2357"]', { timeout: 180_000 });
    const cells = await page.$eval('#clv-summary .scroll', (t) => [...t.querySelectorAll('tbody tr')].map((r) => r.children[2]!.textContent));
    const [r, alpha, a, b, p, q, gamma] = cells;
    const printed = await runCli([
      'clv',
      join(DATA_DIR, 'cdnow_sample.txt'),
      '--customer',
      'column0',
      '--date',
      'column2',
      '--amount',
      'column4',
      '--calibration-end',
      '1997-09-30',
      '--out',
      join(tempDir(), 'cdnow-clv'),
    ]);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toContain(`BG/NBD r ${r}, alpha ${alpha}, a ${a}, b ${b}; Gamma-Gamma p ${p}, q ${q}, gamma ${gamma}`);
    expect(await page.textContent('#clv-summary')).toContain('Holdout (39 weeks after the calibration end): 1,882 purchases made');
    expect(await page.isVisible('#chart-clv-calibration svg')).toBe(true);

    // The best of the purchase models: the comparison, the choice and its reason, as the library makes them (issue 34).
    await page.click('#tab-data');
    await page.selectOption('#clv-purchase-model', 'auto');
    await page.click('#clv-run');
    await page.waitForSelector('#clv-summary :text("Purchase models compared")', { timeout: 180_000 });
    const compared = await page.textContent('#clv-summary');
    expect(compared).toContain('Pareto/NBD (chosen)');
    expect(compared).toContain('Chosen: Pareto/NBD predicts the holdout best');
    expect(compared).toMatch(/one-time buyers have P\(alive\) 0\.\d\d on average/);
    // The library's reasons name the panel's controls, not the command line's flags.
    expect(compared).toContain('use Time unit "day"');
    expect(compared).not.toMatch(/--[a-z]/);

    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
  }, 300_000);
});
