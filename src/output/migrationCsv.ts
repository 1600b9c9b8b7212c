import type { BaselineComparison } from '../baseline/alignToBaseline.js';
import { csvText } from './csvText.js';
import { roundedText } from './segmentsCsv.js';

/** The header of migration.csv (a contract: scripts read these names). */
const MIGRATION_HEADER = ['baseline_segment', 'baseline_name', 'segment', 'segment_name', 'customers', 'share_of_baseline', 'share_of_segment'] as const;

/** What migration.csv and `segmenta drift` tabulate: baseline × new segments and their shared customers. */
export interface MigrationTable {
  readonly baseline: ReadonlyArray<{ readonly id: number; readonly name: string }>;
  readonly current: ReadonlyArray<{ readonly id: number; readonly name: string }>;
  /** counts[a][b]: customers in baseline segment a and new segment b. */
  readonly counts: readonly (readonly number[])[];
}

/** The migration table of a baseline comparison. */
export function migrationOf(c: BaselineComparison): MigrationTable {
  return { baseline: c.migration.baseline, current: c.segments, counts: c.migration.counts };
}

/**
 * migration.csv: one row per baseline segment × new segment (every pair, zeros included) with the customers
 * both runs share that moved from one to the other, as a share of the baseline segment's and of the new
 * segment's shared customers (0..1). The counts sum to the customers in both. O(k_old · k_new).
 */
export function migrationCsv(t: MigrationTable): string {
  const rowSum = t.counts.map((r) => r.reduce((s, v) => s + v, 0));
  const colSum = t.current.map((_, b) => t.counts.reduce((s, r) => s + r[b]!, 0));
  const share = (v: number, of: number): string => (of > 0 ? roundedText(v / of) : '0');
  const rows = t.baseline.flatMap((a, i) =>
    t.current.map((b, j) => [
      String(a.id),
      a.name,
      String(b.id),
      b.name,
      String(t.counts[i]![j]!),
      share(t.counts[i]![j]!, rowSum[i]!),
      share(t.counts[i]![j]!, colSum[j]!),
    ]),
  );
  return csvText([...MIGRATION_HEADER], rows);
}
