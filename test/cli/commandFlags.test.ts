import { describe, expect, it } from 'vitest';
import { parseCommandFlags } from '../../src/cli/commandFlags.js';
import { segmentOptionsFrom } from '../../src/cli/options.js';
import { runHelp } from '../../src/cli/runFlags.js';
import { OptionError } from '../../src/util/errors.js';

describe('run flags on the command line', () => {
  it('give a negative number to the flag before it, whose own check then names it (not "argument is ambiguous")', () => {
    const { values, positionals } = parseCommandFlags(['customers.csv', '--k', '-3', '--seed', '-1'], runHelp(), 'run');
    expect(values).toMatchObject({ k: '-3', seed: '-1' });
    expect(positionals).toEqual(['customers.csv']);
    const refused = (() => {
      try {
        segmentOptionsFrom(values, null);
      } catch (e) {
        return e;
      }
    })();
    expect(refused).toBeInstanceOf(OptionError);
    expect((refused as OptionError).namedAs('--k')).toMatch(/^invalid --k: -3 \(expected/);
  });

  it('still refuse a flag written where a value is missing, and a negative number after a flag without value', () => {
    expect(() => parseCommandFlags(['customers.csv', '--k', '--seed', '2'], runHelp(), 'run')).toThrow(
      'run: --k needs a value (--k N|auto) (see segmenta run --help)',
    );
    expect(() => parseCommandFlags(['customers.csv', '--k'], runHelp(), 'run')).toThrow('run: --k needs a value (--k N|auto)');
    expect(() => parseCommandFlags(['customers.csv', '--force', '-3'], runHelp(), 'run')).toThrow(
      'run: -3 follows a flag that takes no value (see segmenta run --help)',
    );
  });
});
