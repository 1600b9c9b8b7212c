import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { prepareInput } from '../../src/data/prepareInput.js';
import { CLI_READ_LIMITS } from '../../src/data/readLimits.js';
import { tempDir } from '../helpers.js';

const dir = tempDir();
const text =
  'customer,date,amount\n' + Array.from({ length: 5000 }, (_, i) => `c${i % 97},2011-0${1 + (i % 9)}-1${i % 10},${(i * 7.31).toFixed(2)}`).join('\n') + '\n';
const gz = join(dir, 'orders.csv.gz');
/** The temporary inflated copies now in the system's temporary folder. */
const copies = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith('segmenta-inflated-'));
writeFileSync(gz, gzipSync(text));

describe('prepareInput: a gzipped order log handed to DuckDB as its inflated text', () => {
  it('keeps the inflated bytes in a temporary file, says it is no longer gzip, and removes it at cleanup', async () => {
    const input = await prepareInput(gz, CLI_READ_LIMITS, gz, { inflateGzip: true });
    expect(input.readPath).not.toBe(gz);
    expect(input.sniff.gzip).toBe(false);
    expect(readFileSync(input.readPath, 'utf8')).toBe(text);
    input.cleanup();
    expect(existsSync(input.readPath)).toBe(false);
  });

  it('reads the gzip itself when not asked, or when the text would pass the copy limit (nothing left behind)', async () => {
    const before = copies();
    const plain = await prepareInput(gz, CLI_READ_LIMITS);
    expect([plain.readPath, plain.sniff.gzip]).toEqual([gz, true]);
    const over = await prepareInput(gz, CLI_READ_LIMITS, gz, { inflateGzip: true, inflatedCopyMaxBytes: text.length - 1 });
    expect([over.readPath, over.sniff.gzip]).toEqual([gz, true]);
    expect(copies()).toEqual(before);
    const exact = await prepareInput(gz, CLI_READ_LIMITS, gz, { inflateGzip: true, inflatedCopyMaxBytes: text.length });
    expect(readFileSync(exact.readPath, 'utf8')).toBe(text);
    exact.cleanup();
  });

  it('still refuses a damaged stream and one past the inflated-size limit, with no copy left', async () => {
    const before = copies();
    const cut = join(dir, 'cut.csv.gz');
    writeFileSync(cut, gzipSync(text).subarray(0, 400));
    await expect(prepareInput(cut, CLI_READ_LIMITS, cut, { inflateGzip: true })).rejects.toThrow(/damaged or truncated gzip/);
    await expect(prepareInput(gz, { ...CLI_READ_LIMITS, maxDecompressedBytes: 1000 }, gz, { inflateGzip: true })).rejects.toThrow(/inflates to more than/);
    expect(copies()).toEqual(before);
  });
});
