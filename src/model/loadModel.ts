import { readFileSync } from 'node:fs';
import { DataError } from '../util/errors.js';
import type { SegmentaModel } from './model.js';

/** Reads and checks a model.json file; a missing or malformed file is a DataError naming it. */
export function loadModel(path: string): SegmentaModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new DataError(`model file not found: ${path} (give the model.json written by segmenta run)`);
  }
  let model: SegmentaModel;
  try {
    model = JSON.parse(text) as SegmentaModel;
  } catch {
    throw new DataError(`${path} is not valid JSON; give the model.json written by segmenta run`);
  }
  if (model?.format !== 'segmenta-model') throw new DataError(`${path} is not a Segmenta model (no "format": "segmenta-model")`);
  if (model.formatVersion !== 1) throw new DataError(`${path} has model format version ${String(model.formatVersion)}; this Segmenta reads version 1`);
  const width = model.pipeline?.outputNames?.length;
  if (!Array.isArray(model.centroids) || model.centroids.length === 0 || model.centroids.some((c) => !Array.isArray(c) || c.length !== width)) {
    throw new DataError(`${path} is damaged: its centroids do not match its ${width ?? '?'} preprocessed columns`);
  }
  return model;
}
