import { formatPercent } from '../util/formatNumber.js';
import type { ModelComparison } from './modelComparison.js';

/** One decimal with thousands separators: log-likelihoods and BICs differ in their decimals between close models. */
const oneDecimal = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * auto's comparison as a text table — the same cells in the CLI, the report and the studio: per model the
 * log-likelihood and BIC, with a holdout its mean absolute error and total error; the chosen and the
 * unsettled models marked. Then one line per model left out.
 */
export function comparisonRows(c: ModelComparison): { head: string[]; rows: string[][]; skipped: string[] } {
  const holdout = c.by === 'holdout';
  return {
    head: ['purchase model', 'log-likelihood', 'BIC', ...(holdout ? ['holdout mean absolute error', 'holdout total error'] : [])],
    rows: c.rows.map((r) => [
      `${r.label}${r.model === c.chosen ? ' (chosen)' : r.converged ? '' : ' (did not converge: not ranked)'}`,
      oneDecimal(r.logLikelihood),
      oneDecimal(r.bic),
      ...(holdout ? [r.holdoutMeanAbsoluteError!.toFixed(4), formatPercent(r.holdoutTotalError!)] : []),
    ]),
    skipped: c.skipped.map((s) => `${s.label}: not compared, it ${s.reason}`),
  };
}
