import { describe, expect, it } from 'vitest';
import { customerValue } from '../../src/clv/clv.js';
import { fitGammaGamma } from '../../src/clv/gammaGamma.js';
import { CDNOW, columns, lightClustering } from './cdnowFixture.js';

// A fit is synchronous and can take a minute on a large log (Pareto/NBD under --purchase-model auto): the
// analysis says which fit it is in, and each fit's iterations refresh the progress line.
const rfm = { clustering: lightClustering };

describe('customer value reports its stages', () => {
  it('a fit hears each of its iterations, numbered from 1, and no more than it ran', () => {
    const heard: number[] = [];
    const spends = Array.from({ length: 200 }, (_, i) => ({ x: 1 + (i % 7), mx: 10 + ((i * 37) % 90) }));
    const fit = fitGammaGamma(spends, (iteration) => heard.push(iteration));
    expect(fit.iterations).toBeGreaterThan(3);
    expect(heard).toEqual(Array.from({ length: heard.length }, (_, i) => i + 1));
    expect(heard.length).toBeGreaterThanOrEqual(fit.iterations);
    expect(heard.length).toBeLessThanOrEqual(fit.iterations + 1);
  });

  it('names the purchase model, the value model and the RFM step; auto names each model it compares, of how many', async () => {
    const stages = async (purchaseModel?: 'auto'): Promise<string[]> => {
      const said: string[] = [];
      await customerValue(CDNOW, {
        ...columns,
        calibrationEnd: '1997-09-30',
        rfm,
        // The stages; a fit's iterations come with their number, each at most every quarter second.
        onProgress: (s, iteration) => iteration === undefined && said.push(s),
        ...(purchaseModel ? { purchaseModel } : {}),
      });
      return said;
    };
    expect(await stages()).toEqual(['fitting the purchase model (BG/NBD)', 'fitting the value model (Gamma-Gamma)', 'segmenting the same customers by RFM']);
    // BG/BB counts whole weeks, which CDNOW's purchase days are not: it is left out, and not announced.
    expect(await stages('auto')).toEqual([
      'comparing the purchase models: BG/NBD (1 of 4)',
      'comparing the purchase models: MBG/NBD (2 of 4)',
      'comparing the purchase models: Pareto/NBD (3 of 4)',
      'fitting the value model (Gamma-Gamma)',
      'segmenting the same customers by RFM',
    ]);
  });
});
