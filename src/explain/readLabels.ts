import { readFileSync } from 'node:fs';
import { checkLabels, type LabelMap } from './columnLabels.js';
import { DataError } from '../util/errors.js';

/**
 * Reads a labels.json file (column → label, or { label, unit, better, levels }) and checks it against the
 * data's columns (null: checked later, against a database table's); a missing file, bad JSON or an unknown column is a DataError naming the file. O(file).
 */
export function readLabels(path: string, columns: readonly string[] | null): LabelMap {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new DataError(`--labels ${path}: cannot be read; give the path of a labels.json file`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new DataError(`--labels ${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const known = columns ?? (value !== null && typeof value === 'object' ? Object.keys(value) : []);
  return checkLabels(value, known, `--labels ${path}`);
}
