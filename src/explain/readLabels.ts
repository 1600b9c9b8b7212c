import { checkLabels, type LabelMap } from './columnLabels.js';
import { DataError } from '../util/errors.js';
import { readSmallFile } from '../util/readSmallFile.js';

/** A labels.json holds a few lines per column: 10 MB is far beyond any real one. */
const MAX_LABELS_BYTES = 10 * 1024 * 1024;

/**
 * Reads a labels.json file (column → label, or { label, unit, better, levels }) and checks it against the
 * data's columns (null: checked later, against a database table's); a missing file, bad JSON or an unknown column is a DataError naming the file. O(file).
 */
export function readLabels(path: string, columns: readonly string[] | null): LabelMap {
  const text = readSmallFile(path, '--labels', 'a labels.json file', MAX_LABELS_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new DataError(`--labels ${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const known = columns ?? (value !== null && typeof value === 'object' ? Object.keys(value) : []);
  return checkLabels(value, known, `--labels ${path}`);
}
