import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBaseline } from '../../src/baseline/loadBaseline.js';
import { withinSegment } from '../../src/baseline/withinSegment.js';
import { readTable } from '../../src/data/readTable.js';
import { INCOME, MALL, SPENDING, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

/*
 * Issue 30: drift and --baseline follow customers by the model's own key and refuse repeated keys; --within N
 * is segment number N (a name only when no number matches); --out under /proc is refused.
 */
let run: string;
beforeAll(async () => {
  run = join(tempDir(), 'run');
  expect((await runCli(['run', MALL, '--features', `${INCOME},${SPENDING}`, '--k', '5', '--out', run, '--quiet', '--stability', 'off'])).code).toBe(0);
});

/** A copy of the run folder whose segments.csv is changed by `edit` (its lines). */
async function edited(edit: (lines: string[]) => string[]): Promise<string> {
  const dir = join(tempDir(), 'edited');
  await runCli(['run', MALL, '--features', `${INCOME},${SPENDING}`, '--k', '5', '--out', dir, '--quiet', '--stability', 'off']);
  const lines = readFileSync(join(dir, 'segments.csv'), 'utf8').trimEnd().split('\n');
  writeFileSync(join(dir, 'segments.csv'), edit(lines).join('\n') + '\n');
  return dir;
}

describe('a baseline is read by the model’s key', () => {
  it('the key comes from model.json, not from the first column of segments.csv', async () => {
    // Columns moved: the key is no longer first.
    const moved = await edited((lines) => lines.map((l) => l.split(',')).map((c) => [c[1], c[0], ...c.slice(2)].join(',')));
    const baseline = await loadBaseline(moved);
    expect(baseline.byKey!.size).toBe(200);
    expect([...baseline.byKey!.keys()].slice(0, 3)).toEqual(['1', '2', '3']);
    const drift = await runCli(['drift', run, moved, '--json']);
    expect(drift.code, drift.stderr).toBe(0);
    expect(JSON.parse(drift.stdout).customersInBoth).toBe(200);
  });

  it('a repeated key is refused in one line, in drift and --baseline', async () => {
    const twice = await edited((lines) => [...lines, lines[5]!]);
    await expect(loadBaseline(twice)).rejects.toThrow(/rows 5 and 201: the key CustomerID "5" appears twice/);
    for (const args of [
      ['drift', run, twice],
      ['run', MALL, '--features', `${INCOME},${SPENDING}`, '--baseline', twice, '--out', join(tempDir(), 'o'), '--quiet'],
    ]) {
      const r = await runCli(args);
      expect([r.code, r.stderr.trim().split('\n').length], args[0]).toEqual([3, 1]);
      expect(r.stderr).toMatch(/appears twice/);
    }
  });

  it('--within 2 is segment number 2 even when another segment is named "2"; a name works when no number matches', async () => {
    const dir = join(tempDir(), 'named');
    expect((await runCli(['run', MALL, '--features', `${INCOME},${SPENDING}`, '--k', '5', '--out', dir, '--quiet', '--stability', 'off'])).code).toBe(0);
    const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    model.segments[3].name = '2';
    writeFileSync(join(dir, 'model.json'), JSON.stringify(model));
    const table = await readTable(MALL);
    const baseline = await loadBaseline(dir);
    const byNumber = withinSegment(table, baseline, '2');
    expect([byNumber.within.segment, byNumber.within.givenBy]).toEqual([2, 'number']);
    const byName = withinSegment(table, baseline, model.segments[0].name);
    expect([byName.within.segment, byName.within.givenBy]).toEqual([1, 'name']);
    const r = await runCli([
      'run',
      MALL,
      '--features',
      `${INCOME},${SPENDING}`,
      '--within',
      model.segments[0].name,
      '--baseline',
      dir,
      '--out',
      join(tempDir(), 'w'),
      '--stability',
      'off',
    ]);
    expect(r.stdout.split('\n')[0]).toMatch(/^within segment 1 \(.*\) of .*, found by its name: /);
  });

  it('--out under /proc, /sys or /dev is refused before any work', async () => {
    for (const out of ['/proc/self/x', '/sys/x', '/dev/shm/../x/y']) {
      const r = await runCli(['run', MALL, '--out', out]);
      expect([r.code, r.stderr.trim().split('\n').length], out).toEqual([2, 1]);
      expect(r.stderr).toMatch(/holds no files of yours/);
    }
  });
});
