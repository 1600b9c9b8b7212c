import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartSafeText } from '../../src/charts/chartSafeText.js';
import { launchChromium } from '../browser.js';
import { tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

const csvCell = (v: string): string => `"${v.replaceAll('"', '""')}"`;

describe('names that Vega-Lite does not escape never break or script the report', () => {
  it('chartSafeText shows backslashes as ⧵ and line breaks as spaces, in keys and values alike', () => {
    expect(chartSafeText({ 'a\\"b': ['x\ny', 'q\u2028r', 'plain'], title: 'ok' })).toEqual({ 'a⧵"b': ['x y', 'q r', 'plain'], title: 'ok' });
  });

  it('a report whose column names hold \\", U+2028, quotes and </script> draws every chart and runs nothing', async () => {
    const dir = tempDir();
    const names = [
      'id',
      'x"]+(window.__pwned=1)+["',
      "y']+(window.__pwned=2)+['",
      'z\\"]+(window.__pwned=3)+[\\"',
      'w\tline',
      'q\u2028(window.__pwned=5)',
      'cat</script><script>window.__pwned=6</script>',
    ];
    const rows = Array.from({ length: 60 }, (_, i) =>
      [i + 1, i % 7, (i * 3) % 11, (i * 5) % 13, (i * 7) % 17, (i * 11) % 19, ['a\\"b', 'b\u2028c', '<img src=x onerror="window.__pwned=7">'][i % 3]!]
        .map((c) => csvCell(String(c)))
        .join(','),
    );
    const file = join(dir, 'names.csv');
    writeFileSync(file, [names.map(csvCell).join(','), ...rows].join('\n') + '\n');
    const out = join(dir, 'out');
    const r = await runCli(['run', file, '--out', out, '--quiet', '--k', '3']);
    expect(r.code, r.stderr).toBe(0);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`file://${join(out, 'report.html')}`);
      await page.waitForFunction(() => document.body.dataset['ready'] === 'true', null, { timeout: 30_000 });
      expect(errors).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.$$eval('img[src="x"]', (imgs) => imgs.length)).toBe(0);
      expect(await page.$$eval('.chart svg', (svgs) => svgs.length)).toBeGreaterThan(5);
    } finally {
      await browser.close();
    }
  });
});
