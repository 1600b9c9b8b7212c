import { DataError } from '../util/errors.js';
import { closestName } from '../util/closestName.js';
import { hasControl } from '../util/terminalText.js';
import type { LabelMap } from '../options/segmentOptions.js';

/** How a column is called in names, sentences, tables and charts. */
export interface ColumnLabel {
  /** Sentence-case words: "Annual income", "Mnt wines". */
  readonly label: string;
  /** Unit shown after (or, for currency symbols, before) its values: "k$", "%", "$". */
  readonly unit?: string;
  /** Whether a higher value is good or bad news ("higher is good/bad" of labels.json), when stated. */
  readonly better?: 'higher' | 'lower';
  /** Words for a category's or code's levels: { "1": "Horeca", "2": "Retail" }. */
  readonly levels?: Readonly<Record<string, string>>;
}

export type { LabelMap, LabelSpec } from '../options/segmentOptions.js';

/**
 * A column name as a readable label, by the documented rule (docs/how-it-works.md, "Readable labels"): text in brackets is
 * set aside (kept as the unit when it holds no digit: "(k$)"; a scale such as "(1-100)" is dropped);
 * camelCase, snake_case, dots and dashes become spaces; words are lower case with the first letter capital.
 * "Annual Income (k$)" → "Annual income" (unit k$), "MntWines" → "Mnt wines", "PURCHASES_TRX" → "Purchases trx".
 */
export function readableLabel(name: string): { label: string; unit?: string } {
  const bracket = /\(([^)]*)\)|\[([^\]]*)\]/.exec(name);
  const inside = bracket ? (bracket[1] ?? bracket[2] ?? '').trim() : '';
  const unit = inside !== '' && !/\d/.test(inside) && inside.length <= 8 ? inside : undefined;
  const words = name
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.\-/]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
  const text = words.join(' ');
  const label = text === '' ? name : text.charAt(0).toUpperCase() + text.slice(1);
  return unit !== undefined ? { label, unit } : { label };
}

/** The label of a column: labels.json's entry over the readable label of its name. O(1). */
export function columnLabel(name: string, labels?: LabelMap): ColumnLabel {
  // Own entries only: a column or level named "__proto__" or "constructor" is looked up, never inherited.
  const spec = labels && Object.hasOwn(labels, name) ? labels[name] : undefined;
  const auto = readableLabel(name);
  if (spec === undefined) return auto;
  if (typeof spec === 'string') return { ...auto, label: spec };
  return {
    label: spec.label ?? auto.label,
    ...(spec.unit !== undefined ? { unit: spec.unit } : auto.unit !== undefined ? { unit: auto.unit } : {}),
    ...(spec.better ? { better: spec.better } : {}),
    ...(spec.levels ? { levels: spec.levels } : {}),
  };
}

/** A level's name from labels.json's `levels` (own entries only), or undefined. */
export function levelName(levels: Readonly<Record<string, string>> | undefined, level: string): string | undefined {
  return levels && Object.hasOwn(levels, level) ? levels[level] : undefined;
}

/** A label with its unit for headings and axis titles: "Annual income (k$)", "Spending score". */
export function labelWithUnit(label: string, unit: string | undefined): string {
  return unit ? `${label} (${unit})` : label;
}

/** A label inside a sentence: first letter lower case unless the first word is an acronym ("CLV", "RFM score"). */
export function inSentence(label: string): string {
  const first = label.split(' ')[0]!;
  return first.length > 1 && first === first.toUpperCase() ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** A value with its unit: "86.5 k$", "$1,200", "45%". */
export function withUnit(text: string, unit: string | undefined): string {
  if (unit === undefined || unit === '') return text;
  if (/^[$€£¥]$/.test(unit)) return text.startsWith('-') ? `-${unit}${text.slice(1)}` : `${unit}${text}`;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

/**
 * Checks a parsed labels.json: an object of column → text or { label, unit, better: "higher"|"lower", levels };
 * each column must be one of `columns` (the closest name is suggested). Throws a DataError naming `source`.
 */
export function checkLabels(value: unknown, columns: readonly string[], source: string): LabelMap {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new DataError(`${source}: expected an object of column name → label (e.g. {"MntWines": "Wine spend"})`);
  for (const [column, spec] of Object.entries(value as Record<string, unknown>)) {
    if (!columns.includes(column)) {
      const near = closestName(column, columns);
      throw new DataError(`${source}: column "${column}" is not in the data${near ? `; did you mean "${near}"?` : ''}`);
    }
    if (typeof spec === 'string') {
      if (hasControl(spec))
        throw new DataError(`${source}: the label of "${column}" holds a control character (a tab, line break or escape); write it as plain text`);
      continue;
    }
    const bad = (what: string): never => {
      throw new DataError(`${source}: the entry of "${column}" ${what}`);
    };
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) bad('must be a text or an object with label, unit, better, levels');
    const s = spec as Record<string, unknown>;
    for (const key of Object.keys(s))
      if (!['label', 'unit', 'better', 'levels'].includes(key)) bad(`has an unknown field "${key}" (expected label, unit, better, levels)`);
    if (s['label'] !== undefined && typeof s['label'] !== 'string') bad('has a label that is not text');
    if (s['unit'] !== undefined && typeof s['unit'] !== 'string') bad('has a unit that is not text');
    if (s['better'] !== undefined && s['better'] !== 'higher' && s['better'] !== 'lower') bad('has "better" other than "higher" or "lower"');
    const levels = s['levels'];
    if (
      levels !== undefined &&
      (levels === null || typeof levels !== 'object' || Array.isArray(levels) || Object.values(levels).some((v) => typeof v !== 'string'))
    )
      bad('has levels that are not an object of level → text');
    for (const [field, text] of [
      ['label', s['label']],
      ['unit', s['unit']],
      ...Object.entries((s['levels'] ?? {}) as Record<string, unknown>).map(([level, v]) => [`level "${level}"`, v]),
    ] as Array<[string, unknown]>)
      if (typeof text === 'string' && hasControl(text)) bad(`has a ${field} holding a control character (a tab, line break or escape); write it as plain text`);
  }
  return value as LabelMap;
}
