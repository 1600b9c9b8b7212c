import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { readTable } from '../src/data/readTable.js';
import { fitPipeline } from '../src/preprocess/pipeline.js';
import type { Matrix } from '../src/util/matrix.js';

export const ROOT = resolve(import.meta.dirname, '..');
/** The public data sets the tests read, copied byte for byte into the repo (data/SOURCES.md). */
export const SHARED = resolve(ROOT, 'data');
export const MALL = join(SHARED, 'mall_customers.csv');
export const INCOME = 'Annual Income (k$)';
export const SPENDING = 'Spending Score (1-100)';
/** The Online Retail log's columns as `segmenta rfm` flags. */
export const RETAIL_COLUMNS = ['--customer', 'CustomerID', '--date', 'InvoiceDate', '--quantity', 'Quantity', '--price', 'UnitPrice', '--invoice', 'InvoiceNo'];

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
