import type { NumericStep } from './pipelineSteps.js';

/**
 * `--log auto`'s rule, the same for files and database tables: log1p a numeric (not date) column whose values
 * are all ≥ 0, whose skewness is above 1 and that has more than 10 distinct values. O(1).
 */
export function autoLog(column: { readonly kind: string; readonly min: number; readonly skewness: number; readonly distinct: number }): boolean {
  return column.kind === 'number' && column.min >= 0 && column.skewness > 1 && column.distinct > 10;
}

/** A numeric step before scaling (centre 0, scale 1): its column, where it came from, its fill and whether it is logged. */
export function numericStep(column: string, source: NumericStep['source'], fill: number, log: boolean): NumericStep {
  return { kind: 'number', column, source, fill, log, center: 0, scale: 1 };
}
