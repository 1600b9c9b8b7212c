import { readFileSync } from 'node:fs';
import { DataError } from '../util/errors.js';
import type { SegmentaModel } from './model.js';
import { validateModel } from './validateModel.js';

/** Reads and checks a model.json file (`validateModel`); a missing, malformed or inconsistent file is a DataError naming it and the field. */
export function loadModel(path: string): SegmentaModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new DataError(`model file not found: ${path} (give the model.json written by segmenta run)`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DataError(`${path} is not valid JSON; give the model.json written by segmenta run`);
  }
  return validateModel(parsed, path);
}
