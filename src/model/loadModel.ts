import { readSmallFile } from '../util/readSmallFile.js';
import { DataError } from '../util/errors.js';
import type { SegmentaModel } from './model.js';
import { validateModel } from './validateModel.js';

/** Reads and checks a model.json file (`validateModel`); a missing, malformed or inconsistent file is a DataError naming it and the field. */
export function loadModel(path: string, flag = 'model'): SegmentaModel {
  return parseModel(readSmallFile(path, flag, 'the model.json written by segmenta run', MAX_MODEL_BYTES), path);
}

/** The largest model.json read (a 1,000-column model with a deep rule tree is a few MB). */
export const MAX_MODEL_BYTES = 256 * 1024 * 1024;

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
