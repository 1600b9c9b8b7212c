import type { ScalingKind } from './scaling.js';

/** A numeric (or date, as days) input column: impute, optional log1p, scale. */
export interface NumericStep {
  readonly kind: 'number';
  readonly column: string;
  readonly source: 'number' | 'date';
  /** Value used for missing cells: the training median (or mean). */
  readonly fill: number;
  readonly log: boolean;
  /** `--clip auto`: values are clipped to [low, high] (the outlier fences) before log and scaling. */
  readonly clip?: readonly [number, number];
  readonly center: number;
  readonly scale: number;
}

/** A categorical input column: impute, one-hot encode (rare levels grouped as "other"), scale each indicator. */
export interface CategoryStep {
  readonly kind: 'category';
  readonly column: string;
  /** Kept levels, most frequent first; one output column each, then one for "other" when `other` is true. */
  readonly levels: readonly string[];
  readonly other: boolean;
  /** Value used for missing cells: the training mode. */
  readonly fill: string;
  readonly centers: readonly number[];
  readonly scales: readonly number[];
}

/** The fitted preprocessing, stored in the model and replayed on new data. */
export interface Pipeline {
  readonly scaling: ScalingKind;
  readonly steps: ReadonlyArray<NumericStep | CategoryStep>;
  /** Names of the columns of the transformed matrix ("Age", "Gender=Female", ...). */
  readonly outputNames: readonly string[];
}
