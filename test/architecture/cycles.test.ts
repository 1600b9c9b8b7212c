import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

const check = (root?: string) => spawnSync(process.execPath, [join(ROOT, 'scripts/check-cycles.mjs'), ...(root ? [root] : [])], { encoding: 'utf8' });

describe('the import-cycle gate (scripts/check-cycles.mjs, run by npm run lint)', () => {
  it('finds none in src/ and web/', () => {
    const r = check();
    expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(/^no import cycles \(\d+ modules/)]);
  });
  it('fails on a module cycle and on a folder cycle, naming them; type-only imports do not count', () => {
    const root = tempDir();
    mkdirSync(join(root, 'src/a'), { recursive: true });
    mkdirSync(join(root, 'src/b'), { recursive: true });
    writeFileSync(join(root, 'src/a/one.ts'), "import { two } from './two.js';\nexport const one = () => two();\n");
    writeFileSync(join(root, 'src/a/two.ts'), "import { one } from './one.js';\nexport const two = () => one();\n");
    writeFileSync(join(root, 'src/a/three.ts'), "import { four } from '../b/four.js';\nexport const three = four;\n");
    writeFileSync(
      join(root, 'src/b/four.ts'),
      "import type { one } from '../a/one.js';\nimport { five } from '../a/five.js';\nexport const four: typeof one = five;\n",
    );
    writeFileSync(join(root, 'src/a/five.ts'), 'export const five = () => 5;\n');
    const r = check(root);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/modules: src\/a\/one\.ts ↔ src\/a\/two\.ts/);
    expect(r.stderr).toMatch(/folders: src\/a ↔ src\/b \(src\/a\/three\.ts → src\/b\/four\.ts; src\/b\/four\.ts → src\/a\/five\.ts\)/);
    expect(r.stderr).toMatch(/^import cycles \(2\)/);
  });
});
