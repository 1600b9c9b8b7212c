import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lloyd } from '../../src/cluster/lloyd.js';
import { readTable } from '../../src/data/readTable.js';
import { lloydInEngine } from '../../src/engine/lloydInEngine.js';
import { fitPipeline } from '../../src/preprocess/pipeline.js';
import { fromRows } from '../../src/util/matrix.js';
import { tempDir } from '../helpers.js';
import { loadCsv, withEngine } from './engineFixtures.js';

// scikit-learn's test_relocate_empty_clusters, through the Lloyd that runs as SQL: ten values on a line, three
// centres all at −10, so every row goes to centre 1 and centres 2 and 3 are empty.
describe('Lloyd as SQL on a case computed by hand', () => {
  it('one iteration relocates the two empty centres to 10 and 9.5 and the first to −4.5, in DuckDB and PostgreSQL, as in memory', async () => {
    const csv = join(tempDir(), 'line10.csv');
    writeFileSync(csv, ['id,v', ...[-10, -9.5, -9, -8.5, -8, -1, 1, 9, 9.5, 10].map((v, i) => `${i + 1},${v}`)].join('\n') + '\n');
    const table = await readTable(csv);
    const { pipeline, matrix } = fitPipeline(table, [table.columns[1]!], { scale: 'none' });
    const init = fromRows([[-10], [-10], [-10]]);
    const memory = lloyd({ x: matrix, init, weights: undefined, maxIter: 1, tolAbs: 0 });
    expect([Array.from(memory.centers.data), memory.relocations]).toEqual([[-4.5, 10, 9.5], 2]);
    const urls = await loadCsv(csv, 'line10');
    for (const url of [urls.duckdb, urls.postgres]) {
      await withEngine(url, async (engine) => {
        const run = await lloydInEngine({ engine, table: 'line10', rows: 10, pipeline, bounds: [10] }, init, { maxIter: 1 });
        expect([Array.from(run.centers.data), run.relocations, run.iterations], url.split(':')[0]).toEqual([[-4.5, 10, 9.5], 2, 1]);
        // Run on, it converges where the in-memory Lloyd does.
        const done = await lloydInEngine({ engine, table: 'line10', rows: 10, pipeline, bounds: [10] }, init, { maxIter: 50 });
        const full = lloyd({ x: matrix, init, weights: undefined, maxIter: 50, tolAbs: 0 });
        expect(Array.from(done.centers.data)).toEqual(Array.from(full.centers.data));
      });
    }
  });
});
