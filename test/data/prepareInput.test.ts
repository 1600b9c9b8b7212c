import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareInput } from '../../src/data/prepareInput.js';
import { readTable } from '../../src/data/readTable.js';
import { CLI_READ_LIMITS } from '../../src/data/readLimits.js';
import { DATA_DIR, tempDir } from '../helpers.js';

const dir = tempDir();
const text =
  'customer,date,amount\n' + Array.from({ length: 5000 }, (_, i) => `c${i % 97},2011-0${1 + (i % 9)}-1${i % 10},${(i * 7.31).toFixed(2)}`).join('\n') + '\n';
const gz = join(dir, 'orders.csv.gz');
/** The temporary inflated copies now in the temporary folder (this file's own: other test files read gzip files meanwhile). */
const copies = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith('segmenta-inflated-'));
const ownTemp = join(dir, 'tmp');
const systemTemp = process.env['TMPDIR'];
beforeAll(() => {
  mkdirSync(ownTemp, { recursive: true });
  process.env['TMPDIR'] = ownTemp;
});
afterAll(() => {
  if (systemTemp === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = systemTemp;
});
writeFileSync(gz, gzipSync(text));

describe('prepareInput: a gzipped CSV handed to DuckDB as its inflated text', () => {
  it('keeps the inflated bytes in a temporary file, says it is no longer gzip, and removes it at cleanup', async () => {
    const input = await prepareInput(gz, CLI_READ_LIMITS);
    expect(input.readPath).not.toBe(gz);
    expect(input.sniff.gzip).toBe(false);
    expect(readFileSync(input.readPath, 'utf8')).toBe(text);
    expect(copies()).toHaveLength(1);
    input.cleanup();
    expect(existsSync(input.readPath)).toBe(false);
    expect(copies()).toEqual([]);
  });

  it('reads the gzip itself when the text would pass the copy limit (nothing left behind)', async () => {
    const before = copies();
    const none = await prepareInput(gz, CLI_READ_LIMITS, gz, { inflatedCopyMaxBytes: 0 });
    expect([none.readPath, none.sniff.gzip]).toEqual([gz, true]);
    const over = await prepareInput(gz, CLI_READ_LIMITS, gz, { inflatedCopyMaxBytes: text.length - 1 });
    expect([over.readPath, over.sniff.gzip]).toEqual([gz, true]);
    expect(copies()).toEqual(before);
    const exact = await prepareInput(gz, CLI_READ_LIMITS, gz, { inflatedCopyMaxBytes: text.length });
    expect(readFileSync(exact.readPath, 'utf8')).toBe(text);
    exact.cleanup();
  });

  it('still refuses a damaged stream and one past the inflated-size limit, with no copy left', async () => {
    const before = copies();
    const cut = join(dir, 'cut.csv.gz');
    writeFileSync(cut, gzipSync(text).subarray(0, 400));
    await expect(prepareInput(cut, CLI_READ_LIMITS)).rejects.toThrow(/damaged or truncated gzip/);
    await expect(prepareInput(gz, { ...CLI_READ_LIMITS, maxDecompressedBytes: 1000 })).rejects.toThrow(/inflates to more than/);
    expect(copies()).toEqual(before);
  });

  it('makes one converted copy of gzipped space-aligned text, keeping no inflated copy beside it', async () => {
    const aligned = join(dir, 'aligned.txt.gz');
    writeFileSync(aligned, gzipSync('00001 19970101  1  11.77\n00002 19970112  2  89.00\n00003 19970102  2  20.76\n'));
    const input = await prepareInput(aligned, CLI_READ_LIMITS);
    expect(readFileSync(input.readPath, 'utf8')).toBe('00001\t19970101\t1\t11.77\n00002\t19970112\t2\t89.00\n00003\t19970102\t2\t20.76\n');
    expect(copies()).toEqual([]);
    input.cleanup();
  });

  it('reads a gzipped table exactly as its plain text (Mall, marketing_campaign: tab-separated, blanks)', async () => {
    for (const name of ['mall_customers.csv', 'marketing_campaign.csv']) {
      const plain = join(DATA_DIR, name),
        packed = join(dir, `${name}.gz`);
      writeFileSync(packed, gzipSync(readFileSync(plain)));
      const [a, b] = await Promise.all([readTable(plain), readTable(packed)]);
      expect({ ...b, source: { ...b.source, path: plain } }).toEqual(a);
    }
  });
});
