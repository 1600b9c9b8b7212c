import { requirePackage } from '../util/requirePackage.js';

const { Matrix, inverse } = requirePackage('ml-matrix') as typeof import('ml-matrix');

/** A log-likelihood over positive parameters with its gradient (both at `params`). */
export interface LogLikelihood {
  value(params: readonly number[]): number;
  gradient(params: readonly number[]): number[];
}

/** A maximum-likelihood fit: parameters, their standard errors, the log-likelihood and the iterations taken. */
export interface LikelihoodFit {
  readonly params: number[];
  /** From the inverse of the observed information (the negative Hessian, by differences of the gradient). */
  readonly standardErrors: number[];
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Called at the start of each iteration of a fit with its number (1, 2, …): for progress only. */
export type OnIteration = (iteration: number) => void;

/**
 * Maximises a log-likelihood over positive parameters by BFGS on their logarithms (so they stay positive)
 * with a backtracking line search and steps of at most a factor e² per parameter, from `start`. Stops when the gradient (in log space) is below 1e-7 per
 * parameter or after 1,000 iterations. Deterministic. O(iterations × cost of the gradient).
 */
export function maximizeLikelihood(ll: LogLikelihood, start: readonly number[], onIteration?: OnIteration): LikelihoodFit {
  const n = start.length;
  const f = (theta: number[]): number => {
    const v = -ll.value(theta.map(Math.exp));
    return Number.isFinite(v) ? v : Infinity;
  };
  const g = (theta: number[]): number[] => {
    const p = theta.map(Math.exp);
    return ll.gradient(p).map((d, i) => -d * p[i]!);
  };
  let theta = start.map(Math.log);
  let fx = f(theta);
  let grad = g(theta);
  let h = identity(n); // inverse Hessian estimate
  let iterations = 0;
  let converged = false;
  const history: number[] = [];
  for (; iterations < 1000; iterations++) {
    if (Math.max(...grad.map(Math.abs)) < 1e-7) {
      converged = true;
      break;
    }
    onIteration?.(iterations + 1);
    let dir = h.map((row) => -dot(row, grad));
    if (dot(dir, grad) >= 0) {
      h = identity(n);
      dir = grad.map((v) => -v);
    }
    // At most a factor e² per parameter in one step: a first step along a large gradient would otherwise
    // land where the log-gamma differences lose every digit and the likelihood reads as a false 0.
    const longest = Math.max(...dir.map(Math.abs));
    if (longest > 2) dir = dir.map((v) => (v * 2) / longest);
    let step = 1;
    let next = theta;
    let fNext = Infinity;
    for (let tries = 0; tries < 60; tries++) {
      next = theta.map((t, i) => t + step * dir[i]!);
      fNext = f(next);
      if (fNext <= fx + 1e-4 * step * dot(grad, dir)) break;
      step /= 2;
    }
    if (!(fNext < fx) && !(fNext <= fx)) break;
    const gNext = g(next);
    const s = next.map((t, i) => t - theta[i]!);
    const y = gNext.map((v, i) => v - grad[i]!);
    const sy = dot(s, y);
    if (sy > 1e-12) {
      const hy = h.map((row) => dot(row, y));
      const yhy = dot(y, hy);
      h = h.map((row, i) => row.map((v, j) => v + ((sy + yhy) * s[i]! * s[j]!) / (sy * sy) - (hy[i]! * s[j]! + s[i]! * hy[j]!) / sy));
    }
    const improvement = fx - fNext;
    theta = next;
    fx = fNext;
    grad = gNext;
    if (improvement >= 0 && improvement < 1e-14 * Math.max(1, Math.abs(fx)) && Math.max(...grad.map(Math.abs)) < 1e-4) {
      converged = true;
      break;
    }
    // A maximum at the edge of the parameter space (a Beta whose a and b grow without bound, a rate that goes
    // to 0) is approached forever: once STALL_ITERATIONS together gain less than 10⁻⁹ of the likelihood, the
    // fit has reached all it can; the drifting parameters are then warned about by the caller.
    history.push(fx);
    if (history.length > STALL_ITERATIONS && history[history.length - 1 - STALL_ITERATIONS]! - fx < 1e-9 * Math.max(1, Math.abs(fx))) {
      converged = true;
      break;
    }
  }
  const params = theta.map(Math.exp);
  return { params, standardErrors: standardErrors(ll, params), logLikelihood: -fx, iterations, converged };
}

/** Iterations over which a fit that keeps moving must still gain something. */
const STALL_ITERATIONS = 25;

/** Standard errors: √diag of the inverse negative Hessian, the Hessian by central differences of the gradient; NaN where that diagonal is not positive. */
function standardErrors(ll: LogLikelihood, params: number[]): number[] {
  const n = params.length;
  const hess = Matrix.zeros(n, n);
  for (let j = 0; j < n; j++) {
    const step = 1e-5 * params[j]!;
    const up = ll.gradient(params.map((p, i) => (i === j ? p + step : p)));
    const down = ll.gradient(params.map((p, i) => (i === j ? p - step : p)));
    for (let i = 0; i < n; i++) hess.set(i, j, -(up[i]! - down[i]!) / (2 * step));
  }
  const sym = hess.add(hess.transpose()).mul(0.5);
  try {
    const cov = inverse(sym);
    // A variance that is not positive (the information matrix not positive definite: a parameter at the edge
    // of its range, where the likelihood is flat) defines no standard error: NaN, shown as "–", never 0.
    return params.map((_, i) => (cov.get(i, i) > 0 ? Math.sqrt(cov.get(i, i)) : NaN));
  } catch {
    return params.map(() => NaN);
  }
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * A log-likelihood whose gradient is taken by central differences (a step of 10⁻⁵ of each parameter), for
 * models whose closed-form derivatives would need ₂F₁'s own (Pareto/NBD). Costs 2 × parameters values per gradient.
 */
export function withNumericGradient(value: (params: readonly number[]) => number): LogLikelihood {
  return {
    value,
    gradient: (params) =>
      params.map((p, i) => {
        const h = 1e-5 * p;
        const up = params.map((q, j) => (j === i ? q + h : q));
        const down = params.map((q, j) => (j === i ? q - h : q));
        return (value(up) - value(down)) / (2 * h);
      }),
  };
}
