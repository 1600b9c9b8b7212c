import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOwnCsv } from '../data/readOwnCsv.js';
import { loadModel } from '../model/loadModel.js';
import type { SummaryDocument } from '../output/summaryJson.js';
import { transformTable } from '../preprocess/pipeline.js';
import { DataError } from '../util/errors.js';
import type { RunArtifacts } from './buildReportData.js';

/**
 * Reads a finished run's folder (summary.json, model.json, segments.csv) back into the artifacts the
 * report is built from; the scaled matrix is recomputed by replaying the model's pipeline, so the report
 * is the same as the one `run` wrote. Missing files are a DataError naming them.
 */
export async function loadRunArtifacts(dir: string): Promise<RunArtifacts> {
  for (const f of ['summary.json', 'model.json', 'segments.csv']) {
    if (!existsSync(join(dir, f))) throw new DataError(`${join(dir, f)} not found; give the --out folder of a finished segmenta run`);
  }
  let summary: SummaryDocument;
  try {
    summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as SummaryDocument;
  } catch {
    throw new DataError(`${join(dir, 'summary.json')} is not valid JSON; run segmenta run again`);
  }
  const model = loadModel(join(dir, 'model.json'));
  const table = await readOwnCsv(join(dir, 'segments.csv'));
  const seg = table.columns.find((c) => c.name === 'segment');
  if (!seg || seg.kind !== 'number') throw new DataError(`${join(dir, 'segments.csv')} has no numeric "segment" column; run segmenta run again`);
  const position = new Map(model.segments.map((s, j) => [s.id as unknown, j]));
  const bad = seg.values.findIndex((v) => !position.has(v));
  if (bad >= 0)
    throw new DataError(
      `${join(dir, 'segments.csv')} row ${bad + 1}: segment ${seg.values[bad]} is not one of the model's ${model.segments.map((s) => s.id).join(', ')}; run segmenta run again`,
    );
  if (
    typeof summary !== 'object' ||
    summary === null ||
    typeof (summary as { k?: unknown }).k !== 'object' ||
    !Array.isArray((summary as { segments?: unknown }).segments)
  ) {
    throw new DataError(`${join(dir, 'summary.json')} is not a summary written by segmenta run (no k or segments); run segmenta run again`);
  }
  const labels = Int32Array.from(seg.values, (v) => position.get(v)!);
  return { summary, model, table, labels, matrix: transformTable(model.pipeline, table) };
}
