import { cellText, type Table } from '../data/table.js';
import { csvLines } from './csvText.js';

/**
 * segments.csv: one row per customer with its key, segment number (`segments[label].id`), segment name and distance to the
 * segment centre (scaled units), then every input column as read. The key column is not repeated.
 * `transform` rewrites every cell (the dashboard neutralizes spreadsheet formulas with it). With
 * `probabilities` (Gaussian mixtures, n × k) the membership probabilities follow as p_segment_1..k. With
 * `placed` (predict) distance_percentile and unusual follow the distance.
 */
export function segmentsCsv(...args: Parameters<typeof segmentsCsvLines>): string {
  return [...segmentsCsvLines(...args)].join('');
}

/** segments.csv line by line (see segmentsCsv), for writing millions of customers without one giant string. */
export function* segmentsCsvLines(
  table: Table,
  keyColumn: string | null,
  keys: readonly string[],
  labels: Int32Array,
  distances: Float64Array,
  segments: ReadonlyArray<{ readonly id: number; readonly name: string }>,
  transform?: (cell: string) => string,
  probabilities?: Float64Array,
  placed?: { readonly percentile: Float64Array; readonly unusual: Uint8Array },
): Generator<string> {
  const rest = table.columns.filter((c) => c.name !== keyColumn);
  const k = segments.length;
  const soft = probabilities ? segments.map((s) => `p_segment_${s.id}`) : [];
  const header = [
    keyColumn ?? 'row',
    'segment',
    'segment_name',
    'distance',
    ...(placed ? ['distance_percentile', 'unusual'] : []),
    ...rest.map((c) => c.name),
    ...soft,
  ];
  const rows = function* (): Generator<string[]> {
    for (let i = 0; i < table.rowCount; i++) {
      const p = probabilities ? Array.from(probabilities.subarray(i * k, i * k + k), (v) => String(round(v))) : [];
      const s = segments[labels[i]!]!;
      const place = placed ? [placed.percentile[i]!.toFixed(1), String(placed.unusual[i])] : [];
      yield [keys[i]!, String(s.id), s.name, String(round(distances[i]!)), ...place, ...rest.map((c) => cellText(c, i)), ...p];
    }
  };
  yield* csvLines(header, rows(), transform);
}

/** Rounds to 12 significant digits so output does not carry floating-point noise. */
export function round(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(12)) : v;
}
