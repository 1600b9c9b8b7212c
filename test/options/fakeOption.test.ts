import { describe, expect, it } from 'vitest';
import { helpText, parseCommandFlags } from '../../src/cli/commandFlags.js';
import { segmentOptionsFrom } from '../../src/cli/options.js';
import { libraryOptionsTable, runOptionsTable } from '../../src/cli/optionsTable.js';
import { runHelp } from '../../src/cli/runFlags.js';
import { wholeNumber } from '../../src/options/optionKinds.js';
import { OPTION_SPECS, type OptionName, type OptionSpec } from '../../src/options/segmentOptions.js';
import { studioControls, studioOptions, studioSchema } from '../../src/options/studioControls.js';
import { OptionError } from '../../src/util/errors.js';

/**
 * Issue 31: a new option is one declaration plus the code that uses it. A fake option, declared once, shows in
 * the CLI parser, every part of run's --help, the docs tables and the studio's schema and controls.
 */
const fake: OptionSpec = {
  name: 'fakeDepth' as OptionName,
  kind: wholeNumber(1, 9),
  default: 4 as never,
  flag: 'fake-depth',
  group: 'Segments',
  recorded: true,
  doc: 'how deep the fake goes',
  more: 'declared only in this test',
  studio: { id: 'fake', label: 'Fake depth', panel: 'Setup' },
};
const specs = [...OPTION_SPECS, fake];

describe('a new option is one declaration', () => {
  it('is parsed from its flag, by its kind, and refused by its flag', () => {
    const { values } = parseCommandFlags(['--fake-depth', '7', 'customers.csv'], runHelp(specs), 'run');
    expect(values['fake-depth']).toBe('7');
    expect(segmentOptionsFrom(values, null, specs)).toMatchObject({ fakeDepth: 7 });
    const bad = (() => {
      try {
        segmentOptionsFrom({ 'fake-depth': '12' }, null, specs);
      } catch (e) {
        return e;
      }
    })();
    expect(bad).toBeInstanceOf(OptionError);
    expect((bad as OptionError).namedAs('--fake-depth')).toBe('invalid --fake-depth: 12 (expected an integer from 1 to 9)');
    expect(() => parseCommandFlags(['--fake-depth', '7'], runHelp(), 'run')).toThrow('unknown option --fake-depth');
  });

  it('shows in run --help with its value, doc and default, under its group', () => {
    const help = helpText(runHelp(specs));
    expect(help).toMatch(/Segments:\n(?:.*\n)*? {2}--fake-depth N +how deep the fake goes \(default 4\)/);
    expect(helpText(runHelp())).not.toContain('fake');
  });

  it('shows in the tables of docs/commands.md and docs/options.md', () => {
    expect(runOptionsTable(specs)).toContain('| `--fake-depth N` | 4 | how deep the fake goes; declared only in this test |');
    expect(libraryOptionsTable(specs)).toContain(
      '| `fakeDepth` | `--fake-depth` | 4 | Fake depth (Setup) | when given | how deep the fake goes; declared only in this test |',
    );
  });

  it("is a control of the studio's Setup, in its request schema, read with its default and named by its label", () => {
    expect(studioSchema('Setup', specs)).toMatchObject({ properties: { fakeDepth: { type: 'number' } } });
    expect(studioControls('Setup', specs).find((c) => c.option === 'fakeDepth')).toMatchObject({
      id: 'fake',
      label: 'Fake depth',
      input: 'number',
      min: 1,
      max: 9,
      value: 4,
    });
    expect(studioOptions('Setup', {}, specs)).toMatchObject({ fakeDepth: 4 });
    expect(() => studioOptions('Setup', { fakeDepth: 12 }, specs)).toThrow(OptionError);
    try {
      studioOptions('Setup', { fakeDepth: 12 }, specs);
    } catch (e) {
      expect((e as OptionError).namedAs((e as OptionError).names.label!)).toBe('invalid Fake depth: 12 (expected a whole number from 1 to 9)');
    }
  });
});
