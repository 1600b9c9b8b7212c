import { OptionError } from '../util/errors.js';
import { OPTION_SPECS, specOf, type OptionSpec } from './optionSpecs.js';
import type { DeclaredOptions, OptionDefaults, OptionName } from './optionTypes.js';
import { countText } from '../util/formatNumber.js';

export * from './optionTypes.js';
export { OPTION_GROUPS, OPTION_SPECS, specOf, type OptionGroup, type OptionSpec, type StudioControl } from './optionSpecs.js';

/**
 * Every default of a segmentation, taken from the declarations (`OPTION_SPECS`): the library, the CLI, the
 * studio and the database path all read them from here.
 */
export const OPTION_DEFAULTS: OptionDefaults = Object.freeze(
  Object.fromEntries(OPTION_SPECS.filter((s) => s.default !== undefined).map((s) => [s.name, s.default])),
) as unknown as OptionDefaults;

/** Options with every default filled in, checked and frozen. */
export type ResolvedOptions<T extends DeclaredOptions> = Readonly<T & OptionDefaults>;

/** What a value of a declared option must be ("expected …" text), or null when it is fine. */
export function optionProblem(spec: OptionSpec, value: unknown, all: DeclaredOptions): string | null {
  return spec.kind.check(value) ?? spec.check?.(value, all) ?? null;
}

/** The error of a bad value: it names the option as the library, the CLI (its flag) and the studio (its label) know it. */
export function optionError(spec: OptionSpec, value: unknown, expected: string): OptionError {
  return new OptionError(spec.name, value, expected, { flag: spec.flag, label: spec.studio?.label });
}

/**
 * Checks every declared option that is set and returns one frozen object with the defaults filled in. A bad
 * value is an OptionError (`invalid kMax: 4 (expected an integer ≥ 5)`; the CLI names it `--k-max`, the
 * studio by its control). Other fields (callbacks, a baseline) pass through. O(options).
 */
export function resolveSegmentOptions<T extends DeclaredOptions>(options: T): ResolvedOptions<T> {
  for (const spec of OPTION_SPECS) {
    const value = options[spec.name];
    if (value === undefined) continue;
    const expected = optionProblem(spec, value, options);
    if (expected !== null) throw optionError(spec, value, expected);
  }
  return Object.freeze({ ...OPTION_DEFAULTS, ...definedOnly(options) }) as ResolvedOptions<T>;
}

/** The fields of an options object that are set (undefined ones would hide a default when spread). */
export function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Checks one option (for functions the library also offers on their own, such as fitPipeline). */
export function checkOption(name: OptionName, value: unknown): void {
  if (value === undefined) return;
  const spec = specOf(name);
  const expected = optionProblem(spec, value, {});
  if (expected !== null) throw optionError(spec, value, expected);
}

/** The options model.json records, in declaration order: those given of the options declared `recorded`, and the `always` ones. */
export function recordedOptions(options: DeclaredOptions): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const spec of OPTION_SPECS) {
    const value = options[spec.name] ?? (spec.recorded === 'always' ? spec.default : undefined);
    if (spec.recorded && value !== undefined) picked[spec.name] = value;
  }
  return picked;
}

/** The default as help and the options tables show it: `auto` for words, 200,000 for numbers. */
export function shownDefault(spec: OptionSpec): string {
  if (spec.shownDefault !== undefined) return spec.shownDefault;
  const value = spec.default;
  return typeof value === 'number' ? countText(value) : `\`${String(value)}\``;
}
