import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, DATA_DIR } from '../helpers.js';

/** The sha256 column of data/SOURCES.md's table, by file name (a gzipped file's first hash is of the .gz). */
function listedHashes(): Map<string, string> {
  const rows = readFileSync(join(DATA_DIR, 'SOURCES.md'), 'utf8')
    .split('\n')
    .filter((l) => /^\| [\w.]+\.(csv|txt|gz) \|/.test(l) && /[0-9a-f]{64}/.test(l));
  return new Map(rows.map((l) => [l.split('|')[1]!.trim(), l.match(/[0-9a-f]{64}/)![0]]));
}

describe('the data the tests read live in the repo', () => {
  it('every data file is listed in data/SOURCES.md with its licence, and its bytes have the listed sha256', () => {
    const listed = listedHashes();
    const files = readdirSync(DATA_DIR).filter((f) => f !== 'SOURCES.md');
    expect(files.sort()).toEqual([...listed.keys()].sort());
    const sources = readFileSync(join(DATA_DIR, 'SOURCES.md'), 'utf8');
    for (const f of files) {
      expect(
        createHash('sha256')
          .update(readFileSync(join(DATA_DIR, f)))
          .digest('hex'),
        f,
      ).toBe(listed.get(f));
      expect(sources, `licence of ${f}`).toMatch(new RegExp(`^\\| ${f.replaceAll('.', '\\.')} \\| [^|]*\\w[^|]* \\| [^|]*\\w`, 'm'));
    }
  });

  it('no test, example or bench script reads outside the repo (../shared)', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        const rel = join(dir, e.name);
        if (e.isDirectory()) walk(rel);
        else if (/\.(ts|mjs|js)$/.test(e.name) && rel !== 'test/data/sources.test.ts' && readFileSync(join(ROOT, rel), 'utf8').includes('../shared'))
          offenders.push(rel);
      }
    };
    ['test', 'examples', 'bench', 'scripts', 'src'].forEach(walk);
    expect(offenders).toEqual([]);
  });
});
