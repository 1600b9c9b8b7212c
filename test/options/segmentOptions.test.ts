import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTION_DEFAULTS, OPTION_SPECS, readmeDefault, resolveSegmentOptions } from '../../src/options/segmentOptions.js';
import { DEFAULT_BOOTSTRAPS } from '../../src/stability/segmentStability.js';
import { ROOT } from '../helpers.js';

/** The README's table of run options: flag cell → default cell. */
function readmeOptions(): Map<string, string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('Options of `run` (and `demo`)');
  const rows = readme.slice(start).split('\n\n')[1]!.split('\n').slice(2);
  const out = new Map<string, string>();
  for (const row of rows) {
    const [flags, defaults] = row.split(' | ').map((c) => c.replace(/^\| /, '').trim());
    const names = [...flags!.matchAll(/`--([a-z-]+)/g)].map((m) => m[1]!);
    const values = names.length > 1 ? defaults!.split(', ') : [defaults!];
    names.forEach((n, i) => out.set(n, values[i]!));
  }
  return out;
}

describe('the declared options (src/options/segmentOptions.ts)', () => {
  it('the README’s options table shows the same default as the declaration, for every flag', () => {
    const table = readmeOptions();
    const flagged = OPTION_SPECS.filter((s) => s.flag !== null);
    expect(flagged.length).toBeGreaterThan(15);
    for (const spec of flagged) expect(table.get(spec.flag!), spec.flag!).toBe(readmeDefault(spec));
    expect(table.get('k-min')).toBe(String(OPTION_DEFAULTS.kMin));
    expect(table.get('sample-size')).toBe('200,000');
    expect(readmeDefault(OPTION_SPECS.find((s) => s.name === 'stability')!)).toContain(String(DEFAULT_BOOTSTRAPS));
  });
  it('resolves to one frozen object with every default, keeping what was given', () => {
    const o = resolveSegmentOptions({ kMax: 8, features: ['a'] });
    expect(Object.isFrozen(o)).toBe(true);
    expect(o).toMatchObject({ kMin: 2, kMax: 8, seed: 0, maxIter: 300, tol: 1e-4, scale: 'standard', features: ['a'] });
    expect(resolveSegmentOptions({ seed: undefined }).seed).toBe(0);
  });
  it('names a bad option as the library knows it, or as the CLI flag', () => {
    expect(() => resolveSegmentOptions({ kMin: 5, kMax: 4 })).toThrow('invalid kMax: 4 (expected an integer ≥ 5)');
    expect(() => resolveSegmentOptions({ kMin: 5, kMax: 4 }, 'flag')).toThrow('invalid --k-max: 4 (expected an integer ≥ 5)');
    expect(() => resolveSegmentOptions({ impute: 'mode' as 'mean' })).toThrow('invalid impute: mode (expected median, mean)');
    expect(() => resolveSegmentOptions({ sweepSampleSize: 10 }, 'flag')).toThrow('invalid --sample-size: 10 (expected an integer ≥ 1000)');
    expect(() => resolveSegmentOptions({ stability: 0 }, 'flag')).toThrow('invalid --stability: 0 (expected a number of resamples from 1 to 1,000, or off)');
  });
});
