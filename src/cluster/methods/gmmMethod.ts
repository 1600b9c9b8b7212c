import { OPTION_DEFAULTS } from '../../options/segmentOptions.js';
import { gmm, type GmmFit } from '../gmm.js';
import type { ClusterFit } from '../clusterFit.js';
import type { ClusterMethod } from './clusterMethod.js';
import { meansFit } from './meansFit.js';

/**
 * A Gaussian mixture per k, started from k-means labels (labels = most probable component); k is chosen by
 * BIC; the model keeps weights, means and covariances and every customer's membership probabilities.
 */
export const GMM_METHOD: ClusterMethod<'gmm'> = {
  name: 'gmm',
  plan(x, _pipeline, options) {
    const covariance = options.covariance ?? OPTION_DEFAULTS.covariance;
    const seed = options.seed ?? OPTION_DEFAULTS.seed;
    return {
      method: 'gmm',
      byBic: true,
      fitK: (k) => {
        const fit: GmmFit = gmm(x, { k, covariance, seed });
        const warnings = fit.converged ? [] : [`the mixture with k = ${k} did not converge in ${fit.iterations} EM iterations`];
        return { ...meansFit(x, fit.labels, k, { method: 'gmm', fit }, { bic: fit.bic }), iterations: fit.iterations, converged: fit.converged, warnings };
      },
      votes: () => [],
      parameters(fit, order) {
        const g = gmmOf(fit);
        return {
          gmm: {
            covariance: g.covariance,
            weights: order.map((j) => g.weights[j]!),
            means: order.map((j) => g.means[j]!),
            covariances: order.map((j) => g.covariances[j]!),
          },
        };
      },
      probabilities: (fit, order) => reorderColumns(gmmOf(fit).probabilities, order),
      info: () => ({ method: 'gmm', covariance }),
    };
  },
};

/** The mixture of a fit made by this method. */
function gmmOf(fit: ClusterFit): GmmFit {
  if (fit.details?.method !== 'gmm') throw new Error('a mixture fit without its parameters');
  return fit.details.fit;
}

/** Columns of an n × k row-major matrix permuted so that new column j is old column order[j]. O(n · k). */
function reorderColumns(values: Float64Array, order: readonly number[]): Float64Array {
  const k = order.length,
    out = new Float64Array(values.length);
  for (let i = 0; i < values.length / k; i++) order.forEach((old, j) => (out[i * k + j] = values[i * k + old]!));
  return out;
}
