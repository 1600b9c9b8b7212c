import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORDING_THRESHOLDS } from '../../src/explain/wording.js';
import { ROOT } from '../helpers.js';

/** The table under "Wording of segments" in docs/how-it-works.md: scale → [left out below, slightly, plain, very]. */
function readmeThresholds(): Map<string, number[]> {
  const readme = readFileSync(join(ROOT, 'docs/how-it-works.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Wording of segments'));
  const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| scale') && !l.startsWith('| ---'));
  return new Map(
    rows.slice(0, 2).map((r) => {
      const cells = r
        .split('|')
        .map((c) => c.trim())
        .filter((c) => c !== '');
      return [cells[0]!, cells.slice(1).map(Number)];
    }),
  );
}

describe('the table of wording thresholds in docs/how-it-works.md', () => {
  it('shows the thresholds the code uses, for both scales', () => {
    const table = readmeThresholds();
    const s = WORDING_THRESHOLDS.standardized,
      r = WORDING_THRESHOLDS.ratio;
    expect(table.get('standardized (sd)')).toEqual([s.slight, s.slight, s.plain, s.very]);
    expect(table.get('ratio of means')).toEqual([r.slight, r.slight, r.plain, r.very]);
  });
});
