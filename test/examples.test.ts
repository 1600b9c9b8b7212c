import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { MALL, ROOT } from './helpers.js';

it('examples/segment-mall.mjs runs and prints five named segments and two predictions', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'examples/segment-mall.mjs'), MALL], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^k = 5 was chosen/);
  expect(r.stdout.match(/^\d\. /gm)).toHaveLength(5);
  expect(r.stdout).toMatch(/newcomer 1 → segment \d \(High annual income · High spending score\)/);
});
