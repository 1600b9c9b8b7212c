import { OPTION_SPECS, type OptionGroup, type OptionSpec, type StudioControl } from './optionSpecs.js';
import type { OptionName } from './optionTypes.js';
import { optionError, optionProblem, type OptionDefaults } from './segmentOptions.js';

/**
 * The studio's controls and request schemas, derived from the option declarations: each option with a
 * `studio` control becomes a drop-down (a choice), a number field (a whole number), the column list
 * (features) or the labels editor (labels.json's column → label, unit and level names), with its label, default and bounds; the API's JSON Schema and the server's reading of a
 * request come from the same entries, so a new option with a control needs nothing else.
 */

/** One control as the page draws it. */
export interface StudioOptionControl {
  readonly option: OptionName;
  readonly id: string;
  readonly label: string;
  readonly panel: StudioControl['panel'];
  readonly group: OptionGroup;
  readonly input: 'choice' | 'number' | 'columns' | 'labels';
  /** A drop-down's values and the words shown for each. */
  readonly choices: ReadonlyArray<{ readonly value: string; readonly text: string }>;
  /** The default, as the control starts. */
  readonly value: string | number | null;
  readonly min?: number;
  readonly max?: number;
  readonly when?: StudioControl['when'];
  readonly hint?: string;
  /** The option's one-line doc (the control's title). */
  readonly doc: string;
}

type Controlled = OptionSpec & { studio: StudioControl };
const controlled = (specs: ReadonlyArray<OptionSpec>, panel: StudioControl['panel']): Controlled[] =>
  specs.filter((s): s is Controlled => s.studio !== undefined && s.studio.panel === panel);

function inputOf(spec: OptionSpec): StudioOptionControl['input'] {
  if (spec.kind.choices) return 'choice';
  if (spec.kind.schema['type'] === 'object') return 'labels';
  return spec.kind.names ? 'columns' : 'number';
}

/** The lower and upper bounds of a number control: the kind's, tightened by the studio's. */
function bounds(spec: Controlled): { min?: number; max?: number } {
  const schema = spec.kind.schema as { minimum?: number; maximum?: number; anyOf?: Array<{ minimum?: number; maximum?: number }> };
  const own = schema.anyOf?.find((s) => s.minimum !== undefined) ?? schema;
  const max = Math.min(own.maximum ?? Infinity, spec.studio.max ?? Infinity);
  return { ...(own.minimum !== undefined ? { min: own.minimum } : {}), ...(Number.isFinite(max) ? { max } : {}) };
}

/** The controls of a panel, in declaration order. O(options). */
export function studioControls(panel: StudioControl['panel'], specs: ReadonlyArray<OptionSpec> = OPTION_SPECS): StudioOptionControl[] {
  return controlled(specs, panel).map((spec) => {
    const input = inputOf(spec);
    const words = spec.kind.choices ?? [];
    const byDefault = spec.default as OptionDefaults[keyof OptionDefaults] | undefined;
    return {
      option: spec.name,
      id: spec.studio.id,
      label: spec.studio.label,
      panel: spec.studio.panel,
      group: spec.group,
      input,
      choices: words.map((value) => ({ value, text: spec.studio.choices?.[value] ?? value })),
      value: typeof byDefault === 'string' || typeof byDefault === 'number' ? byDefault : null,
      ...(input === 'number' ? bounds(spec) : {}),
      ...(spec.studio.when ? { when: spec.studio.when } : {}),
      ...(spec.studio.hint ? { hint: spec.studio.hint } : {}),
      doc: spec.doc,
    };
  });
}

/** The JSON Schema of a panel's request: one property per control (a choice's enum, a number, a list of names). */
export function studioSchema(panel: StudioControl['panel'], specs: ReadonlyArray<OptionSpec> = OPTION_SPECS): Record<string, unknown> {
  const properties = Object.fromEntries(
    studioControls(panel, specs).map((c) => [
      c.option,
      c.input === 'choice'
        ? { type: 'string', enum: c.choices.map((x) => x.value) }
        : c.input === 'number'
          ? { type: 'number' }
          : c.input === 'labels'
            ? { type: 'object' }
            : { type: 'array', items: { type: 'string' } },
    ]),
  );
  return { type: 'object', additionalProperties: false, properties };
}

/**
 * The options a panel's request sets: each control's value, or its default when not sent (a control shown
 * only `when` another option has a value is left out otherwise), checked as the library checks them and
 * within the studio's bounds. A bad value is an OptionError the studio words with the control's label.
 * O(controls).
 */
export function studioOptions(
  panel: StudioControl['panel'],
  body: Readonly<Record<string, unknown>>,
  specs: ReadonlyArray<OptionSpec> = OPTION_SPECS,
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const control of studioControls(panel, specs)) {
    const spec = specs.find((s) => s.name === control.option)!;
    if (control.when && (body[control.when.option] ?? specOfDefault(specs, control.when.option)) !== control.when.is) continue;
    const value = body[control.option] ?? spec.default;
    if (value === undefined) continue;
    const problem = optionProblem(spec, value, body) ?? (typeof value === 'number' && control.max !== undefined && value > control.max ? 'too large' : null);
    // A number control says its own range (the studio's may be tighter than the library's).
    if (problem !== null)
      throw optionError(
        spec,
        value,
        control.input === 'number' && control.max !== undefined ? `a whole number from ${control.min ?? 1} to ${control.max}` : problem,
      );
    options[control.option] = value;
  }
  return options;
}

function specOfDefault(specs: ReadonlyArray<OptionSpec>, name: OptionName): unknown {
  return specs.find((s) => s.name === name)?.default;
}
