import { moments } from '../stats/moments.js';
import { SCALING_KINDS } from '../options/segmentOptions.js';
import { quantileSorted, sortedPresent, type SortScratch } from '../stats/quantile.js';

/** How features are scaled before clustering. */
export type ScalingKind = (typeof SCALING_KINDS)[number];

/** Scaling kinds in the order they are documented. */
export { SCALING_KINDS };

/**
 * Fits (center, scale) so that (v − center) / scale is: standard → mean 0, population std 1 (as
 * scikit-learn's StandardScaler); robust → median 0, interquartile range 1 (RobustScaler); minmax → [0, 1];
 * none → unchanged. A zero spread gives scale 1, as scikit-learn does. Robust sorts in `scratch` when given. O(n).
 */
export function fitScaling(values: ArrayLike<number>, kind: ScalingKind, scratch?: SortScratch): { center: number; scale: number } {
  const nonZero = (s: number): number => (s > 0 && Number.isFinite(s) ? s : 1);
  switch (kind) {
    case 'none':
      return { center: 0, scale: 1 };
    case 'standard': {
      const m = moments(values);
      return { center: m.mean, scale: nonZero(m.stdPopulation) };
    }
    case 'robust': {
      const sorted = sortedPresent(values, scratch);
      return { center: quantileSorted(sorted, 0.5), scale: nonZero(quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25)) };
    }
    case 'minmax': {
      let lo = Infinity,
        hi = -Infinity;
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      return { center: lo, scale: nonZero(hi - lo) };
    }
  }
}

/**
 * `fitScaling` of a 0/1 indicator from its counts alone (`ones` of `n` rows are 1), as fitted on the column of
 * values: used for one-hot columns in memory and in a database alike. O(1).
 */
export function fitIndicatorScaling(n: number, ones: number, kind: ScalingKind): { center: number; scale: number } {
  const nonZero = (s: number): number => (s > 0 && Number.isFinite(s) ? s : 1);
  const at = (p: number): number => {
    // The p-quantile of n − ones zeros followed by ones ones, interpolated as quantileSorted does.
    const h = (n - 1) * p,
      lo = Math.floor(h),
      hi = Math.min(lo + 1, n - 1);
    const v = (i: number): number => (i >= n - ones ? 1 : 0);
    return v(lo) + (h - lo) * (v(hi) - v(lo));
  };
  switch (kind) {
    case 'none':
      return { center: 0, scale: 1 };
    case 'standard': {
      const p = ones / n;
      return { center: p, scale: nonZero(Math.sqrt((ones * (1 - p) * (1 - p) + (n - ones) * p * p) / n)) };
    }
    case 'robust':
      return { center: at(0.5), scale: nonZero(at(0.75) - at(0.25)) };
    case 'minmax':
      return { center: ones < n ? 0 : 1, scale: nonZero((ones > 0 ? 1 : 0) - (ones < n ? 0 : 1)) };
  }
}
