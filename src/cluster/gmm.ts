import { UsageError } from '../util/errors.js';
import { checkOption } from '../options/segmentOptions.js';
import type { Matrix } from '../util/matrix.js';
import { kmeans } from './kmeans.js';

/** Covariance structure of the mixture components. */
export type CovarianceType = 'full' | 'diag';

/** Options of a Gaussian mixture fit; defaults as scikit-learn's GaussianMixture. */
export interface GmmOptions {
  readonly k: number;
  /** "full" (default) or "diag". */
  readonly covariance?: CovarianceType;
  /** Added to the covariance diagonals for stability. Default 1e-6. */
  readonly regCovar?: number;
  /** Stop when the mean log-likelihood changes by less than this. Default 1e-3. */
  readonly tol?: number;
  /** Default 100. */
  readonly maxIter?: number;
  /** Initial hard assignment (one M-step starts EM); default: k-means labels with the seed. */
  readonly initLabels?: Int32Array | readonly number[];
  readonly seed?: number;
}

/** A fitted Gaussian mixture. */
export interface GmmFit {
  readonly k: number;
  readonly covariance: CovarianceType;
  readonly weights: number[];
  readonly means: number[][];
  /** Full: k matrices d × d; diag: k vectors of variances (each wrapped as a 1 × d row). */
  readonly covariances: number[][][];
  /** Mean log-likelihood per row under the final parameters (scikit-learn's score). */
  readonly score: number;
  /** Bayesian information criterion: −2 · n · score + parameters · ln n. */
  readonly bic: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Most probable component per row. */
  readonly labels: Int32Array;
  /** Membership probabilities, n × k row-major. */
  readonly probabilities: Float64Array;
}

const EPS = 2.220446049250313e-16;

/**
 * Gaussian mixture by expectation–maximisation, as scikit-learn's GaussianMixture (one initialisation,
 * the same M-step, regularisation, stopping rule and BIC), so the two agree to rounding from the same
 * start. O(iterations · n · k · d²).
 */
export function gmm(x: Matrix, options: GmmOptions): GmmFit {
  const { k, covariance = 'full', regCovar = 1e-6, tol = 1e-3, maxIter = 100, seed = 0 } = options;
  const n = x.rows,
    d = x.cols;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new UsageError(`invalid k: ${k} (expected 1..${n})`);
  checkOption('covariance', covariance);
  const init = options.initLabels ?? kmeans(x, { k, seed }).labels;
  const resp = new Float64Array(n * k);
  for (let i = 0; i < n; i++) resp[i * k + init[i]!] = 1;
  let params = mStep(x, resp, k, covariance, regCovar, true);
  let lowerBound = -Infinity,
    converged = false,
    iterations = 0;
  for (let it = 1; it <= maxIter; it++) {
    iterations = it;
    const previous = lowerBound;
    const { meanLogProb, logResp } = eStep(x, params, k);
    for (let t = 0; t < logResp.length; t++) resp[t] = Math.exp(logResp[t]!);
    params = mStep(x, resp, k, covariance, regCovar, false);
    lowerBound = meanLogProb;
    if (Math.abs(lowerBound - previous) < tol) {
      converged = true;
      break;
    }
  }
  const { meanLogProb, logResp } = eStep(x, params, k);
  const labels = new Int32Array(n);
  const probabilities = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 0; j < k; j++) {
      probabilities[i * k + j] = Math.exp(logResp[i * k + j]!);
      if (logResp[i * k + j]! > logResp[i * k + best]!) best = j;
    }
    labels[i] = best;
  }
  const parameters = k - 1 + k * d + (covariance === 'full' ? (k * d * (d + 1)) / 2 : k * d);
  return {
    k,
    covariance,
    weights: Array.from(params.weights),
    means: params.means.map((m) => Array.from(m)),
    covariances: params.covariances.map((c) =>
      covariance === 'full' ? Array.from({ length: d }, (_, a) => Array.from(c.subarray(a * d, a * d + d))) : [Array.from(c)],
    ),
    score: meanLogProb,
    bic: -2 * meanLogProb * n + parameters * Math.log(n),
    iterations,
    converged,
    labels,
    probabilities,
  };
}

/** Mixture parameters as stored in a model. */
export interface GmmParameters {
  readonly covariance: CovarianceType;
  readonly weights: readonly number[];
  readonly means: readonly (readonly number[])[];
  /** Full: d × d per component; diag: one row of d variances per component. */
  readonly covariances: readonly (readonly (readonly number[])[])[];
}

/** Membership probabilities (n × k) and most probable components of new rows under fitted parameters. O(n · k · d²). */
export function gmmPosteriors(x: Matrix, p: GmmParameters): { labels: Int32Array; probabilities: Float64Array } {
  const k = p.weights.length;
  const params: Params = {
    covariance: p.covariance,
    weights: Float64Array.from(p.weights),
    means: p.means.map((m) => Float64Array.from(m)),
    covariances: p.covariances.map((c) => Float64Array.from(c.flat())),
  };
  const { logResp } = eStep(x, params, k);
  const labels = new Int32Array(x.rows);
  const probabilities = logResp.map(Math.exp);
  for (let i = 0; i < x.rows; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (logResp[i * k + j]! > logResp[i * k + best]!) best = j;
    labels[i] = best;
  }
  return { labels, probabilities };
}

interface Params {
  weights: Float64Array;
  means: Float64Array[];
  covariances: Float64Array[];
  covariance: CovarianceType;
}

function mStep(x: Matrix, resp: Float64Array, k: number, covariance: CovarianceType, reg: number, initial: boolean): Params {
  const n = x.rows,
    d = x.cols,
    X = x.data;
  const nk = new Float64Array(k).fill(10 * EPS);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) nk[j]! += resp[i * k + j]!;
  const means = Array.from({ length: k }, () => new Float64Array(d));
  for (let i = 0; i < n; i++)
    for (let j = 0; j < k; j++) {
      const r = resp[i * k + j]!;
      if (r !== 0) for (let t = 0; t < d; t++) means[j]![t]! += r * X[i * d + t]!;
    }
  for (let j = 0; j < k; j++) for (let t = 0; t < d; t++) means[j]![t]! /= nk[j]!;
  const covariances = means.map((mu, j) => {
    if (covariance === 'diag') {
      // scikit-learn's form: E[x²] − 2·μ·E[x] + μ² + reg
      const ex2 = new Float64Array(d),
        ex = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        const r = resp[i * k + j]!;
        for (let t = 0; t < d; t++) ((ex2[t]! += r * X[i * d + t]! * X[i * d + t]!), (ex[t]! += r * X[i * d + t]!));
      }
      return Float64Array.from({ length: d }, (_, t) => ex2[t]! / nk[j]! - (2 * mu[t]! * ex[t]!) / nk[j]! + mu[t]! * mu[t]! + reg);
    }
    const c = new Float64Array(d * d);
    const diff = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const r = resp[i * k + j]!;
      if (r === 0) continue;
      for (let t = 0; t < d; t++) diff[t] = X[i * d + t]! - mu[t]!;
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) c[a * d + b]! += r * diff[a]! * diff[b]!;
    }
    for (let a = 0; a < d * d; a++) c[a]! /= nk[j]!;
    for (let a = 0; a < d; a++) c[a * d + a]! += reg;
    return c;
  });
  // scikit-learn divides by n at initialisation and by Σ nk afterwards.
  const total = initial ? n : nk.reduce((s, v) => s + v, 0);
  return { weights: nk.map((v) => v / total), means, covariances, covariance };
}

/** Weighted log-probabilities, their per-row log-sum-exp mean, and log responsibilities. O(n · k · d²). */
function eStep(x: Matrix, p: Params, k: number): { meanLogProb: number; logResp: Float64Array } {
  const n = x.rows,
    d = x.cols,
    X = x.data;
  const logResp = new Float64Array(n * k);
  const constant = d * Math.log(2 * Math.PI);
  const factors = p.covariances.map((c) => (p.covariance === 'full' ? cholesky(c, d) : c));
  const z = new Float64Array(d);
  for (let j = 0; j < k; j++) {
    const L = factors[j]!,
      mu = p.means[j]!;
    let logDet = 0;
    if (p.covariance === 'full') for (let a = 0; a < d; a++) logDet += Math.log(L[a * d + a]!);
    else for (let a = 0; a < d; a++) logDet += 0.5 * Math.log(L[a]!);
    const logW = Math.log(p.weights[j]!);
    for (let i = 0; i < n; i++) {
      let maha = 0;
      if (p.covariance === 'full') {
        for (let a = 0; a < d; a++) {
          let s = X[i * d + a]! - mu[a]!;
          for (let b = 0; b < a; b++) s -= L[a * d + b]! * z[b]!;
          z[a] = s / L[a * d + a]!;
          maha += z[a]! * z[a]!;
        }
      } else {
        for (let a = 0; a < d; a++) {
          const diff = X[i * d + a]! - mu[a]!;
          maha += (diff * diff) / L[a]!;
        }
      }
      logResp[i * k + j] = logW - 0.5 * (constant + maha) - logDet;
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, logResp[i * k + j]!);
    let s = 0;
    for (let j = 0; j < k; j++) s += Math.exp(logResp[i * k + j]! - max);
    const norm = max + Math.log(s);
    total += norm;
    for (let j = 0; j < k; j++) logResp[i * k + j]! -= norm;
  }
  return { meanLogProb: total / n, logResp };
}

/** Lower Cholesky factor of a symmetric positive-definite d × d matrix (row-major). O(d³). */
function cholesky(a: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j]!;
      for (let t = 0; t < j; t++) s -= L[i * d + t]! * L[j * d + t]!;
      if (i === j) {
        if (!(s > 0))
          throw new UsageError(
            'a mixture component collapsed (its covariance is not positive definite); use fewer components, --covariance diag, or scale the data',
          );
        L[i * d + i] = Math.sqrt(s);
      } else L[i * d + j] = s / L[j * d + j]!;
    }
  }
  return L;
}
