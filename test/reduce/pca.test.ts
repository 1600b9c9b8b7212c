import { describe, expect, it } from 'vitest';
import { pca, pcaProject } from '../../src/reduce/pca.js';
import { INCOME, mallMatrix, mallReference, SPENDING } from '../helpers.js';

describe('pca(x)', () => {
  it('explained variance ratios equal scikit-learn’s on the Mall data', async () => {
    const ref = mallReference().sets['age_income_spending']!;
    const fit = pca(await mallMatrix(['Age', INCOME, SPENDING]));
    fit.explainedVarianceRatio.forEach((v, i) => expect(v).toBeCloseTo(ref.pca_explained_variance_ratio[i]!, 10));
    expect(fit.coordinates.cols).toBe(3);
  });
  it('components are orthonormal and projecting the training rows gives the stored coordinates', async () => {
    const x = await mallMatrix(['Age', INCOME, SPENDING]);
    const fit = pca(x, 2);
    for (const a of fit.components)
      for (const b of fit.components) {
        const dot = a.reduce((s, v, i) => s + v * b[i]!, 0);
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 10);
      }
    expect(Array.from(pcaProject(fit, x, 2).data)).toEqual(Array.from(fit.coordinates.data));
  });
  it('a 2-feature input has 2 components whose ratios sum to 1', async () => {
    const fit = pca(await mallMatrix([INCOME, SPENDING]));
    expect(fit.components.length).toBe(2);
    expect(fit.explainedVarianceRatio[0]! + fit.explainedVarianceRatio[1]!).toBeCloseTo(1, 12);
  });
});
