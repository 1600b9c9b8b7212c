import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/data/readTable.js';
import { predict } from '../../src/model/predict.js';
import { validateModel } from '../../src/model/validateModel.js';
import { SegmentaError } from '../../src/util/errors.js';
import type { Table } from '../../src/data/table.js';
import { MALL, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

// Seeded: the same cases on every run (a failure prints its seed and shrunk counterexample).
const SEED = 20261127;
const dir = tempDir();
let fileNo = 0;
const write = (name: string, content: Uint8Array | string): string => {
  const path = join(dir, `${fileNo++}-${name}`);
  writeFileSync(path, content);
  return path;
};

/** Cells a hostile or careless CSV holds. */
const cell = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ noNaN: false, noDefaultInfinity: false }).map(String),
  fc.constantFrom(
    '',
    'NA',
    'null',
    '-',
    '?',
    '0x1F',
    '1e308',
    '1_000',
    '١٢',
    'NaN',
    'inf',
    '=HYPERLINK("x")',
    '<img src=x>',
    'Café',
    '"',
    '""',
    ',',
    ';',
    '\t',
    '\n',
    '\r\n',
    'a"b',
    '𝔘𝔫𝔦',
  ),
  fc.string({ maxLength: 12 }),
);
const csvField = (v: string, d: string): string => (/["\r\n]/.test(v) || v.includes(d) ? `"${v.replaceAll('"', '""')}"` : v);
/** A random CSV: header, rows (maybe ragged), delimiter, line ending, BOM, trailing newline. */
const csvFile = fc
  .record({
    names: fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('id', 'CustomerID', 'Age', 'Age', '', ' ', 'a,b', '"q"')), {
      minLength: 1,
      maxLength: 6,
    }),
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 7 }), { minLength: 0, maxLength: 25 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    eol: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    trailing: fc.boolean(),
    gzip: fc.boolean(),
  })
  .map(({ names, rows, delimiter, eol, bom, trailing, gzip }) => {
    const lines = [names, ...rows].map((r) => r.map((v) => csvField(v, delimiter)).join(delimiter));
    const text = (bom ? '\uFEFF' : '') + lines.join(eol) + (trailing ? eol : '');
    return { text, gzip, bytes: gzip ? gzipSync(Buffer.from(text)) : Buffer.from(text) };
  });

/** readTable's contract: a table whose columns all have rowCount values, or a one-line SegmentaError. */
async function expectTableOrDataError(path: string): Promise<Table | undefined> {
  try {
    const t = await readTable(path);
    expect(t.rowCount).toBeGreaterThan(0);
    for (const c of t.columns) expect(c.values.length).toBe(t.rowCount);
    return t;
  } catch (e) {
    expect(e, String((e as Error).stack)).toBeInstanceOf(SegmentaError);
    expect((e as Error).message).not.toMatch(/\n/);
    return undefined;
  }
}

/** The CLI's contract: exit 0 with whole outputs, or exit 2/3 with one line and nothing written. */
async function expectRunContract(file: string): Promise<void> {
  const out = join(tempDir(), 'out');
  const r = await runCli(['run', file, '--out', out, '--quiet', '--no-report', '--k', '2']);
  if (r.code === 0) {
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { data: { rows: number } };
    expect(summary.data.rows).toBeGreaterThan(0);
    expect((await readTable(join(out, 'segments.csv'))).rowCount).toBe(summary.data.rows);
    return;
  }
  expect([2, 3], r.stderr).toContain(r.code);
  expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(/^segmenta: error: /);
  expect(existsSync(out)).toBe(false);
}

describe('property: the readers either read a table or refuse it in one line', () => {
  it('random bytes under every file name', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 400 }),
        fc.constantFrom('csv', 'tsv', 'json', 'ndjson', 'parquet', 'csv.gz', 'txt'),
        async (bytes, ext) => {
          await expectTableOrDataError(write(`random.${ext}`, bytes));
        },
      ),
      { seed: SEED, numRuns: 120 },
    );
  }, 120_000);

  it('random CSV grammars (quotes, delimiters, BOM, CRLF, ragged rows, hostile cells, gzip)', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, async (f) => {
        await expectTableOrDataError(write(f.gzip ? 'grammar.csv.gz' : 'grammar.csv', f.bytes));
      }),
      { seed: SEED, numRuns: 150 },
    );
  }, 120_000);

  it('random JSON documents as .json', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.array(fc.dictionary(fc.constantFrom('a', 'b', 'id', 'x y'), fc.jsonValue()), { minLength: 1, maxLength: 8 }).map((rows) => JSON.stringify(rows)),
        ),
        async (text) => {
          await expectTableOrDataError(write('doc.json', text));
        },
      ),
      { seed: SEED, numRuns: 80 },
    );
  }, 120_000);

  it('segmenta run on random CSVs and bytes: exit 0 with whole outputs, or exit 2/3, one line, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          csvFile.map((f) => ({ name: f.gzip ? 'c.csv.gz' : 'c.csv', bytes: f.bytes as Uint8Array })),
          fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => ({ name: 'b.csv', bytes })),
        ),
        async (f) => {
          await expectRunContract(write(f.name, f.bytes));
        },
      ),
      { seed: SEED, numRuns: 25 },
    );
  }, 300_000);
});

describe('property: the model loader accepts a valid model or names the bad field', () => {
  let model: Record<string, unknown>;
  let mall: Table;
  beforeAll(async () => {
    const out = join(tempDir(), 'run');
    expect((await runCli(['run', MALL, '--features', 'Gender,Age,Annual Income (k$)', '--k', '3', '--out', out, '--quiet', '--no-report'])).code).toBe(0);
    model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    mall = await readTable(MALL);
  });

  /** Every path of a JSON value ([] is the root). */
  const paths = (v: unknown, at: Array<string | number> = []): Array<Array<string | number>> =>
    v !== null && typeof v === 'object' ? [at, ...Object.entries(v as object).flatMap(([k, x]) => paths(x, [...at, Array.isArray(v) ? Number(k) : k]))] : [at];

  const setAt = (root: unknown, path: Array<string | number>, value: unknown): unknown => {
    if (path.length === 0) return value;
    const copy = structuredClone(root) as Record<string | number, unknown>;
    let node = copy;
    for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
    node[path[path.length - 1]!] = value;
    return copy;
  };

  it('random JSON documents are refused with a DataError', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(() => validateModel(v, 'model.json')).toThrow(SegmentaError);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('a model with one field replaced: refused by name, or predict assigns every customer to a real segment', () => {
    const all = paths(model);
    fc.assert(
      fc.property(
        fc.constantFrom(...all),
        fc.oneof(fc.jsonValue(), fc.constantFrom(null, 0, -1, 1e300, '', 'x\ny', [], {}, 2, 3, 'gmm', 'kprototypes', 'hierarchical')),
        (path, value) => {
          const changed = setAt(model, path, value);
          let valid;
          try {
            valid = validateModel(changed, 'model.json');
          } catch (e) {
            expect(e).toBeInstanceOf(SegmentaError);
            expect((e as Error).message).toMatch(/^model\.json: /);
            return;
          }
          try {
            const p = predict(valid, mall);
            for (const l of p.labels) expect(l >= 0 && l < valid.segments.length).toBe(true);
            for (const d of p.distances) expect(Number.isFinite(d)).toBe(true);
          } catch (e) {
            expect(e, `${path.join('.')} = ${JSON.stringify(value)}: ${(e as Error).stack}`).toBeInstanceOf(SegmentaError);
          }
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });
});
