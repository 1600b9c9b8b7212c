import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readOwnCsv } from '../data/readOwnCsv.js';
import { cellText, findColumn } from '../data/table.js';
import { loadModel, MAX_MODEL_BYTES, parseModel } from '../model/loadModel.js';
import type { ReadLimits } from '../data/readLimits.js';
import { readSmallFile } from '../util/readSmallFile.js';
import type { SegmentaModel } from '../model/model.js';
import { DataError } from '../util/errors.js';

/** A previous run to keep segment numbers and names from (`run --baseline`). */
export interface Baseline {
  /** The model.json as given (or the name it is shown by). */
  readonly path: string;
  readonly model: SegmentaModel;
  /**
   * Each baseline customer's segment position (0-based, into `model.segments`) by key, from the segments.csv
   * beside model.json; absent when there is none or the model has no key column (row numbers are no identity).
   */
  readonly byKey?: ReadonlyMap<string, number>;
}

/**
 * Reads a baseline: a model.json (or the run folder holding it) and, when present, the segments.csv beside
 * it. A missing or invalid model, or a segments.csv that does not fit the model, is a DataError naming it.
 * `shownAs` names the baseline in the comparison (default: the model's path). O(baseline customers).
 */
export async function loadBaseline(path: string, o: BaselineReading = {}): Promise<Baseline> {
  const modelPath = existsSync(path) && statSync(path).isDirectory() ? join(path, 'model.json') : path;
  const modelName = o.modelName ?? modelPath;
  const model = o.modelName
    ? parseModel(readSmallFile(modelPath, '', 'the model.json of an earlier run', o.maxModelBytes ?? MAX_MODEL_BYTES, modelName), modelName)
    : loadModel(modelPath, '--baseline');
  const csv = join(dirname(modelPath), 'segments.csv');
  const name = o.shownAs ?? modelName;
  if (model.key === null || !existsSync(csv)) return { path: name, model };
  return { path: name, model, byKey: await segmentsByKey(csv, model, modelName, o) };
}

/** How a baseline is read: the names its files are shown by (the studio's upload names), and read limits. */
export interface BaselineReading {
  /** Names the baseline in the comparison (default: the model's name). */
  readonly shownAs?: string;
  /** The model.json's name in messages (default: its path). */
  readonly modelName?: string;
  /** The segments.csv's name in messages (default: its path). */
  readonly segmentsName?: string;
  /** Read limits of the segments.csv (the studio's; default the CLI's) and the largest model.json read. */
  readonly limits?: ReadLimits;
  readonly maxModelBytes?: number;
}

/**
 * Each customer's segment position (0-based, into `model.segments`) in a run's segments.csv, by the model's
 * own key column (the first column, `row`, when the model has none). Refuses, naming the file and rows, a
 * file that is not a regular file, lacks the key or a numeric segment column, holds a segment the model lacks,
 * or repeats a key (two customers with one key cannot both be followed). O(rows).
 */
export async function segmentsByKey(
  path: string,
  model: SegmentaModel,
  modelPath: string,
  o: Pick<BaselineReading, 'segmentsName' | 'limits'> = {},
): Promise<Map<string, number>> {
  const csv = o.segmentsName ?? path;
  if (!statSync(path).isFile()) throw new DataError(`${csv} is not a regular file; give the segments.csv written with ${modelPath}, or move it away`);
  const table = await readOwnCsv(path, { displayName: csv, ...(o.limits ? { limits: o.limits } : {}) });
  const keyName = model.key ?? 'row';
  const key = findColumn(table, keyName),
    seg = findColumn(table, 'segment');
  if (!key || !seg || seg.kind !== 'number')
    throw new DataError(`${csv} has no "${keyName}" and numeric "segment" columns; give the segments.csv written with ${modelPath}, or move it away`);
  const position = new Map(model.segments.map((s, j) => [s.id, j]));
  const byKey = new Map<string, number>();
  const firstRow = new Map<string, number>();
  for (let i = 0; i < table.rowCount; i++) {
    const j = position.get(seg.values[i] as number);
    if (j === undefined)
      throw new DataError(
        `${csv} row ${i + 1}: segment ${String(seg.values[i])} is not one of ${modelPath}'s segments; give the segments.csv written with that model`,
      );
    const k = cellText(key, i);
    const seen = firstRow.get(k);
    if (seen !== undefined)
      throw new DataError(
        `${csv} rows ${seen + 1} and ${i + 1}: the key ${keyName} "${k}" appears twice; a run's customers each have their own key (give a file with unique keys)`,
      );
    firstRow.set(k, i);
    byKey.set(k, j);
  }
  return byKey;
}
