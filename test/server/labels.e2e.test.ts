import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INCOME, MALL, tempDir } from '../helpers.js';
import { studio, studioFixture } from './studioPage.js';
import { runCli } from '../cliInProcess.js';

/*
 * Labels in the studio (issue 32): a column's label and unit and a category's level names are typed in Setup,
 * shape the segments' names, and download as the labels.json that `segmenta run --labels` takes — with which
 * the CLI names the same segments the same way.
 */
const fixture = studioFixture();

describe('labels typed in the studio', () => {
  it('name the segments, and download as a labels.json the CLI names them alike with', async () => {
    const { page, errors } = await studio(fixture);
    await page.setInputFiles('#file', MALL);
    await page.waitForSelector('body[data-data="loaded"]');
    await page.click('#to-setup');
    await page.waitForSelector('body[data-setup="ok"]');
    await page.click('#labels-editor summary');
    expect(await page.getAttribute(`#labels-table input[data-column="${INCOME}"][data-part="label"]`, 'placeholder')).toBe('Annual income');
    await page.fill(`#labels-table input[data-column="${INCOME}"][data-part="label"]`, 'Yearly pay');
    await page.fill(`#labels-table input[data-column="${INCOME}"][data-part="unit"]`, 'k€');
    await page.fill('#labels-table input[data-column="Gender"][data-level="Female"]', 'Women');
    await page.fill('#labels-table input[data-column="Gender"][data-level="Male"]', 'Men');
    await page.press('#labels-table input[data-column="Gender"][data-level="Male"]', 'Tab');
    const expected = { [INCOME]: { label: 'Yearly pay', unit: 'k€' }, Gender: { levels: { Female: 'Women', Male: 'Men' } } };
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#labels-json')]);
    expect(download.suggestedFilename()).toBe('labels.json');
    const downloaded = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(downloaded)).toEqual(expected);

    await page.click('#to-k');
    await page.click('#compute');
    await page.waitForSelector('#k-result:not([hidden])', { timeout: 180_000 });
    await page.click('#show-segments');
    await page.waitForSelector('body[data-members]', { timeout: 120_000 });
    const names = await page.$$eval('#cards textarea[data-segment]', (t) => t.map((x) => (x as HTMLTextAreaElement).value));
    expect(names.join(' ')).toMatch(/yearly pay/i);
    expect(names.join(' ')).not.toMatch(/annual income/i);
    expect(await page.textContent('#cards')).toMatch(/k€/);

    const dir = tempDir();
    writeFileSync(join(dir, 'labels.json'), downloaded);
    const run = await runCli(['run', MALL, '--labels', join(dir, 'labels.json'), '--no-report', '--out', join(dir, 'out')]);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(names).toEqual(summary.segments.map((s: { name: string }) => s.name));
    expect(errors).toEqual([]);
  });
});
