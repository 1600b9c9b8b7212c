import { findColumn, rowKeys, type Column, type InvalidCell, type Table } from '../data/table.js';
import { predict } from '../model/predict.js';
import { DataError, UsageError } from '../util/errors.js';
import type { Baseline } from './loadBaseline.js';
import { gather } from '../util/gather.js';

/** Which segment of which model a run re-segments (`run --within SEGMENT --baseline MODEL`). */
export interface WithinSegment {
  readonly model: string;
  readonly segment: number;
  readonly name: string;
  /** The segment's customers in the file, and the file's customers. */
  readonly customers: number;
  readonly of: number;
  /** How membership was decided: the baseline run's segments.csv (by key), else the model's nearest centre. */
  readonly membership: 'segments.csv' | 'nearest centre';
  /** How the segment was given: its number, or (only when no number matched) its name. */
  readonly givenBy: 'number' | 'name';
}

/**
 * The customers of one baseline segment as a table of their rows, for re-segmenting them. The segment is
 * the one numbered `segment`; only when no segment has that number is it the one named so (case-insensitive:
 * a segment named "2" never shadows segment number 2). A customer's segment is the baseline run's (its segments.csv, by key) when
 * the file's keys are all in it; otherwise the model assigns every customer by its nearest centre. O(n · k · d).
 */
export function withinSegment(table: Table, baseline: Baseline, segment: string): { table: Table; within: WithinSegment } {
  const { model } = baseline;
  const wanted = segment.trim().toLowerCase();
  const byNumber = model.segments.findIndex((s) => String(s.id) === wanted);
  const j = byNumber >= 0 ? byNumber : model.segments.findIndex((s) => s.name.toLowerCase() === wanted);
  if (j < 0)
    throw new UsageError(
      `--within ${segment}: ${baseline.path} has no such segment; give a number or a name of ${model.segments.map((s) => `${s.id} (${s.name})`).join(', ')}`,
    );
  const key = model.key === null ? undefined : findColumn(table, model.key);
  const keys = key ? rowKeys(key, table.rowCount) : undefined;
  const known = baseline.byKey && keys && keys.every((k) => baseline.byKey!.has(k));
  const labels = known ? Int32Array.from(keys!, (k) => baseline.byKey!.get(k)!) : predict(model, table).labels;
  const rows: number[] = [];
  for (let i = 0; i < table.rowCount; i++) if (labels[i] === j) rows.push(i);
  const s = model.segments[j]!;
  if (rows.length < 2)
    throw new DataError(
      `${table.source?.path ?? 'the data'}: segment ${s.id} (${s.name}) holds ${rows.length} of its customers; re-segmenting needs at least 2`,
    );
  return {
    table: tableRows(table, rows),
    within: {
      model: baseline.path,
      segment: s.id,
      name: s.name,
      customers: rows.length,
      of: table.rowCount,
      membership: known ? 'segments.csv' : 'nearest centre',
      givenBy: byNumber >= 0 ? 'number' : 'name',
    },
  };
}

/** A table of the given rows of `table`, in their order (the source kept). O(rows · columns). */
function tableRows(table: Table, rows: readonly number[]): Table {
  const position = new Map(rows.map((i, r) => [i, r]));
  // A bad cell stays flagged when its row is kept (at its new row number); otherwise the subset is clean.
  const kept = (cell: InvalidCell | undefined): { cell?: InvalidCell } => {
    const at = cell && position.get(cell.row);
    return at === undefined ? {} : { cell: { ...cell!, row: at } };
  };
  const columns = table.columns.map((c): Column => {
    switch (c.kind) {
      case 'number': {
        const { invalid, ...rest } = c;
        const cell = kept(invalid).cell;
        return { ...rest, values: gather(c.values, rows), ...(cell ? { invalid: cell } : {}) };
      }
      case 'string': {
        const { textInNumbers, ...rest } = c;
        const cell = kept(textInNumbers).cell;
        return { ...rest, values: rows.map((i) => c.values[i] ?? null), ...(cell ? { textInNumbers: cell } : {}) };
      }
      case 'date':
        return { ...c, values: gather(c.values, rows), text: rows.map((i) => c.text[i] ?? null) };
    }
  });
  return { ...table, rowCount: rows.length, columns };
}
