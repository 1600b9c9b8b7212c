import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stageRunFolder, writeRunFolder } from '../../src/output/runFolder.js';
import { MALL, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

const FEATURES = ['--features', 'Annual Income (k$),Spending Score (1-100)'];

describe('--out is never a way to lose data', () => {
  it("refuses the input file's own folder (exit 2), and --force never overwrites the input", async () => {
    const dir = tempDir();
    const input = join(dir, 'segments.csv');
    copyFileSync(MALL, input);
    const r = await runCli(['run', input, '--out', dir, '--quiet', ...FEATURES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/it is the folder of the input segments\.csv; choose another folder, or add --force/);
    expect(readFileSync(input, 'utf8')).toBe(readFileSync(MALL, 'utf8'));
    const forced = await runCli(['run', input, '--out', dir, '--quiet', '--force', ...FEATURES]);
    expect(forced.code).toBe(2);
    expect(forced.stderr).toMatch(/writing segments\.csv would overwrite the input/);
    expect(readFileSync(input, 'utf8')).toBe(readFileSync(MALL, 'utf8'));
  });

  it('refuses an existing file as --out (exit 2, not an internal error)', async () => {
    const file = join(tempDir(), 'notes.txt');
    writeFileSync(file, 'mine');
    const r = await runCli(['run', MALL, '--out', file, '--quiet', ...FEATURES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is an existing file, not a folder/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it('refuses a folder of other files, and one holding another run, unless --force', async () => {
    const mine = join(tempDir(), 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'thesis.docx'), 'precious');
    expect((await runCli(['run', MALL, '--out', mine, '--quiet', ...FEATURES])).code).toBe(2);
    expect((await runCli(['run', MALL, '--out', mine, '--quiet', '--force', ...FEATURES])).code).toBe(0);
    expect(readFileSync(join(mine, 'thesis.docx'), 'utf8')).toBe('precious');
    expect(existsSync(join(mine, 'segments.csv'))).toBe(true);

    const trained = join(tempDir(), 'trained');
    expect((await runCli(['run', MALL, '--out', trained, '--quiet', ...FEATURES])).code).toBe(0);
    const before = readFileSync(join(trained, 'segments.csv'), 'utf8');
    const other = join(tempDir(), 'new.csv');
    copyFileSync(MALL, other);
    const p = await runCli(['predict', join(trained, 'model.json'), other, '--out', trained]);
    expect(p.code).toBe(2);
    expect(readFileSync(join(trained, 'segments.csv'), 'utf8')).toBe(before);
    const again = await runCli(['run', other, '--out', trained, '--quiet', ...FEATURES]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/holds the outputs of segmenta run on mall_customers\.csv/);
  });

  it('profile then run on the same file share the default folder (the quick start), each replacing only its own files', async () => {
    const cwd = tempDir();
    expect((await runCli(['profile', MALL], cwd)).code).toBe(0);
    expect((await runCli(['run', MALL, '--quiet', '--png', ...FEATURES], cwd)).code).toBe(0);
    const out = join(cwd, 'segmenta-out');
    expect(existsSync(join(out, 'charts'))).toBe(true);
    expect((await runCli(['profile', MALL], cwd)).code).toBe(0);
    expect(existsSync(join(out, 'segments.csv'))).toBe(true);
    expect((await runCli(['run', MALL, '--quiet', '--no-report', ...FEATURES], cwd)).code).toBe(0);
    expect(existsSync(join(out, 'charts'))).toBe(false);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
    expect(existsSync(join(out, 'profile.json'))).toBe(true);
  });

  it("data that is not a file counts as an input too: the demo's folder is not taken by a run on a file", async () => {
    const out = join(tempDir(), 'out');
    expect((await runCli(['demo', '--rows', '300', '--out', out, '--quiet', '--k', '3'])).code).toBe(0);
    const r = await runCli(['run', MALL, '--out', out, '--quiet', ...FEATURES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds the outputs of segmenta demo on demo/);
    const huge = await runCli(['demo', '--rows', '1e9', '--out', join(tempDir(), 'huge')]);
    expect([huge.code, huge.stderr]).toEqual([2, expect.stringMatching(/invalid --rows: 1000000000 \(expected an integer from 2 to 5,000,000\)/)]);
  });

  it('a new run removes the stale outputs of the previous one (no old report beside new results)', async () => {
    const out = join(tempDir(), 'out');
    expect((await runCli(['run', MALL, '--out', out, '--quiet', '--png', ...FEATURES])).code).toBe(0);
    expect(existsSync(join(out, 'charts'))).toBe(true);
    expect((await runCli(['run', MALL, '--out', out, '--quiet', '--no-report', ...FEATURES])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.segmenta-run.json', 'model.json', 'pca.csv', 'profile.json', 'segments.csv', 'summary.json']);
  });

  it('a failure part-way through writing leaves every earlier output as it was, and no temporary files', () => {
    const parent = tempDir();
    const out = join(parent, 'out');
    writeRunFolder(
      out,
      [
        { name: 'a.csv', content: 'old a' },
        { name: 'b.json', content: 'old b' },
      ],
      { command: 'run', inputs: [] },
    );
    const failing = (function* () {
      yield 'new b, part 1';
      throw new Error('disk gone');
    })();
    expect(() =>
      writeRunFolder(
        out,
        [
          { name: 'a.csv', content: 'new a' },
          { name: 'b.json', content: failing },
        ],
        { command: 'run', inputs: [] },
      ),
    ).toThrow(/disk gone/);
    expect(readFileSync(join(out, 'a.csv'), 'utf8')).toBe('old a');
    expect(readFileSync(join(out, 'b.json'), 'utf8')).toBe('old b');
    expect(readdirSync(parent)).toEqual(['out']);
    const staged = stageRunFolder(out, [{ name: 'a.csv', content: 'new a' }], { command: 'run', inputs: [] });
    staged.abort();
    expect(readFileSync(join(out, 'a.csv'), 'utf8')).toBe('old a');
    expect(readdirSync(parent)).toEqual(['out']);
  });
});
