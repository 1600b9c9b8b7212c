import { OPTION_DEFAULTS } from '../../options/segmentOptions.js';
import { kprototypes, type KPrototypesFit } from '../kprototypes.js';
import { mixedFromMatrix, mixedLayout } from '../mixedFromMatrix.js';
import { PLAIN_PLAN, type ClusterMethod } from './clusterMethod.js';
import { meansFit } from './meansFit.js';

/**
 * k-prototypes on the scaled numbers and category codes of the same preprocessing; γ (the weight of a
 * category mismatch) is given or Huang's heuristic, found on the first fit and kept for the others.
 */
export const KPROTOTYPES_METHOD: ClusterMethod<'kprototypes'> = {
  name: 'kprototypes',
  plan(x, pipeline, options) {
    const layout = mixedLayout(pipeline);
    const data = mixedFromMatrix(x, layout);
    const seed = options.seed ?? OPTION_DEFAULTS.seed;
    let gamma = options.gamma;
    return {
      ...PLAIN_PLAN,
      method: 'kprototypes',
      fitK: (k) => {
        const fit: KPrototypesFit = kprototypes(data, { k, gamma, seed, nInit: options.nInit === 'auto' ? undefined : options.nInit });
        gamma = fit.gamma;
        return { ...meansFit(x, fit.labels, k, { method: 'kprototypes', fit, layout }), iterations: fit.iterations, converged: fit.converged };
      },
      parameters(fit, order) {
        if (fit.details?.method !== 'kprototypes') throw new Error('a k-prototypes fit without its prototypes');
        const kp = fit.details.fit;
        return {
          kprototypes: { gamma: kp.gamma, layout, numeric: order.map((j) => kp.numeric[j]!), categorical: order.map((j) => kp.categorical[j]!) },
        };
      },
      info: () => ({
        method: 'kprototypes',
        gamma,
        gammaRule: options.gamma === undefined ? "Huang's heuristic: half the mean standard deviation of the numeric features" : 'given',
      }),
    };
  },
};
