import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

const check = (root?: string) => spawnSync(process.execPath, [join(ROOT, 'scripts/check-architecture.mjs'), ...(root ? [root] : [])], { encoding: 'utf8' });

/** A tiny repository: two folders, a layer table, and the modules given. */
function repo(modules: Record<string, string>, table = '| 0 | `b/` | x |\n| 1 | `a/` | y |\n\n- Never: `a/` → `c/`\n'): string {
  const root = tempDir();
  for (const dir of ['src/a', 'src/b', 'src/c', 'docs']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'docs/architecture.md'), `## Who owns what\n\n| layer | folders | owns |\n| ---: | --- | --- |\n${table}`);
  for (const [path, text] of Object.entries(modules)) writeFileSync(join(root, path), text);
  return root;
}

describe('the architecture gate (scripts/check-architecture.mjs, run by npm run lint)', () => {
  it('finds no cycle and no import against the layers of docs/architecture.md in src/ and web/', () => {
    const r = check();
    expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(/^no import cycles, every import within its layers \(\d+ modules/)]);
  });

  it('fails on a module cycle and on a folder cycle, type-only imports included, naming them', () => {
    const r = check(
      repo({
        'src/a/one.ts': "import { two } from './two.js';\nexport const one = () => two();\n",
        'src/a/two.ts': "import type { one } from './one.js';\nexport const two: typeof one = () => 2;\n",
        'src/a/three.ts': "import { four } from '../b/four.js';\nexport const three = four;\n",
        'src/b/four.ts': "import type { five } from '../a/five.js';\nexport const four: typeof five = () => 4;\n",
        'src/a/five.ts': 'export const five = () => 5;\n',
      }),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/modules: src\/a\/one\.ts ↔ src\/a\/two\.ts/);
    expect(r.stderr).toMatch(/folders: src\/a ↔ src\/b \(src\/a\/three\.ts → src\/b\/four\.ts; src\/b\/four\.ts → src\/a\/five\.ts\)/);
  });

  it('fails on an import up the layers, on a "Never:" pair, and on a folder the table lacks', () => {
    const r = check(
      repo(
        {
          'src/b/low.ts': "import type { high } from '../a/high.js';\nexport const low: typeof high = 1;\n",
          'src/a/high.ts': "import { c } from '../c/c.js';\nexport const high = c;\n",
          'src/c/c.ts': 'export const c = 3;\n',
        },
        '| 0 | `b/` | x |\n| 1 | `a/` | y |\n| 2 | `d/` | z |\n\n- Never: `a/` → `c/`\n',
      ),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/layers: src\/b \(layer 0\) may not use src\/a \(layer 1\): src\/b\/low\.ts → src\/a\/high\.ts/);
    expect(r.stderr).toMatch(/layers: src\/c has no layer in docs\/architecture\.md/);
    expect(r.stderr).toMatch(/layers: src\/a never uses src\/c: src\/a\/high\.ts → src\/c\/c\.ts/);
  });

  it("fails on a branch on a dialect's name outside the dialect tables, and lets the tables have them", () => {
    const r = check(
      repo({
        'src/a/rfm.ts': "export const order = (d: { name: string }) => (d.name === 'clickhouse' ? 'customer' : 'CAST(customer AS TEXT)');\n",
        'src/b/x.ts': 'export const x = 1;\n',
      }),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dialects: src\/a\/rfm\.ts:1 branches on a dialect's name/);
    const tables = repo({ 'src/b/x.ts': 'export const x = 1;\n' });
    mkdirSync(join(tables, 'src/engine'));
    writeFileSync(join(tables, 'src/engine/engineDialect.ts'), "export const only = (d: { name: string }) => d.name === 'duckdb';\n");
    expect(check(tables).stderr).not.toMatch(/dialects:/);
  });
});
