import { sortedPresent } from '../stats/quantile.js';

/**
 * Pearson correlation matrix of the given columns (NaN = missing, pairwise-complete observations).
 * Returns a row-major m × m array; NaN where a column is constant. O(m² · n).
 */
export function pearsonMatrix(columns: readonly ArrayLike<number>[]): number[][] {
  const m = columns.length;
  const out = Array.from({ length: m }, () => new Array<number>(m).fill(NaN));
  for (let a = 0; a < m; a++) {
    out[a]![a] = 1;
    for (let b = a + 1; b < m; b++) out[a]![b] = out[b]![a] = pearson(columns[a]!, columns[b]!);
  }
  return out;
}

/** Spearman rank correlation matrix: Pearson on average ranks (ties share their mean rank). O(m² · n + m · n log n). */
export function spearmanMatrix(columns: readonly ArrayLike<number>[]): number[][] {
  return pearsonMatrix(columns.map(averageRanks));
}

/** Pearson correlation of two equally long arrays over the rows where both are present. O(n). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let n = 0,
    sx = 0,
    sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!,
      b = y[i]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    n++;
    sx += a;
    sy += b;
  }
  if (n < 2) return NaN;
  const mx = sx / n,
    my = sy / n;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!,
      b = y[i]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    sxy += (a - mx) * (b - my);
    sxx += (a - mx) * (a - mx);
    syy += (b - my) * (b - my);
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/**
 * 1-based average ranks of the present values (ties share their mean rank); NaN stays NaN. Ranks are found
 * by binary search in a natively sorted copy, so no comparator runs per element. O(n log n).
 */
function averageRanks(values: ArrayLike<number>): Float64Array {
  const sorted = sortedPresent(values);
  const ranks = new Float64Array(values.length).fill(NaN);
  const lowerBound = (v: number): number => {
    let lo = 0,
      hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const first = lowerBound(v);
    let last = first;
    // Ties: find the end of the run of equal values by galloping, then binary search.
    let step = 1;
    while (last + step < sorted.length && sorted[last + step] === v) ((last += step), (step *= 2));
    let lo = last,
      hi = Math.min(sorted.length - 1, last + step);
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (sorted[mid] === v) lo = mid;
      else hi = mid - 1;
    }
    ranks[i] = (first + lo) / 2 + 1;
  }
  return ranks;
}
