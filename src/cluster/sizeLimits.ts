import { UsageError } from '../util/errors.js';

import type { SizeLimit } from '../options/segmentOptions.js';

export type { SizeLimit };

/** Size limits in customers for one table: every segment holds at least `min` and at most `max`. */
export interface SizeBounds {
  readonly min: number;
  readonly max: number;
}

/**
 * The limits in customers for a table of `rows` rows (shares: at least ⌈share · rows⌉, at most ⌊share · rows⌋).
 * A count given for `fullRows` customers is scaled to `rows` when k is chosen on a sample (same share). O(1).
 */
export function sizeBounds(minSize: SizeLimit | undefined, maxSize: SizeLimit | undefined, rows: number, fullRows = rows): SizeBounds {
  // In customers for `rows`; 1e-9 absorbs the rounding of shares (0.15 · 200 is 30.000000000000004).
  const scaled = (limit: SizeLimit): number => (typeof limit === 'number' ? limit / fullRows : Number(limit.slice(0, -1)) / 100) * rows;
  const min = minSize === undefined ? 0 : Math.ceil(scaled(minSize) - 1e-9);
  const max = maxSize === undefined ? rows : Math.min(rows, Math.floor(scaled(maxSize) + 1e-9));
  return { min: Math.max(0, min), max };
}

/** Whether k segments can meet the limits on `rows` customers: k · min ≤ rows ≤ k · max. */
export function sizesFeasible(k: number, rows: number, b: SizeBounds): boolean {
  return k * b.min <= rows && rows <= k * b.max;
}

/** The range of k that can meet the limits (empty when none can), within kMin..kMax. */
export function feasibleKRange(kMin: number, kMax: number, rows: number, b: SizeBounds): { kMin: number; kMax: number } {
  const low = Math.max(kMin, b.max > 0 ? Math.ceil(rows / b.max) : Infinity);
  const high = Math.min(kMax, b.min > 0 ? Math.floor(rows / b.min) : kMax);
  return { kMin: low, kMax: high };
}

/** A size flag or option as text: "30", "15%" → SizeLimit; anything else names the flag. */
export function parseSizeLimit(name: string, value: string | number): SizeLimit {
  const text = String(value).trim();
  if (/^\d+$/.test(text) && Number(text) >= 1) return Number(text);
  if (/^\d+(\.\d+)?%$/.test(text) && Number(text.slice(0, -1)) > 0 && Number(text.slice(0, -1)) <= 100) return text as `${number}%`;
  throw new UsageError(`invalid ${name}: ${text} (expected a number of customers such as 30, or a share such as 15%)`);
}
