import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, MALL, DATA_DIR, tempDir } from '../helpers.js';

/*
 * One smoke test per command through the program itself (`node dist/cli/main.js`, a process of its own):
 * the other CLI tests call the same `main` in their own process (test/cliInProcess.ts), so this file is what
 * proves the entry point, its exit codes and its output streams.
 */
const dir = tempDir();
const CDNOW = join(DATA_DIR, 'cdnow_sample.txt');
const ORDERS = ['--customer', 'column0', '--date', 'column2', '--amount', 'column4'];

describe('every command as a process', () => {
  it('--version and --help print and exit 0; an unknown command exits 2 with one line', () => {
    expect(cli(['--version'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    expect(cli(['--help']).stdout).toMatch(/segmenta run FILE/);
    const bad = cli(['frobnicate']);
    expect([bad.code, bad.stderr.trim().split('\n').length]).toEqual([2, 1]);
  });

  it('run, report, predict, drift, export-sql and profile on the Mall data', () => {
    const out = join(dir, 'run');
    const run = cli(['run', MALL, '--k', '5', '--out', out, '--quiet']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    for (const f of ['segments.csv', 'summary.json', 'model.json', 'report.html']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(cli(['report', out]).code).toBe(0);
    const predicted = join(dir, 'predict');
    expect(cli(['predict', join(out, 'model.json'), MALL, '--out', predicted, '--quiet']).code).toBe(0);
    expect(readFileSync(join(predicted, 'segments.csv'), 'utf8')).toBe(readFileSync(join(out, 'segments.csv'), 'utf8'));
    const four = join(dir, 'four');
    expect(cli(['run', MALL, '--k', '4', '--stability', 'off', '--no-report', '--out', four, '--quiet']).code).toBe(0);
    expect(cli(['drift', out, four]).stdout).toMatch(/\S/);
    const sql = cli(['export-sql', join(out, 'model.json'), '--dialect', 'postgres']);
    expect([sql.code, sql.stdout]).toEqual([0, expect.stringMatching(/^SELECT|^WITH/m)]);
    expect(cli(['profile', MALL, '--out', join(dir, 'profile')]).stdout).toMatch(/Annual Income/);
  });

  it('a user mistake: one line on stderr, exit 3, nothing written', () => {
    const out = join(dir, 'missing');
    const r = cli(['run', join(dir, 'no-such.csv'), '--out', out]);
    expect([r.code, r.stderr.trim().split('\n').length, existsSync(out)]).toEqual([3, 1, false]);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('compare, demo and samples', () => {
    expect(cli(['compare', MALL, '--k', '3', '--methods', 'kmeans,hierarchical', '--out', join(dir, 'compare'), '--quiet']).code).toBe(0);
    expect(cli(['demo', '--rows', '300', '--k', '3', '--stability', 'off', '--no-report', '--quiet', '--out', join(dir, 'demo')]).code).toBe(0);
    expect(cli(['samples']).stdout).toMatch(/mall/);
  });

  it('rfm and clv on an order log', () => {
    expect(cli(['rfm', CDNOW, ...ORDERS, '--k', '3', '--out', join(dir, 'rfm'), '--quiet']).code).toBe(0);
    expect(existsSync(join(dir, 'rfm', 'rfm.csv'))).toBe(true);
    expect(cli(['clv', CDNOW, ...ORDERS, '--out', join(dir, 'clv'), '--quiet']).code).toBe(0);
    expect(existsSync(join(dir, 'clv', 'clv.csv'))).toBe(true);
  });
});
