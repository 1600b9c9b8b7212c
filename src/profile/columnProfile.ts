/** Outliers of one column for the profile: the fences, how many values fall beyond each, and a few examples. */
export interface OutlierReport {
  readonly rule: string;
  readonly low: number;
  readonly high: number;
  readonly below: number;
  readonly above: number;
  /** Up to 5 of the most extreme values, furthest first. */
  readonly examples: readonly number[];
}

/** Impossible values of one column: the rule, the count and a few examples. */
export interface ImpossibleReport {
  readonly rule: string;
  readonly count: number;
  /** Up to 5 of them (dates as YYYY-MM-DD). */
  readonly examples: ReadonlyArray<number | string>;
}

/** Summary of one column, as `segmenta profile` prints it and writes into profile.json. */
export interface ColumnProfile {
  readonly name: string;
  readonly type: 'number' | 'integer' | 'category' | 'date';
  readonly count: number;
  readonly missing: number;
  readonly distinct: number;
  readonly min?: number;
  readonly max?: number;
  readonly mean?: number;
  readonly std?: number;
  readonly q1?: number;
  readonly median?: number;
  readonly q3?: number;
  readonly skewness?: number;
  /** Most frequent values (up to 5) with their counts, for categories. */
  readonly top?: ReadonlyArray<{ value: string; count: number }>;
  /** Earliest and latest date, for dates. */
  readonly first?: string;
  readonly last?: string;
  /** Values beyond the outlier fences (numbers; see `findOutliers`). */
  readonly outliers?: OutlierReport;
  /** Values no customer can have (years, ages, dates; see `findImpossible`). */
  readonly impossible?: ImpossibleReport;
}
