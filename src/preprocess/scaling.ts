import { moments } from '../stats/moments.js';
import { quantileSorted, sortedPresent } from '../stats/quantile.js';
import { UsageError } from '../util/errors.js';

/** How features are scaled before clustering. */
export type ScalingKind = 'standard' | 'robust' | 'minmax' | 'none';

/** Scaling kinds in the order they are documented. */
export const SCALING_KINDS: readonly ScalingKind[] = ['standard', 'robust', 'minmax', 'none'];

/** Checks a scaling name given by a user. */
export function parseScaling(value: string): ScalingKind {
  if ((SCALING_KINDS as readonly string[]).includes(value)) return value as ScalingKind;
  throw new UsageError(`invalid --scale: ${value} (expected ${SCALING_KINDS.join(', ')})`);
}

/**
 * Fits (center, scale) so that (v − center) / scale is: standard → mean 0, population std 1 (as
 * scikit-learn's StandardScaler); robust → median 0, interquartile range 1 (RobustScaler); minmax → [0, 1];
 * none → unchanged. A zero spread gives scale 1, as scikit-learn does. O(n) (O(n log n) for robust).
 */
export function fitScaling(values: ArrayLike<number>, kind: ScalingKind): { center: number; scale: number } {
  const nonZero = (s: number): number => (s > 0 && Number.isFinite(s) ? s : 1);
  switch (kind) {
    case 'none':
      return { center: 0, scale: 1 };
    case 'standard': {
      const m = moments(values);
      return { center: m.mean, scale: nonZero(m.stdPopulation) };
    }
    case 'robust': {
      const sorted = sortedPresent(values);
      return { center: quantileSorted(sorted, 0.5), scale: nonZero(quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25)) };
    }
    case 'minmax': {
      let lo = Infinity, hi = -Infinity;
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      return { center: lo, scale: nonZero(hi - lo) };
    }
  }
}
