/** Mean, population and sample standard deviation, and adjusted skewness of the present values. */
export interface Moments {
  readonly count: number;
  readonly mean: number;
  /** Population standard deviation (divides by n), as scikit-learn's StandardScaler uses. */
  readonly stdPopulation: number;
  /** Sample standard deviation (divides by n − 1), as pandas' describe() shows. */
  readonly std: number;
  /** Adjusted Fisher–Pearson skewness G1 (as pandas' skew()); NaN below 3 values. */
  readonly skewness: number;
}

/** Moments of the non-NaN values, by two passes for accuracy. O(n). */
export function moments(values: ArrayLike<number>): Moments {
  let n = 0,
    sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) (n++, (sum += v));
  }
  const mean = n > 0 ? sum / n : NaN;
  let m2 = 0,
    m3 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  const varPop = n > 0 ? m2 / n : NaN;
  const g1 = varPop > 0 ? m3 / n / Math.pow(varPop, 1.5) : 0;
  const skewness = n >= 3 ? (Math.sqrt(n * (n - 1)) / (n - 2)) * g1 : NaN;
  return { count: n, mean, stdPopulation: Math.sqrt(varPop), std: n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN, skewness };
}
