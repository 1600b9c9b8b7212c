import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NUMBER_GRAMMAR } from '../../src/data/columnBuilders.js';
import { withDuckDB } from '../../src/data/duckdb.js';
import { createRandom } from '../../src/util/random.js';
import { tempDir } from '../helpers.js';

// A provisional CSV plan (csvPlan.ts) skips the grammar scan of a file without "_" or "+" because DuckDB's
// DOUBLE reader takes nothing else outside NUMBER_GRAMMAR but nan/inf in mixed case, which read as NaN or
// ±Infinity and send the read back to the scan. This holds DuckDB to that, on every text of up to 3
// characters over an alphabet of number-like characters and 100,000 seeded longer ones.
describe("DuckDB's DOUBLE reader outside the number grammar", () => {
  it('takes only digit separators, a doubled sign, and nan/inf in other spellings', async () => {
    const alphabet = [...'019.eE+-_ \t\v\fxnaifNIFdbot%$'];
    const texts = new Set<string>();
    const all = (prefix: string): void => {
      if (prefix.trim() !== '') texts.add(prefix);
      if (prefix.length < 3) for (const c of alphabet) all(prefix + c);
    };
    all('');
    const random = createRandom(5);
    for (let i = 0; i < 100_000; i++) {
      const length = 1 + Math.floor(random.next() * 10);
      texts.add(Array.from({ length }, () => alphabet[Math.floor(random.next() * alphabet.length)]).join(''));
    }
    for (const word of ['nan', 'inf', 'infinity'])
      for (let mask = 0; mask < 1 << word.length; mask++) {
        const spelled = [...word].map((c, j) => ((mask >> j) & 1 ? c.toUpperCase() : c)).join('');
        for (const t of [spelled, '-' + spelled, '+' + spelled, ` ${spelled} `]) texts.add(t);
      }
    const list = [...texts].filter((t) => t.trim() !== '');
    const file = join(tempDir(), 'cells.csv');
    writeFileSync(file, 'id,cell\n' + list.map((t, i) => `${i},${t}`).join('\n') + '\n');
    const read = await withDuckDB(async (conn) =>
      (
        await conn.runAndReadAll(
          `SELECT id, cell FROM read_csv('${file}', auto_detect=false, header=true, delim=',', quote='', escape='', new_line='\\n', columns={'id': 'BIGINT', 'cell': 'DOUBLE'}, ignore_errors=true) WHERE cell IS NOT NULL`,
        )
      ).getRows(),
    );
    const grammar = new RegExp(`^(${NUMBER_GRAMMAR})$`);
    const outside = read.map(([id, value]) => ({ text: list[Number(id)]!, value: Number(value) })).filter(({ text }) => !grammar.test(text));
    expect(read.length).toBeGreaterThan(1000);
    expect(outside.length).toBeGreaterThan(100);
    const unexplained = outside.filter(({ text, value }) => !text.includes('_') && !text.includes('+') && Number.isFinite(value));
    expect(unexplained.map((o) => o.text)).toEqual([]);
  });
});
