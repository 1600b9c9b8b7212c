import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cutTree } from '../../src/cluster/hierarchical/cutTree.js';
import { linkage } from '../../src/cluster/hierarchical/linkage.js';
import { readTable } from '../../src/data/readTable.js';
import { adjustedRandIndex } from '../../src/metrics/adjustedRandIndex.js';
import { fitPipeline } from '../../src/preprocess/pipeline.js';
import { fromRows } from '../../src/util/matrix.js';
import { ROOT, DATA_DIR } from '../helpers.js';

const ref = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/methods.json'), 'utf8'));

describe('linkage(x, method) against scipy 1.10 and scikit-learn 1.2', () => {
  for (const [name, file] of [
    ['mall', 'mall_customers.csv'],
    ['wholesale', 'wholesale_customers.csv'],
  ] as const) {
    for (const method of ['ward', 'complete', 'average'] as const) {
      it(`${name}, ${method}: merge heights equal scipy's within 1e-9, cuts equal AgglomerativeClustering (ARI = 1)`, async () => {
        const table = await readTable(join(DATA_DIR, file));
        const x = fitPipeline(
          table,
          ref.linkage[name].columns.map((c: string) => table.columns.find((t) => t.name === c)!),
        ).matrix;
        const Z = linkage(x, method);
        const R = ref.linkage[name][method].Z as number[][];
        expect(Z.length).toBe(R.length);
        // Heights row by row; merge sizes too, except where tied heights let merges come in another order.
        Z.forEach((z, i) => {
          expect(Math.abs(z.height / R[i]![2]! - 1)).toBeLessThan(1e-9);
          const tied = R.some((o, j) => j !== i && Math.abs(o[2]! - R[i]![2]!) < 1e-9 * R[i]![2]!);
          if (!tied) expect(z.size).toBe(R[i]![3]);
        });
        for (const [k, labels] of Object.entries(ref.linkage[name][method].labels as Record<string, number[]>)) {
          expect(adjustedRandIndex(cutTree(Z, Number(k)), labels)).toBe(1);
        }
      });
    }
  }
});

describe('cutTree and the matrix limit', () => {
  it('cuts a small tree by k', () => {
    const x = fromRows([[0], [1], [10], [11], [30]]);
    const Z = linkage(x, 'single');
    expect(Array.from(cutTree(Z, 3))).toEqual([0, 0, 1, 1, 2]);
    expect(Array.from(cutTree(Z, 1))).toEqual([0, 0, 0, 0, 0]);
    expect(Z.map((m) => m.height)).toEqual([1, 1, 9, 19]);
  });
  it('refuses a distance matrix too large for the machine, naming the way out', () => {
    const big = { rows: 40_000, cols: 1, data: new Float64Array(40_000) };
    expect(() => linkage(big, 'average')).toThrow(/average linkage on 40,000 rows needs a 6\.4 GB distance matrix.*use --linkage ward/);
  });
});
