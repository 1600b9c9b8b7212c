/** The size limits a run met, as summary.json's `method.sizeLimits` holds them. */
export interface SizeLimitsMet {
  readonly min: number;
  readonly max: number;
  readonly unconstrainedInertia: number;
}

/**
 * The limits and what they cost, in one sentence: "Size limits: every segment holds 30 to 200 customers
 * (--min-size, --max-size); they cost 11.7% of fit (inertia 73.27 against 65.57 for k-means without them)."
 */
export function sizeLimitSentence(limits: SizeLimitsMet, inertia: number): string {
  const cost = limits.unconstrainedInertia > 0 ? (inertia / limits.unconstrainedInertia - 1) * 100 : 0;
  const n = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return `Size limits: every segment holds ${n(limits.min)} to ${n(limits.max)} customers (--min-size, --max-size); they cost ${cost.toFixed(1)}% of fit (inertia ${n(inertia)} against ${n(limits.unconstrainedInertia)} for k-means without them). predict assigns new customers to the nearest centre, without the limits.`;
}
