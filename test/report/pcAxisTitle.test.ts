import { describe, expect, it } from 'vitest';
import { pcAxisTitle } from '../../src/report/buildReportData.js';

describe('pcAxisTitle', () => {
  it('names a component by its share of variance and its two largest loadings, signed', () => {
    const fit = {
      components: [
        [0.1, -0.7, 0.7],
        [0.99, 0.05, 0.1],
      ],
      explainedVarianceRatio: [0.452, 0.331],
    };
    const inputs = ['Age', 'Annual Income (k$)', 'log1p(Spending_Score)'];
    expect(pcAxisTitle(fit, inputs, 0)).toBe('PC1, 45.2% of variance: − Annual income, + Spending score (log)');
    expect(pcAxisTitle(fit, inputs, 1)).toBe('PC2, 33.1% of variance: + Age, + Spending score (log)');
    expect(pcAxisTitle({ components: [[0.6, 0.8]], explainedVarianceRatio: [1] }, ['Gender=Male', 'Region=2'], 0)).toBe(
      'PC1, 100.0% of variance: + Region 2, + Gender Male',
    );
  });
});
