import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectKey } from '../../src/data/detectKey.js';
import { readTable } from '../../src/data/readTable.js';
import { kmeansParallelInEngine } from '../../src/engine/kmeansParallelInEngine.js';
import type { SqlEngine } from '../../src/engine/sqlEngine.js';
import { fitPipeline, type Pipeline } from '../../src/preprocess/pipeline.js';
import { selectFeatures } from '../../src/preprocess/selectFeatures.js';
import { DATA_DIR } from '../helpers.js';
import { loadClickHouse, loadCsv, withEngine } from './engineFixtures.js';

const CC = join(DATA_DIR, 'cc_general.csv');
const urls: string[] = [];
let pipeline: Pipeline;

beforeAll(async () => {
  const table = await readTable(CC);
  pipeline = fitPipeline(table, selectFeatures(table, detectKey(table)).columns).pipeline;
  const db = await loadCsv(CC, 'cc_kmeans_parallel');
  urls.push(db.duckdb, db.postgres, (await loadClickHouse(CC, 'cc_kmeans_parallel')).url);
}, 120_000);

/** The engine with its dialect's choice of how squared distances are written turned to `named`. */
function withNamedDifferences(engine: SqlEngine, named: boolean): SqlEngine {
  return Object.create(engine, { dialect: { value: { ...engine.dialect, namedDifferences: named } } }) as SqlEngine;
}

describe('k-means|| in the engine', () => {
  it('gives the same candidates, bit for bit, whether the squared distances are summed from named differences or written inline (cc_general, k = 5, two rounds; DuckDB, PostgreSQL, ClickHouse)', async () => {
    for (const url of urls)
      await withEngine(url, async (engine) => {
        const seeded = (named: boolean) =>
          kmeansParallelInEngine(
            { engine: withNamedDifferences(engine, named), table: 'cc_kmeans_parallel', rows: 8950, pipeline, bounds: [] },
            { k: 5, seed: 3, rounds: 2, rowText: `CAST(${engine.dialect.ident('CUST_ID')} AS ${engine.dialect.text})` },
          );
        const [named, inline] = [await seeded(true), await seeded(false)];
        expect(named.rows, url).toBe(5);
        expect(Array.from(named.data), url).toEqual(Array.from(inline.data));
      });
  });
});
