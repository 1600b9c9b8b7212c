import { contingencyTable } from './contingencyTable.js';

/**
 * Adjusted mutual information (Vinh, Epps & Bailey 2010) with arithmetic-mean normalisation, as
 * scikit-learn's adjusted_mutual_info_score: (MI − E[MI]) / (mean(H(a), H(b)) − E[MI]), natural logs, the
 * expected MI under the hypergeometric model. 1 for identical partitions. O(n + ka · kb · min(a, b)).
 */
export function adjustedMutualInfo(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const { n, table, rows, cols } = contingencyTable(a, b);
  const ka = rows.length,
    kb = cols.length;
  if ((ka === 1 && kb === 1) || n === 0) return 1;
  let mi = 0;
  for (let r = 0; r < ka; r++)
    for (let c = 0; c < kb; c++) {
      const v = table[r * kb + c]!;
      if (v > 0) mi += (v / n) * (Math.log(v) + Math.log(n) - Math.log(rows[r]!) - Math.log(cols[c]!));
    }
  const entropy = (counts: Float64Array): number => counts.reduce((s, v) => (v > 0 ? s - (v / n) * Math.log(v / n) : s), 0);
  const emi = expectedMutualInfo(rows, cols, n);
  let denominator = (entropy(rows) + entropy(cols)) / 2 - emi;
  const eps = 2.220446049250313e-16;
  denominator = denominator < 0 ? Math.min(denominator, -eps) : Math.max(denominator, eps);
  return (mi - emi) / denominator;
}

/** Expected mutual information of two labelings with the given cluster sizes under random permutation. */
function expectedMutualInfo(a: Float64Array, b: Float64Array, n: number): number {
  const logFactorial = new Float64Array(n + 2);
  for (let i = 2; i <= n + 1; i++) logFactorial[i] = logFactorial[i - 1]! + Math.log(i);
  const lf = (v: number): number => logFactorial[v]!;
  let emi = 0;
  for (const ai of a) {
    for (const bj of b) {
      const start = Math.max(1, ai - n + bj),
        end = Math.min(ai, bj);
      for (let nij = start; nij <= end; nij++) {
        const term2 = Math.log(n) + Math.log(nij) - Math.log(ai) - Math.log(bj);
        const gln = lf(ai) + lf(bj) + lf(n - ai) + lf(n - bj) - lf(n) - lf(nij) - lf(ai - nij) - lf(bj - nij) - lf(n - ai - bj + nij);
        emi += (nij / n) * term2 * Math.exp(gln);
      }
    }
  }
  return emi;
}
