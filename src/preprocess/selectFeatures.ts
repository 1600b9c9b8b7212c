import type { KeyChoice } from '../data/detectKey.js';
import type { Column, Table } from '../data/table.js';
import { closestName } from '../util/closestName.js';
import { DataError } from '../util/errors.js';

/** Which columns become features, and why others were left out. */
export interface FeatureSelection {
  readonly columns: readonly Column[];
  readonly dropped: ReadonlyArray<{ column: string; reason: string }>;
}

/** Categories with more distinct values than this (and than half the rows) are treated as free text. */
const MAX_CATEGORY_LEVELS = 50;

/**
 * Chooses the feature columns: `features` when given (each must exist; the closest name is suggested),
 * else every column that is not an identifier, less `exclude`. Refuses feature columns holding text among
 * numbers or NaN/Infinity (naming row and value). Drops, with a reason, all-missing and constant columns,
 * dates and free-text columns unless asked for by name (an asked-for all-missing column is an error).
 */
export function selectFeatures(table: Table, key: KeyChoice, features?: readonly string[], exclude: readonly string[] = []): FeatureSelection {
  const names = table.columns.map((c) => c.name);
  const file = table.source?.path ?? 'the data';
  const lookup = (name: string, flag: string): Column => {
    const c = table.columns.find((col) => col.name === name);
    if (c) return c;
    const near = closestName(name, names);
    throw new DataError(`${flag} column "${name}" is not in ${file}${near ? `; did you mean "${near}"?` : `; columns are: ${names.join(', ')}`}`);
  };
  exclude.forEach((e) => lookup(e, '--exclude'));
  const explicit = features !== undefined && features.length > 0;
  const candidates = explicit
    ? features.map((f) => lookup(f, '--features'))
    : table.columns.filter((c) => !key.identifierColumns.includes(c.name));
  const dropped: Array<{ column: string; reason: string }> = [];
  const columns: Column[] = [];
  for (const c of candidates) {
    if (exclude.includes(c.name)) continue;
    if (c.kind === 'number' && c.invalid) {
      throw new DataError(`${file}: column "${c.name}" row ${c.invalid.row + 1} holds ${c.invalid.text}, which is not a usable number; replace it with a number or leave the cell empty`);
    }
    if (c.kind === 'string' && c.textInNumbers) {
      const t = c.textInNumbers;
      throw new DataError(`${file}: column "${c.name}" holds numbers but row ${t.row + 1} is "${t.text}"; fix that cell (or leave it empty), or leave the column out with --exclude "${c.name}"`);
    }
    const present = presentCount(c);
    if (present === 0) {
      if (explicit) throw new DataError(`${file}: column "${c.name}" is empty in every row; choose another feature`);
      dropped.push({ column: c.name, reason: 'all values missing' });
      continue;
    }
    if (isConstant(c)) {
      dropped.push({ column: c.name, reason: 'the same value in every row' });
      continue;
    }
    if (c.kind === 'date' && !explicit) {
      dropped.push({ column: c.name, reason: 'a date; name it in --features to use it as days since 1970-01-01' });
      continue;
    }
    if (c.kind === 'string' && !explicit) {
      const levels = new Set(c.values.filter((v) => v !== null)).size;
      if (levels > MAX_CATEGORY_LEVELS && levels > table.rowCount / 2) {
        dropped.push({ column: c.name, reason: `free text or an identifier (${levels} distinct values)` });
        continue;
      }
    }
    columns.push(c);
  }
  if (columns.length === 0) {
    throw new DataError(`${file}: no usable feature columns${dropped.length ? ` (${dropped.map((d) => `${d.column}: ${d.reason}`).join('; ')})` : ''}; name them with --features`);
  }
  return { columns, dropped };
}

function presentCount(c: Column): number {
  if (c.kind === 'string') return c.values.reduce((s, v) => s + (v === null ? 0 : 1), 0);
  let n = 0;
  for (const v of c.values) if (!Number.isNaN(v)) n++;
  return n;
}

function isConstant(c: Column): boolean {
  let first: string | number | undefined;
  const values: ArrayLike<string | number | null> = c.values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) continue;
    if (first === undefined) first = v!;
    else if (v !== first) return false;
  }
  return true;
}
