import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MALL, tempDir } from '../helpers.js';
import { studio, studioFixture } from './studioPage.js';
import { runCli } from '../cliInProcess.js';

/*
 * Choose k as a conversation (issue 32): after one sweep, a k picked in the charts or the shortlist shows its
 * segments with the sentence and the counts `segmenta run … --k K` prints, against the same sweep (no new
 * sweep request), with the recommendation, the charts and the shortlist still on the page.
 */
const fixture = studioFixture();

/** What `segmenta run MALL --k K` prints and writes: its stdout and summary.json's segments. */
async function cliRun(k: number): Promise<{ stdout: string; segments: Array<{ id: number; name: string; size: number }> }> {
  const out = tempDir();
  const run = await runCli(['run', MALL, '--k', String(k), '--no-report', '--out', out]);
  expect(run.code, run.stderr).toBe(0);
  return { stdout: run.stdout, segments: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).segments };
}

describe('the studio’s Choose k view on the Mall data (default features)', () => {
  it('shows a picked k as `run --k` does, from the elbow chart and from the shortlist, without sweeping again', async () => {
    const { page, errors } = await studio(fixture);
    const jobs: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/jobs') jobs.push(r.postData() ?? '');
    });
    await page.setInputFiles('#file', MALL);
    await page.waitForSelector('body[data-data="loaded"]');
    await page.click('#to-setup');
    await page.waitForSelector('body[data-setup="ok"]');
    await page.click('#to-k');
    await page.click('#compute');
    await page.waitForSelector('#k-result:not([hidden])', { timeout: 180_000 });
    const recommended = Number(await page.textContent('#recommended'));
    const recommendation = await page.textContent('#k-reason');
    // The shortlist's figures (the marks after each k say which is shown).
    const figures = () =>
      page.$$eval('#k-picker tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('button, td:not(:first-child)')].map((c) => c.textContent)));
    const shortlist = await figures();
    expect(await page.isHidden('#k-shown-reason')).toBe(true);

    const preview = async (): Promise<Array<{ id: number; name: string; size: number }>> =>
      page.$$eval('#k-preview-table tbody tr', (rows) =>
        rows.map((r) => {
          const cells = [...r.querySelectorAll('td')].map((c) => c.textContent!);
          return { id: Number(cells[0]), name: cells[1]!, size: Number(cells[2]!.replace(/,/g, '')) };
        }),
      );
    // k = 5 clicked on the elbow curve: the sentence and the segments of `run --k 5`.
    await page.click('#chart-elbow svg path[aria-label^="Number of segments k: 5; inertia"]');
    await page.waitForSelector('body[data-shownk="5"]', { timeout: 120_000 });
    const five = await cliRun(5);
    const sentence = (await page.textContent('#k-shown-reason'))!;
    expect(sentence).toMatch(/^k = 5 was given; \d of 6 criteria favour it/);
    expect(five.stdout).toContain(`\n${sentence}\n`);
    expect(await preview()).toEqual(five.segments.map(({ id, name, size }) => ({ id, name, size })));

    // A k of the shortlist: the same again, and the recommendation, its sentence and the shortlist stay.
    const ks = await page.$$eval('#k-picker tbody button', (b) => b.map((x) => Number(x.textContent!.replace('k = ', ''))));
    const other = ks.find((k) => k !== recommended && k !== 5)!;
    await page.click(`#k-picker tbody button:text-is("k = ${other}")`);
    await page.waitForSelector(`body[data-shownk="${other}"]`, { timeout: 120_000 });
    const picked = await cliRun(other);
    expect(picked.stdout).toContain(`\n${await page.textContent('#k-shown-reason')}\n`);
    expect((await preview()).map((s) => s.size)).toEqual(picked.segments.map((s) => s.size));
    expect(Number(await page.textContent('#recommended'))).toBe(recommended);
    expect(await page.textContent('#k-reason')).toBe(recommendation);
    expect(await figures()).toEqual(shortlist);
    // One sweep: every later job asked for its k, and the chart still spans the sweep's range.
    expect(jobs.map((body) => JSON.parse(body || '{}').k)).toEqual([undefined, 5, other]);
    expect(await page.$$eval('#chart-elbow svg path[aria-label*="; inertia: "]', (p) => p.length)).toBe(9);

    // "Show segments" opens the k on show, unchanged.
    await page.click('#show-segments');
    await page.waitForSelector('body[data-members]', { timeout: 120_000 });
    expect(await page.textContent('#segments-method')).toBe(`Method: k-means; k = ${other}.`);
    expect(jobs).toHaveLength(3);
    expect(errors).toEqual([]);
  });
});
