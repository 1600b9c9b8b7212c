import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { readTable } from '../src/data/readTable.js';
import { fitPipeline } from '../src/preprocess/pipeline.js';
import { fromRows, type Matrix } from '../src/util/matrix.js';
import { createRandom } from '../src/util/random.js';

export const ROOT = resolve(import.meta.dirname, '..');
/** The repo's data/ folder: the public data sets the tests read, copied byte for byte (data/SOURCES.md); nothing outside the repo is read. */
export const DATA_DIR = resolve(ROOT, 'data');
export const MALL = join(DATA_DIR, 'mall_customers.csv');
export const INCOME = 'Annual Income (k$)';
export const SPENDING = 'Spending Score (1-100)';
/** The Online Retail log's columns as `segmenta rfm` flags. */
export const RETAIL_COLUMNS = ['--customer', 'CustomerID', '--date', 'InvoiceDate', '--quantity', 'Quantity', '--price', 'UnitPrice', '--invoice', 'InvoiceNo'];

/**
 * The header and first `lines` order lines of the Online Retail log, as the CSV `zcat | head -n lines+1` writes,
 * in `dir`: a real log from 2010-12-01 on, with every kind of line the cleaning drops (no customer, cancelled,
 * price 0), for tests that run it several times. Returns its path.
 */
export async function retailHead(lines: number, dir: string): Promise<string> {
  const out: string[] = [];
  const input = createInterface({ input: createReadStream(join(DATA_DIR, 'online_retail.csv.gz')).pipe(createGunzip()) });
  for await (const line of input) {
    out.push(line);
    if (out.length > lines) break;
  }
  input.close();
  const path = join(dir, `online_retail_${lines}.csv`);
  writeFileSync(path, out.join('\n') + '\n');
  return path;
}

/**
 * A gzip file that inflates to `head` and then `unit` repeated to at least `bytes`: one compressed block of
 * 8 MiB repeated as gzip members (which every gunzip reads on as one stream). Made in milliseconds, where one
 * gzipSync of 600 MB takes seconds of the test's time.
 */
export function gzipBomb(head: string, unit: string, bytes: number): Buffer {
  const blockBytes = unit.length * Math.floor((8 * 1024 * 1024) / unit.length);
  const block = gzipSync(Buffer.alloc(blockBytes, unit));
  return Buffer.concat([gzipSync(Buffer.from(head)), ...Array<Buffer>(Math.ceil(bytes / blockBytes)).fill(block)]);
}

/** The reference figures made by scripts/reference/mall_kmeans.py. */
export interface MallReference {
  sets: Record<
    string,
    {
      columns: string[];
      per_k: Array<{ k: number; inertia: number; silhouette: number; calinski_harabasz: number; davies_bouldin: number; labels: number[] }>;
      pca_explained_variance_ratio: number[];
    }
  >;
}
export const mallReference = (): MallReference => JSON.parse(readFileSync(join(ROOT, 'test/fixtures/mall_kmeans.json'), 'utf8'));

/** The Mall data standard-scaled on the given columns, as Segmenta's pipeline does it. */
export async function mallMatrix(columns: string[]): Promise<Matrix> {
  const table = await readTable(MALL);
  return fitPipeline(
    table,
    columns.map((c) => table.columns.find((x) => x.name === c)!),
  ).matrix;
}

const tempDirs: string[] = [];

/** A new empty folder under the system's temporary folder, removed when its test file ends (test/removeTempDirs.ts). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'segmenta-test-'));
  tempDirs.push(dir);
  return dir;
}

/** Removes every folder `tempDir` made so far (a full suite otherwise leaves ~2 GB of runs in the temporary folder). */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** What a CLI run gives back: its exit code and everything it wrote to stdout and stderr. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built CLI as a process of its own; returns exit code, stdout and stderr. For what only a process shows
 * (the entry point, signals, threads); other tests call `runCli` (test/cliInProcess.ts), the same `main` without a start-up.
 */
export function cli(args: string[], cwd = ROOT): CliResult {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Checks rows of a scoring query (key column, segment, segment_name, distance) against a run's segments.csv,
 * row by row in the same order: segments and names equal, distances to 1e-9.
 */
export function expectRowsMatchSegmentsCsv(rows: ReadonlyArray<Record<string, unknown>>, keyColumn: string, segmentsCsv: string): void {
  const expected = readFileSync(segmentsCsv, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  expect(rows).toHaveLength(expected.length);
  rows.forEach((row, i) => {
    expect(String(row[keyColumn])).toBe(expected[i]![0]);
    expect(Number(row['segment'])).toBe(Number(expected[i]![1]));
    expect(row['segment_name']).toBe(expected[i]![2]);
    expect(Math.abs(Number(row['distance']) - Number(expected[i]![3]))).toBeLessThan(1e-9);
  });
}

export { existsSync };

/** n rows of d columns around k seeded centres in [0, 10)^d with uniform noise ±1.5: overlapping blobs, which k-means takes many iterations to settle. */
export function blobs(n: number, d: number, k: number, seed: number): Matrix {
  const rng = createRandom(seed);
  const centers = Array.from({ length: k }, () => Array.from({ length: d }, () => rng.next() * 10));
  return fromRows(
    Array.from({ length: n }, () => {
      const c = centers[rng.int(k)]!;
      return c.map((v) => v + (rng.next() - 0.5) * 3);
    }),
  );
}
