import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/data/readTable.js';
import { STUDIO_READ_LIMITS } from '../../src/data/readLimits.js';
import { tempDir } from '../helpers.js';
import { writeHostileFiles } from './hostileFiles.js';
import { runCli } from '../cliInProcess.js';

const dir = tempDir();
const f = writeHostileFiles(dir);

/** Runs `segmenta run FILE` into a fresh folder: exit code, stderr, and whether anything was written. */
async function run(file: string, ...args: string[]) {
  const out = join(tempDir(), 'out');
  const r = await runCli(['run', file, '--out', out, '--quiet', ...args]);
  return { ...r, wrote: existsSync(out) };
}

describe('readers refuse what they cannot read faithfully (one line, exit 3, nothing written)', () => {
  it('a truncated .gz is refused, not read as half the customers', async () => {
    const r = await run(f['truncated.csv.gz']!);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/truncated\.csv\.gz is a damaged or truncated gzip file/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.wrote).toBe(false);
  });

  it('a gzip that inflates past the limit is refused before it is read', async () => {
    await expect(readTable(f['bomb.csv.gz']!, { limits: { ...STUDIO_READ_LIMITS, maxDecompressedBytes: 16 * 1024 * 1024 } })).rejects.toThrow(
      /inflates to more than 16 MB/,
    );
  });

  it('10,000 columns are refused by the column limit (and --max-columns raises it)', async () => {
    const r = await run(f['wide.csv']!);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/has 10,000 columns; Segmenta reads at most 1,000 \(raise it with --max-columns/);
    expect(r.wrote).toBe(false);
  });

  it('cells past the cell limit are refused', async () => {
    await expect(readTable(f['hex.csv']!, { limits: { ...STUDIO_READ_LIMITS, maxCells: 60 } })).rejects.toThrow(/more than 60 cells/);
    // Text is held to a tighter limit (hex.csv's "visits" column is text: 41 text cells).
    await expect(readTable(f['hex.csv']!, { limits: { ...STUDIO_READ_LIMITS, maxTextCells: 40 } })).rejects.toThrow(
      /more than 40 text cells \(rows × text columns\); keep fewer rows or columns, or use the command line/,
    );
  });

  it('hexadecimal is text, not a number: "0x1F" is named, not read as 31', async () => {
    const t = await readTable(f['hex.csv']!);
    expect(t.columns.find((c) => c.name === 'visits')!.kind).toBe('string');
    const r = await run(f['hex.csv']!);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/column "visits" holds numbers but row 1 is "0x1F"/);
  });

  it('rows with more fields than the header are named by line, not blamed on free text', async () => {
    const r = await run(f['ragged.csv']!);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/line 3 has 4 fields where the header has 3/);
    // A one-column file whose quoted header holds the delimiter is not ragged.
    const quoted = join(dir, 'quoted-header.csv');
    writeFileSync(quoted, '"a,b"\n1\n2\n3\n');
    expect((await readTable(quoted)).columns.map((c) => c.name)).toEqual(['a,b']);
  });

  it('a Latin-1 accent after the first 64 KiB is read as Latin-1', async () => {
    const t = await readTable(f['latin1-late.csv']!);
    expect(t.rowCount).toBe(6001);
    const names = t.columns.find((c) => c.name === 'name')!;
    expect(names.kind === 'string' && names.values[6000]).toBe('Café');
  });

  it('UTF-16 big-endian with a BOM is read, with every row', async () => {
    const t = await readTable(f['utf16be.csv']!);
    expect(t.rowCount).toBe(60);
    expect(t.columns.map((c) => c.name)).toEqual(['id', 'visits', 'spend']);
    expect(t.source?.path).toBe(f['utf16be.csv']);
  });

  it('old Mac line endings (CR only) are read as lines, not as one row of 120 columns', async () => {
    const t = await readTable(f['cr-only.csv']!);
    expect([t.rowCount, t.columns.map((c) => c.name)]).toEqual([40, ['id', 'visits', 'spend']]);
  });

  it('a category with 30,000 levels runs (the report and profiles draw the 15–20 most frequent and one "other")', async () => {
    const out = join(tempDir(), 'out');
    const r = await runCli(['run', f['many-levels.csv']!, '--features', 'note,visits', '--k', '2', '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      data: { rows: number };
      segments: Array<{ size: number; levels: Array<{ level: string; share: number; populationShare: number }> }>;
    };
    expect(summary.segments[0]!.levels).toHaveLength(21);
    expect(summary.segments[0]!.levels.at(-1)!.level).toBe('(29980 other levels)');
    // The segments' "other" shares add up to the population's: the same levels are grouped in both.
    const other = summary.segments.map((s) => s.levels.at(-1)!);
    const customers = summary.segments.reduce((t, s, j) => t + s.size * other[j]!.share, 0);
    expect(customers / summary.data.rows).toBeCloseTo(other[0]!.populationShare, 9);
    expect(other[0]!.populationShare).toBeGreaterThan(0.9);
  });

  it('values whose squares overflow (1e307) are refused with the column, row and what to do', async () => {
    const r = await run(f['huge-values.csv']!);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/column "a" row 1 holds 1e\+307.*whose square overflows; rescale the column/);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});

describe('run refuses features that would mislead', () => {
  const mall = join(import.meta.dirname, '../../data/mall_customers.csv');
  it('a feature named twice (it would weigh double)', async () => {
    const r = await run(mall, '--features', 'Age,Age');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--features names "Age" twice/);
    expect(r.wrote).toBe(false);
  });
  it('the customer key as a feature', async () => {
    const r = await run(mall, '--features', 'CustomerID,Age');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"CustomerID", the customer key/);
  });
  it('the original file is never changed', () => {
    expect(readFileSync(mall, 'utf8').split('\n')[0]).toMatch(/^CustomerID,/);
  });
});
