import { DataError } from '../util/errors.js';
import type { Matrix } from '../util/matrix.js';

/**
 * The k the sweep tries up to, the same for a file and a database sample: kMin..kMax capped by the distinct
 * customers (a given k is always included). Refuses, naming `source`, a k or a range the data cannot hold.
 * O(min(n, rows to 1,001 distinct) · d).
 */
export function sweepUpperK(matrix: Matrix, source: string, k: number | 'auto', kMin: number, kMax: number): number {
  const distinct = distinctRows(matrix);
  if (k !== 'auto' && k > distinct)
    throw new DataError(`${source}: k = ${k} is larger than the number of distinct customers (${distinct}) in the chosen features; use a smaller --k`);
  const upper = Math.min(kMax, distinct);
  if (upper < kMin) throw new DataError(`${source}: only ${distinct} distinct customer(s) in the chosen features; at least ${kMin} are needed`);
  return k === 'auto' ? upper : Math.max(Math.min(upper, Math.max(kMax, k)), k);
}

/** Distinct rows of a matrix, counted up to 1,000 (more: MAX_SAFE_INTEGER). O(min(n, rows to 1,001 distinct) · d). */
function distinctRows(m: Matrix): number {
  const seen = new Set<string>();
  for (let i = 0; i < m.rows; i++) {
    seen.add(m.data.subarray(i * m.cols, (i + 1) * m.cols).join(','));
    if (seen.size > 1000) return Number.MAX_SAFE_INTEGER;
  }
  return seen.size;
}
