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
  return parseModel(text, path);
}

/** A model.json's text (named `name` in messages) as a checked model; malformed JSON or fields are a DataError naming it. */
export function parseModel(text: string, name: string): SegmentaModel {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DataError(`${name} is not valid JSON; give the model.json written by segmenta run`);
  }
  return validateModel(parsed, name);
}
