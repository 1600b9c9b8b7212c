import { describe, expect, it } from 'vitest';
import { tableFromRecords } from '../../src/data/table.js';
import { fitPipeline, transformTable } from '../../src/preprocess/pipeline.js';
import { fitScaling } from '../../src/preprocess/scaling.js';

const records = Array.from({ length: 200 }, (_, i) => ({
  spend: i % 10 === 0 ? null : (i * 37) % 101,
  city: i === 5 ? null : i < 120 ? 'Paris' : i < 199 ? 'Lyon' : 'Nice',
}));
const table = tableFromRecords(records);

describe('fitPipeline(table, features)', () => {
  it('imputes the median and the mode, reports counts, groups rare levels as other', () => {
    const { pipeline, report, matrix } = fitPipeline(table, table.columns);
    expect(report.imputed).toEqual([
      // The median of the 180 present values (i · 37) mod 101, worked out by hand: the 90th and 91st of them sorted.
      { column: 'spend', count: 20, value: 48.5 },
      { column: 'city', count: 1, value: 'Paris' },
    ]);
    expect(report.encoded).toEqual([{ column: 'city', levels: ['Paris', 'Lyon'], groupedAsOther: ['Nice'] }]);
    expect(pipeline.outputNames).toEqual(['spend', 'city=Paris', 'city=Lyon', 'city=other']);
    for (let j = 0; j < matrix.cols; j++) {
      let s = 0;
      for (let i = 0; i < matrix.rows; i++) s += matrix.data[i * matrix.cols + j]!;
      expect(s / matrix.rows).toBeCloseTo(0, 12);
    }
  });

  it('replays on new data exactly as fitted, unseen levels counting as other', () => {
    const { pipeline, matrix } = fitPipeline(table, table.columns);
    expect(Array.from(transformTable(pipeline, table).data)).toEqual(Array.from(matrix.data));
    const fresh = transformTable(pipeline, tableFromRecords([{ spend: 50, city: 'Marseille' }]));
    const otherCol = pipeline.outputNames.indexOf('city=other');
    const step = pipeline.steps[1]!;
    expect(step.kind).toBe('category');
    if (step.kind === 'category') expect(fresh.data[otherCol]).toBeCloseTo((1 - step.centers[2]!) / step.scales[2]!, 12);
  });

  it('fills missing numbers with the mean on request', () => {
    const t = tableFromRecords([{ x: 1 }, { x: 2 }, { x: 9 }, { x: null }]);
    expect(fitPipeline(t, t.columns, { impute: 'mean' }).report.imputed[0]!.value).toBe(4);
    expect(fitPipeline(t, t.columns).report.imputed[0]!.value).toBe(2);
  });

  it('log1p on request and auto only for skewed non-negative columns', () => {
    const skewed = tableFromRecords(Array.from({ length: 100 }, (_, i) => ({ money: Math.exp(i / 10), flat: i })));
    expect(fitPipeline(skewed, skewed.columns, { log: 'auto' }).report.logged).toEqual(['money']);
    expect(fitPipeline(skewed, skewed.columns, { log: ['flat'] }).pipeline.outputNames).toEqual(['money', 'log1p(flat)']);
  });
});

describe('fitScaling(values, kind)', () => {
  const v = [1, 2, 3, 4, 100];
  it('standard uses the population std, robust the median and IQR, minmax the range', () => {
    const s = fitScaling(v, 'standard');
    expect(s.center).toBe(22);
    expect(s.scale).toBeCloseTo(Math.sqrt((21 ** 2 + 20 ** 2 + 19 ** 2 + 18 ** 2 + 78 ** 2) / 5), 12);
    expect(fitScaling(v, 'robust')).toEqual({ center: 3, scale: 2 });
    expect(fitScaling(v, 'minmax')).toEqual({ center: 1, scale: 99 });
    expect(fitScaling(v, 'none')).toEqual({ center: 0, scale: 1 });
    expect(fitScaling([5, 5, 5], 'standard').scale).toBe(1);
  });
});
