import { describe, expect, it } from 'vitest';
import { OPTION_DEFAULTS, OPTION_SPECS, resolveSegmentOptions, shownDefault } from '../../src/options/segmentOptions.js';
import { OptionError } from '../../src/util/errors.js';
import { DEFAULT_BOOTSTRAPS } from '../../src/stability/segmentStability.js';

describe('the declared options (src/options/segmentOptions.ts)', () => {
  it('every option with a default in OptionDefaults is declared with it, and the shown default says it', () => {
    expect(Object.keys(OPTION_DEFAULTS).sort()).toEqual(
      [
        'algorithm',
        'balanceCategories',
        'bisectingStrategy',
        'categories',
        'clip',
        'contamination',
        'covariance',
        'gapReferences',
        'gapSampleSize',
        'impute',
        'k',
        'kMax',
        'kMin',
        'linkage',
        'log',
        'maxIter',
        'maxLevels',
        'method',
        'nInit',
        'rareLevelShare',
        'rulesDepth',
        'scale',
        'seed',
        'silhouetteSampleSize',
        'strengthSplits',
        'sweepSampleSize',
        'tol',
      ].sort(),
    );
    expect(shownDefault(OPTION_SPECS.find((s) => s.name === 'sweepSampleSize')!)).toBe('200,000');
    expect(shownDefault(OPTION_SPECS.find((s) => s.name === 'stability')!)).toContain(String(DEFAULT_BOOTSTRAPS));
  });
  it('resolves to one frozen object with every default, keeping what was given', () => {
    const o = resolveSegmentOptions({ kMax: 8, features: ['a'] });
    expect(Object.isFrozen(o)).toBe(true);
    expect(o).toMatchObject({ kMin: 2, kMax: 8, seed: 0, maxIter: 300, tol: 1e-4, scale: 'standard', features: ['a'] });
    expect(resolveSegmentOptions({ seed: undefined }).seed).toBe(0);
  });
  it('names a bad option as the library knows it, and carries what the CLI and the studio need to name it their way', () => {
    expect(() => resolveSegmentOptions({ kMin: 5, kMax: 4 })).toThrow('invalid kMax: 4 (expected an integer ≥ 5)');
    expect(() => resolveSegmentOptions({ impute: 'mode' as 'mean' })).toThrow('invalid impute: mode (expected median, mean)');
    const error = (options: object): OptionError => {
      try {
        resolveSegmentOptions(options);
      } catch (e) {
        return e as OptionError;
      }
      throw new Error('accepted');
    };
    expect(error({ kMin: 5, kMax: 4 }).namedAs('--k-max')).toBe('invalid --k-max: 4 (expected an integer ≥ 5)');
    expect(error({ kMax: 1 }).names).toEqual({ flag: 'k-max', label: 'Largest k to try' });
    expect(error({ sweepSampleSize: 10 })).toMatchObject({
      option: 'sweepSampleSize',
      value: 10,
      expected: 'an integer ≥ 1000',
      names: { flag: 'sample-size' },
    });
    expect(error({ stability: 0 }).expected).toBe('a number of resamples from 1 to 1,000, or off');
  });
});
