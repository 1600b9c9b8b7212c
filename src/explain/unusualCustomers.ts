import { countText, formatNumber } from '../util/formatNumber.js';
import { byFrequency, levelCounts } from '../stats/levelCounts.js';
import { rowsBySegment } from '../util/rowsBySegment.js';
import { cellText, findColumn, type Column, type Table } from '../data/table.js';
import { gather } from '../util/gather.js';
import type { UnusualRule } from '../stats/distancePercentile.js';
import type { Pipeline } from '../preprocess/pipeline.js';
import { quantilesInPlace } from '../stats/quantile.js';
import { percent } from './nameSegments.js';
import type { Matrix } from '../util/matrix.js';
import { mention } from '../options/optionMentions.js';

/** One unusual customer for the summary and the report: how far out, and the columns that put it there. */
export interface UnusualCustomer {
  readonly key: string;
  readonly segment: number;
  /** Distance to the segment's centre over the segment's median distance (1 = a typical member). */
  readonly score: number;
  /** Where its distance falls among the segment's training distances, 0–100. */
  readonly percentile: number;
  /** The one or two columns that make most of the distance, in words: "Annual Income (k$) 137 (segment median 79)". */
  readonly why: readonly string[];
}

/** The unusual customers of a run: the rule, how many it flags, and the most unusual of them. */
export interface UnusualSummary extends UnusualRule {
  readonly count: number;
  readonly customers: readonly UnusualCustomer[];
}

/** How many unusual customers the summary and the report list (the most unusual first). */
const UNUSUAL_LISTED = 20;

/** A column is named in "why" when it makes at least this share of the customer's squared distance. */
const WHY_SHARE = 0.25;

/**
 * The flagged customers, most unusual first (ties by row), at most UNUSUAL_LISTED, each with the columns
 * that make most of its squared distance in the scaled space (a step's output columns summed; at least
 * one, at most two, each ≥ 25%): a number with the segment's median, a category with the segment's most
 * common level. O(n + listed · (d + segment size)).
 */
export function unusualCustomers(p: {
  readonly table: Table;
  readonly pipeline: Pipeline;
  readonly matrix: Matrix;
  readonly centers: Matrix;
  readonly labels: Int32Array;
  readonly keys: readonly string[];
  readonly segmentIds: readonly number[];
  readonly placed: { readonly percentile: Float64Array; readonly score: Float64Array; readonly unusual: Uint8Array };
  readonly rule: UnusualRule;
}): UnusualSummary {
  const { placed, labels } = p;
  const flagged: number[] = [];
  for (let i = 0; i < labels.length; i++) if (placed.unusual[i]) flagged.push(i);
  const listed = [...flagged].sort((a, b) => placed.score[b]! - placed.score[a]! || a - b).slice(0, UNUSUAL_LISTED);
  const members = rowsBySegment(labels, p.centers.rows);
  // A segment's median or most common level of a column, once per segment and column (not once per customer listed).
  const typicalOf = new Map<string, SegmentTypical>();
  let scratch: Float64Array | undefined;
  const typical = (j: number, name: string, categorical: boolean): SegmentTypical => {
    const id = `${j}\u0000${name}`;
    scratch ??= new Float64Array(Math.max(...members.map((rows) => rows.length)));
    if (!typicalOf.has(id)) typicalOf.set(id, segmentTypical(findColumn(p.table, name)!, categorical, members[j]!, scratch));
    return typicalOf.get(id)!;
  };
  const widths = p.pipeline.steps.map((s) => (s.kind === 'number' ? 1 : s.levels.length + (s.other ? 1 : 0)));
  const customers = listed.map((i): UnusualCustomer => {
    const j = labels[i]!;
    let col = 0;
    const parts = p.pipeline.steps.map((step, s) => {
      let sum = 0;
      for (let w = 0; w < widths[s]!; w++, col++) sum += (p.matrix.data[i * p.matrix.cols + col]! - p.centers.data[j * p.centers.cols + col]!) ** 2;
      return { step, sum };
    });
    const total = parts.reduce((t, x) => t + x.sum, 0);
    const top = [...parts].sort((a, b) => b.sum - a.sum).filter((x, r) => r === 0 || (r < 2 && x.sum >= WHY_SHARE * total));
    const why = top.map(({ step }) => columnWhy(p.table, step, i, typical(j, step.column, step.kind === 'category')));
    return { key: p.keys[i]!, segment: p.segmentIds[j]!, score: round(placed.score[i]!), percentile: round(placed.percentile[i]!), why };
  });
  return { ...p.rule, count: flagged.length, customers };
}

/**
 * The unusual customers as the report and the studio show them: a sentence (how many, what the flag means,
 * what to do) and a table of the most unusual (customer, segment label, how far, percentile, why). O(listed).
 */
export function unusualTable(
  u: UnusualSummary,
  segments: ReadonlyArray<{ readonly id: number; readonly label: string }>,
): { readonly sentence: string; readonly caption: string; readonly header: readonly string[]; readonly rows: ReadonlyArray<readonly string[]> } {
  const n = countText(u.count);
  return {
    sentence: `${n} customer${u.count === 1 ? ' is' : 's are'} flagged unusual: the ${percent(u.contamination)} farthest from their segment's centre, measured against the segment's typical member (${mention('contamination')}). Check them before a campaign: a data error, or a customer no segment describes. unusual = 1 in segments.csv; predict flags new customers the same way.`,
    caption: `The most unusual (at most ${UNUSUAL_LISTED})`,
    header: ['customer', 'segment', 'distance (× typical)', 'percentile in segment', 'why: the columns that make most of the distance'],
    rows: u.customers.map((c) => [
      c.key,
      segments.find((s) => s.id === c.segment)?.label ?? String(c.segment),
      `${c.score.toFixed(1)}×`,
      c.percentile.toFixed(1),
      c.why.join('; '),
    ]),
  };
}

/** A segment's typical value of a column: the median of a number column, else the most common cell ("missing" for empty) and its share in %. */
type SegmentTypical = { readonly median: number } | { readonly mode: string; readonly percent: number } | null;

/**
 * The `SegmentTypical` of one column over a segment's rows (null for a date: no comparison is worded); a
 * median is selected in `scratch` (at least the segment's length). O(segment size).
 */
function segmentTypical(column: Column, categorical: boolean, segment: Int32Array, scratch: Float64Array): SegmentTypical {
  if (column.kind === 'date') return null;
  if (column.kind === 'number' && !categorical) return { median: quantilesInPlace(gather(column.values, segment, scratch), [0.5])[0]! };
  const [mode, count] = byFrequency(levelCounts(Array.from(segment, (r) => cellText(column, r) || 'missing')))[0]!;
  return { mode, percent: Math.round((100 * count) / segment.length) };
}

/**
 * "Annual Income (k$) 137 (segment median 79)" or "Gender Male (segment: 88% Female)"; a missing cell says
 * what preprocessing filled in ("Channel missing, taken as In store (…)"). O(1) given the segment's `typical`.
 */
function columnWhy(table: Table, step: Pipeline['steps'][number], row: number, typical: SegmentTypical): string {
  const name = step.column;
  const column = findColumn(table, name)!;
  const cell = cellText(column, row);
  const value = cell || `missing, taken as ${typeof step.fill === 'number' ? Number(step.fill.toPrecision(4)) : step.fill}`;
  if (typical === null) return `${name} ${value}`;
  if ('median' in typical) {
    const shown = cell ? formatNumber((column.values as Float64Array)[row]!) : value;
    return `${name} ${shown} (segment median ${formatNumber(typical.median)})`;
  }
  return typical.mode === cell ? `${name} ${value}` : `${name} ${value} (segment: ${typical.percent}% ${typical.mode})`;
}

const round = (v: number): number => Number(v.toFixed(3));
