import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

const check = (root?: string) => spawnSync(process.execPath, [join(ROOT, 'scripts/check-sizes.mjs'), ...(root ? [root] : [])], { encoding: 'utf8' });

/** A function of `lines` lines (its body one statement per line). */
const fn = (name: string, lines: number) => `export function ${name}(): number {\n  let s = 0;\n${'  s++;\n'.repeat(lines - 4)}  return s;\n}\n`;

describe('the size gate (scripts/check-sizes.mjs, run by npm run lint)', () => {
  it('passes on the repository', () => {
    const r = check();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('fails on a file over 300 lines and a function over 80 lines, naming them, and allows the listed exceptions', () => {
    const root = tempDir();
    for (const dir of ['src/a', 'src/options']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'src/a/long.ts'), fn('long', 81));
    writeFileSync(join(root, 'src/a/short.ts'), fn('short', 80));
    writeFileSync(join(root, 'src/a/many.ts'), Array.from({ length: 80 }, (_, i) => fn(`f${i}`, 4)).join(''));
    writeFileSync(join(root, 'src/options/optionSpecs.ts'), Array.from({ length: 80 }, (_, i) => fn(`g${i}`, 4)).join(''));
    const r = check(root);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('src/a/long.ts:1: function long has 81 lines (at most 80)');
    expect(r.stderr).toContain('src/a/many.ts: 320 lines (at most 300)');
    expect(r.stderr).not.toContain('short');
    expect(r.stderr).not.toContain('optionSpecs');
  });
});
