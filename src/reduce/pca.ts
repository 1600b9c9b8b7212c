import { columnMeans, type Matrix } from '../util/matrix.js';
import { requirePackage } from '../util/requirePackage.js';

const { Matrix: MlMatrix, SingularValueDecomposition } = requirePackage('ml-matrix') as typeof import('ml-matrix');

/** A fitted principal component analysis. */
export interface PcaResult {
  readonly mean: readonly number[];
  /** Principal axes, one row per component (unit vectors over the input columns). */
  readonly components: readonly (readonly number[])[];
  /** Variance along each component (divides by n − 1, as scikit-learn). */
  readonly explainedVariance: readonly number[];
  readonly explainedVarianceRatio: readonly number[];
  /** Loadings: component × √variance (correlations with the components when inputs are standardised). */
  readonly loadings: readonly (readonly number[])[];
  /**
   * Coordinates of every row on the first `dims` components (n × dims, row-major). Computed on first use
   * (n × dims float64: 240 MB on ten million rows); `pcaScore` gives single rows without it.
   */
  readonly coordinates: Matrix;
}

/**
 * PCA by singular value decomposition of the d × d covariance matrix of the centred data (d is small for
 * customer tables, so this is exact and O(n · d² + d³)). Signs follow scikit-learn 1.2 (svd_flip on U):
 * each component is oriented so that the row with the largest |score| scores positive.
 */
export function pca(x: Matrix, dims = 3): PcaResult {
  const n = x.rows,
    d = x.cols,
    X = x.data;
  const mean = columnMeans(x);
  const cov = new MlMatrix(d, d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) row[t] = X[i * d + t]! - mean[t]!;
    for (let a = 0; a < d; a++) for (let b = a; b < d; b++) cov.set(a, b, cov.get(a, b) + row[a]! * row[b]!);
  }
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) (cov.set(b, a, cov.get(a, b) / Math.max(n - 1, 1)), cov.set(a, b, cov.get(b, a)));
  const svd = new SingularValueDecomposition(cov, { autoTranspose: true });
  const values = svd.diagonal.map((v) => Math.max(v, 0));
  const total = values.reduce((s, v) => s + v, 0);
  const V = svd.rightSingularVectors;
  const components = values.map((_, c) => Array.from({ length: d }, (_, t) => V.get(t, c)));
  const keep = Math.min(dims, d);
  // Orient each component as scikit-learn 1.2's svd_flip on U: the row with the largest |score| scores
  // positive. Scores are computed one component at a time, so no n × d score matrix is kept.
  const axes = { mean, components };
  for (let c = 0; c < d; c++) {
    let arg = 0,
      best = -1;
    for (let i = 0; i < n; i++) {
      const v = Math.abs(pcaScore(axes, x, i, c));
      if (v > best) ((best = v), (arg = i));
    }
    if (pcaScore(axes, x, arg, c) < 0) components[c] = components[c]!.map((v) => -v);
  }
  let coordinates: Matrix | undefined;
  const fit = {
    mean: Array.from(mean),
    components,
    explainedVariance: values,
    explainedVarianceRatio: values.map((v) => (total > 0 ? v / total : 0)),
    loadings: components.map((comp, c) => comp.map((v) => v * Math.sqrt(values[c]!))),
    get coordinates(): Matrix {
      coordinates ??= pcaProject(fit, x, keep);
      return coordinates;
    },
  };
  return fit;
}

/** Row i of `x` on component c of the fit: the figure `coordinates` and `pcaProject` hold, computed alone. O(d). */
export function pcaScore(fit: { readonly mean: ArrayLike<number>; readonly components: PcaResult['components'] }, x: Matrix, i: number, c: number): number {
  const d = x.cols,
    comp = fit.components[c]!;
  let s = 0;
  for (let t = 0; t < d; t++) s += (x.data[i * d + t]! - fit.mean[t]!) * comp[t]!;
  return s;
}

/** Projects new rows onto fitted components (first `dims`). O(n · d · dims). */
export function pcaProject(fit: Pick<PcaResult, 'mean' | 'components'>, x: Matrix, dims = 3): Matrix {
  const keep = Math.min(dims, fit.components.length);
  const out: Matrix = { rows: x.rows, cols: keep, data: new Float64Array(x.rows * keep) };
  for (let i = 0; i < x.rows; i++) for (let c = 0; c < keep; c++) out.data[i * keep + c] = pcaScore(fit, x, i, c);
  return out;
}
