import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readOwnCsv } from '../data/readOwnCsv.js';
import { cellText, findColumn } from '../data/table.js';
import { loadModel } from '../model/loadModel.js';
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
export async function loadBaseline(path: string, shownAs?: string): Promise<Baseline> {
  const modelPath = existsSync(path) && statSync(path).isDirectory() ? join(path, 'model.json') : path;
  const model = loadModel(modelPath);
  const csv = join(dirname(modelPath), 'segments.csv');
  const name = shownAs ?? modelPath;
  if (model.key === null || !existsSync(csv)) return { path: name, model };
  const table = await readOwnCsv(csv);
  const key = findColumn(table, model.key),
    seg = findColumn(table, 'segment');
  if (!key || !seg || seg.kind !== 'number')
    throw new DataError(`${csv} has no "${model.key}" and numeric "segment" columns; give the segments.csv written with ${modelPath}, or move it away`);
  const position = new Map(model.segments.map((s, j) => [s.id, j]));
  const byKey = new Map<string, number>();
  for (let i = 0; i < table.rowCount; i++) {
    const j = position.get(seg.values[i] as number);
    if (j === undefined)
      throw new DataError(
        `${csv} row ${i + 1}: segment ${String(seg.values[i])} is not one of ${modelPath}'s segments; give the segments.csv written with that model`,
      );
    byKey.set(cellText(key, i), j);
  }
  return { path: name, model, byKey };
}
