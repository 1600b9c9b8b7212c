import { findColumn, type Table } from '../data/table.js';
import type { SegmentaModel } from '../model/model.js';
import { predict } from '../model/predict.js';
import { DataError } from '../util/errors.js';
import type { Baseline } from './loadBaseline.js';
import { matchSegments, type BaselineSegment, type SegmentMatch } from './matchSegments.js';

/** New segments lined up with a baseline: their order, numbers and kept names, and the evidence. */
export interface BaselineAlignment {
  /** New position j holds the segment that was at position order[j] (segments sorted by their number). */
  readonly order: readonly number[];
  /** Segment numbers in the new order: a matched segment keeps its baseline number, new ones follow. */
  readonly ids: readonly number[];
  /** Baseline names kept, in the new order (null: a new segment, or one mostly made of other customers: named afresh). */
  readonly names: ReadonlyArray<string | null>;
  /** Each new segment's match, in the new order. */
  readonly matches: readonly SegmentMatch[];
  readonly comparison: Omit<BaselineComparison, 'segments'>;
}

/** What changed since the baseline (summary.json `baseline`, migration.csv, the report's section). */
export interface BaselineComparison {
  readonly model: string;
  /** "customers": matched on the customers both runs share (by key); "centres": no shared customers, each assigned to its nearest baseline centre. */
  readonly basis: 'customers' | 'centres';
  /** Customers in both runs (by key); with basis "centres", every customer of this run. */
  readonly shared: number;
  /** Customers of this run not in the baseline. */
  readonly added: number;
  /** kept: number and name; renamed: the number, but under NAME_SHARE of its customers came from that segment, so it is named afresh; new. */
  readonly segments: ReadonlyArray<{
    readonly id: number;
    readonly name: string;
    readonly status: 'kept' | 'renamed' | 'new';
    readonly size: number;
    readonly baseline: (BaselineSegment & { readonly size: number; readonly stayed: number }) | null;
  }>;
  readonly vanished: ReadonlyArray<BaselineSegment & { readonly size: number }>;
  /** Baseline segment × new segment customer counts over the shared customers (rows: baseline order; columns: new order). */
  readonly migration: { readonly baseline: readonly BaselineSegment[]; readonly counts: readonly (readonly number[])[] };
}

/**
 * Lines new segments up with a baseline's: every customer gets a baseline segment — the one the baseline run
 * gave it when both runs know it (by key), else its nearest baseline centre in the baseline's feature space
 * (as `predict`) — and `matchSegments` pairs the segments one to one on that cross-table. Refuses, naming
 * them, baseline features this table lacks. `labels` are 0-based new positions (k of them). O(n · k · d).
 */
export function alignToBaseline(
  baseline: Baseline,
  table: Table,
  keyColumn: string | null,
  keys: readonly string[],
  labels: Int32Array,
  k: number,
): BaselineAlignment {
  const { model } = baseline;
  const file = table.source?.path ?? 'the data';
  const missing = missingColumns(model, table);
  if (missing.length)
    throw new DataError(
      `${file} lacks ${missing.map((c) => `"${c}"`).join(', ')} of the baseline ${baseline.path}; segments can only be matched to a baseline whose features the file has (or run without --baseline)`,
    );
  const predicted = predict(model, table).labels;
  const byKey = baseline.byKey && keyColumn === model.key ? baseline.byKey : undefined;
  const kOld = model.segments.length;
  const cross = Array.from({ length: kOld }, () => new Array<number>(k).fill(0));
  const migration = Array.from({ length: kOld }, () => new Array<number>(k).fill(0));
  let shared = 0;
  for (let i = 0; i < labels.length; i++) {
    const known = byKey?.get(keys[i]!);
    cross[known ?? predicted[i]!]![labels[i]!]!++;
    if (known !== undefined) (shared++, migration[known]![labels[i]!]!++);
  }
  const basis = shared > 0 ? 'customers' : 'centres';
  const segmentsOld = model.segments.map((s) => ({ id: s.id, name: s.name }));
  const matching = matchSegments(cross, segmentsOld);
  let next = Math.max(...segmentsOld.map((s) => s.id));
  const idOf = matching.matches.map((m) => m.baseline?.id ?? ++next);
  const order = idOf.map((_, j) => j).sort((a, b) => idOf[a]! - idOf[b]!);
  const counts = (basis === 'customers' ? migration : cross).map((row) => order.map((j) => row[j]!));
  return {
    order,
    ids: order.map((j) => idOf[j]!),
    names: order.map((j) => (keepsName(matching.matches[j]!) ? matching.matches[j]!.baseline!.name : null)),
    matches: order.map((j) => matching.matches[j]!),
    comparison: {
      model: baseline.path,
      basis,
      shared: basis === 'customers' ? shared : labels.length,
      added: basis === 'customers' ? labels.length - shared : 0,
      vanished: matching.vanished.map((v) => ({ ...v, size: model.segments.find((s) => s.id === v.id)!.size })),
      migration: { baseline: segmentsOld, counts },
    },
  };
}

/** The columns a model reads that a table lacks (each once, in the model's order). O(features · columns). */
function missingColumns(model: SegmentaModel, table: Table): string[] {
  return [...new Set(model.pipeline.steps.map((s) => s.column))].filter((c) => !findColumn(table, c));
}

/** The comparison with the final segments (numbers, names, sizes) filled in. O(k²). */
export function completeComparison(
  alignment: BaselineAlignment,
  segments: ReadonlyArray<{ readonly id: number; readonly name: string; readonly size: number }>,
  baselineSizes: ReadonlyMap<number, number>,
): BaselineComparison {
  const { comparison, matches } = alignment;
  const row = (id: number): readonly number[] => comparison.migration.counts[comparison.migration.baseline.findIndex((b) => b.id === id)]!;
  return {
    ...comparison,
    segments: segments.map((s, j) => {
      const b = matches[j]!.baseline;
      return {
        id: s.id,
        name: s.name,
        status: !b ? 'new' : keepsName(matches[j]!) ? 'kept' : 'renamed',
        size: s.size,
        baseline: b ? { ...b, size: baselineSizes.get(b.id)!, stayed: row(b.id)[j]! } : null,
      };
    }),
  };
}

/** A continued segment keeps its baseline name when at least this share of its customers came from it. */
const NAME_SHARE = 0.75;

/** Whether a match keeps the baseline name: the words must still describe most of the segment's customers. */
function keepsName(m: SegmentMatch): boolean {
  return m.baseline !== null && m.shareOfNew >= NAME_SHARE;
}
