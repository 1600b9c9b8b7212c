import type { Column } from '../data/table.js';
import { spearmanMatrix } from '../profile/correlation.js';
import { createRandom } from '../util/random.js';
import { sampleIndices } from '../util/sample.js';
import { unionFind } from '../util/unionFind.js';
import { gather } from '../util/gather.js';

/** Features whose |Spearman| is at least this belong to one family (issue 29): a name uses one of them at most. */
const FAMILY_CORRELATION = 0.7;

/** Spearman correlations are computed on at most this many rows (a seeded sample above it). */
const FAMILY_ROWS = 20_000;

/** Groups of strongly correlated features and the family of each feature. */
export interface FeatureFamilies {
  /** |Spearman| threshold of a link (FAMILY_CORRELATION). */
  readonly threshold: number;
  /** The families of two or more features, each in feature order, in the order of their first feature. */
  readonly groups: ReadonlyArray<readonly string[]>;
}

/**
 * The families of the numeric features (numbers, dates, flags): connected groups of features linked by
 * |Spearman| ≥ FAMILY_CORRELATION (single linkage: a chain of strong links is one family), computed on the
 * features' values (a seeded sample of 20,000 rows above that). Categories are each their own family.
 * Deterministic. O(m² · s + m · s log s) for m numeric features and s rows.
 */
export function featureFamilies(columns: readonly Column[], seed = 0): FeatureFamilies {
  const numeric = columns.filter((c): c is Exclude<Column, { kind: 'string' }> => c.kind !== 'string');
  const n = numeric[0]?.values.length ?? 0;
  const rows = n > FAMILY_ROWS ? sampleIndices(n, FAMILY_ROWS, createRandom(seed ^ 0x3f4a11)) : undefined;
  const values = numeric.map((c) => (rows ? gather(c.values, rows) : c.values));
  const rho = spearmanMatrix(values);
  const sets = unionFind(numeric.length);
  for (let a = 0; a < numeric.length; a++)
    for (let b = a + 1; b < numeric.length; b++) {
      const ra = sets.find(a),
        rb = sets.find(b);
      if (ra !== rb && Math.abs(rho[a]![b]!) >= FAMILY_CORRELATION) sets.attach(Math.max(ra, rb), Math.min(ra, rb));
    }
  const byRoot = new Map<number, string[]>();
  numeric.forEach((c, j) => {
    const root = sets.find(j);
    byRoot.set(root, [...(byRoot.get(root) ?? []), c.name]);
  });
  return { threshold: FAMILY_CORRELATION, groups: [...byRoot.values()].filter((g) => g.length > 1) };
}

/** The family key of a feature: its family's first feature, or the feature itself. O(features). */
export function familyOf(families: FeatureFamilies | undefined, feature: string): string {
  return families?.groups.find((g) => g.includes(feature))?.[0] ?? feature;
}
