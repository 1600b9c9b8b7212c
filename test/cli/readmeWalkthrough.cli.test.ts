import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

/** The commands of the README's walk-through: the lines of its first ```sh block, as a shell would split them. */
function walkthrough(): string[][] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Five minutes'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .trim()
    .split('\n')
    .map((line) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!));
}

describe("the README's five minutes with the Mall customers", () => {
  it('runs as written in an empty folder, on the samples the package ships, and writes what it says', { timeout: 300_000 }, async () => {
    const commands = walkthrough();
    expect(commands.length).toBeGreaterThanOrEqual(8);
    const dir = tempDir();
    for (const command of commands) {
      expect(command.slice(0, 2)).toEqual(['npx', 'segmenta']);
      const r = await runCli(command.slice(2), dir);
      expect([r.code, r.stderr], command.join(' ')).toEqual([0, '']);
    }
    for (const file of [
      'mall_customers.csv',
      'segmenta-out/report.html',
      'segmenta-out/profile.json',
      'income-spending/model.json',
      'scored/segments.csv',
      'cdnow-rfm/rfm.csv',
      'cdnow-clv/clv.csv',
    ])
      expect(existsSync(join(dir, file)), file).toBe(true);
    // The output the README shows is the output of its command.
    const shown = readFileSync(join(ROOT, 'README.md'), 'utf8').match(/k = 5 was chosen by [^\n]+/)![0];
    const run = await runCli(['run', 'mall_customers.csv', '--features', 'Annual Income (k$),Spending Score (1-100)', '--out', 'again'], dir);
    expect(run.stdout).toContain(shown);
    expect(run.stdout).toContain(
      '5  Low annual income · High spending score          22    11%  1.00 highly stable                     25.73                  79.36',
    );
  });

  it('samples lists the bundled data sets with their licence, and refuses an unknown name with the closest one', async () => {
    const list = await runCli(['samples']);
    expect(list.code).toBe(0);
    for (const name of ['mall', 'wholesale', 'cdnow', 'retail']) expect(list.stdout).toContain(name);
    expect(list.stdout).toContain('CC BY 4.0');
    const bad = await runCli(['samples', 'mal', '--out', tempDir()]);
    expect([bad.code, bad.stderr.trim()]).toEqual([
      2,
      'segmenta: error: samples: no sample "mal"; did you mean "mall"? (expected mall, wholesale, cdnow, retail)',
    ]);
  });
});
