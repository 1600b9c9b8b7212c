import type { Column, Table } from '../data/table.js';
import { byFrequency } from '../stats/levelCounts.js';
import { moments } from '../stats/moments.js';
import { quantileSorted, sortedPresent, type SortScratch } from '../stats/quantile.js';
import { distinctHashes, hash64 } from '../util/hash64.js';
import { createRandom } from '../util/random.js';
import { sampleIndices } from '../util/sample.js';
import { pearsonMatrix, spearmanMatrix } from './correlation.js';
import { findImpossible, findOutliers } from './outliers.js';
import type { ColumnProfile } from './columnProfile.js';
import { gather } from '../util/gather.js';

export type { ColumnProfile } from './columnProfile.js';

/** The whole profile: rows, per-column summaries, and correlations between numeric columns. */
export interface TableProfile {
  readonly rows: number;
  readonly columns: readonly ColumnProfile[];
  readonly correlations: {
    readonly columns: readonly string[];
    readonly pearson: number[][];
    readonly spearman: number[][];
    /** Rows the Spearman matrix was computed on (a seeded sample above 200,000 rows; Pearson uses all). */
    readonly spearmanRows: number;
  };
}

/** Above this many rows Spearman correlations are computed on a seeded sample of this size. */
export const SPEARMAN_SAMPLE = 200_000;

/** The per-column part of `profileTable`, without the correlations (m² · n for m numeric columns). O(n log n · columns). */
export function profileColumns(table: Table): TableProfile['columns'] {
  const scratch: SortScratch = {};
  return table.columns.map((column) => profileColumn(column, scratch));
}

/** Profiles every column of a table (EDA): types, missing, distinct, moments, quartiles, top categories. O(n log n · columns + m² · n). */
export function profileTable(table: Table): TableProfile {
  const columns = profileColumns(table);
  const numeric = table.columns.filter((c) => c.kind === 'number');
  const vectors = numeric.map((c) => c.values);
  const sample = table.rowCount > SPEARMAN_SAMPLE ? sampleIndices(table.rowCount, SPEARMAN_SAMPLE, createRandom(17)) : undefined;
  const sampled = sample ? vectors.map((v) => gather(v, sample)) : vectors;
  return {
    rows: table.rowCount,
    columns,
    correlations: {
      columns: numeric.map((c) => c.name),
      pearson: pearsonMatrix(vectors),
      spearman: spearmanMatrix(sampled),
      spearmanRows: sample ? sample.length : table.rowCount,
    },
  };
}

const MAX_TRACKED = 100_000;

/** Distinct non-missing strings, counted by sorting 64-bit hashes (collisions: about n² / 2⁶⁵). O(n log n). */
function distinctByHash(values: ReadonlyArray<string | null>): number {
  const hashes = new BigUint64Array(values.length);
  let m = 0;
  for (const t of values) {
    if (t === null) continue;
    hashes[m++] = hash64(t);
  }
  return distinctHashes(hashes.subarray(0, m));
}

/** Profiles one column (sorting in `scratch` when given: see `SortScratch`). O(n). */
export function profileColumn(column: Column, scratch?: SortScratch): ColumnProfile {
  if (column.kind === 'string') {
    // Categories are counted exactly; past MAX_TRACKED distinct values (identifiers, free text) counting
    // stops, the distinct count comes from sorted hashes, and no top values are reported.
    const counts = new Map<string, number>();
    let missing = 0,
      overflow = false;
    for (const v of column.values) {
      if (v === null) missing++;
      else if (!overflow) {
        counts.set(v, (counts.get(v) ?? 0) + 1);
        if (counts.size > MAX_TRACKED) overflow = true;
      }
    }
    if (overflow)
      return { name: column.name, type: 'category', count: column.values.length - missing, missing, distinct: distinctByHash(column.values), top: [] };
    const top = byFrequency(counts)
      .slice(0, 5)
      .map(([value, count]) => ({ value, count }));
    return { name: column.name, type: 'category', count: column.values.length - missing, missing, distinct: counts.size, top };
  }
  const sorted = sortedPresent(column.values, scratch);
  const missing = column.values.length - sorted.length;
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  if (column.kind === 'date') {
    const text = column.text.filter((t): t is string => t !== null).sort();
    const impossible = findImpossible(column.name, 'date', sorted, true);
    return {
      name: column.name,
      type: 'date',
      count: sorted.length,
      missing,
      distinct,
      first: text[0],
      last: text[text.length - 1],
      ...(impossible ? { impossible } : {}),
    };
  }
  const m = moments(column.values);
  const outliers = findOutliers(sorted, distinct);
  const impossible = findImpossible(column.name, 'number', sorted, column.integer);
  return {
    name: column.name,
    type: column.integer ? 'integer' : 'number',
    count: sorted.length,
    missing,
    distinct,
    ...(sorted.length > 0
      ? {
          min: sorted[0],
          max: sorted[sorted.length - 1],
          mean: m.mean,
          std: m.std,
          q1: quantileSorted(sorted, 0.25),
          median: quantileSorted(sorted, 0.5),
          q3: quantileSorted(sorted, 0.75),
          skewness: m.skewness,
        }
      : {}),
    ...(outliers ? { outliers } : {}),
    ...(impossible ? { impossible } : {}),
  };
}
