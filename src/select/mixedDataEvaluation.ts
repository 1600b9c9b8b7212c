import type { KnownGroups, KnownGroupsFamily } from '../demo/knownGroups.js';
import type { Column, Table } from '../data/table.js';
import { fitPipeline } from '../preprocess/pipeline.js';
import type { Matrix } from '../util/matrix.js';
import { createRandom } from '../util/random.js';
import { chooseK } from './chooseK.js';
import { sweepK } from './sweepK.js';
import { allRows } from '../util/gather.js';
import { rowsBySegment } from '../util/rowsBySegment.js';

/**
 * How categorical and flag columns enter the distance — the candidates measured for docs/decisions.md
 * (issue 29): `context` leaves them out (profiled beside the segments); `balanced` one-hot encodes and
 * scales each column's block to the variance of one standardized number (Segmenta until 0.x); `famd` scales
 * each indicator by 1/√p as factor analysis of mixed data does (a column of m levels weighs m − 1);
 * `unbalanced` standardizes every indicator (a column of m levels weighs m); `half` is `balanced` at half
 * the variance.
 */
export type MixedWeighting = 'context' | 'balanced' | 'famd' | 'unbalanced' | 'half';

/** The candidates in the order the table lists them. */
export const MIXED_WEIGHTINGS: readonly MixedWeighting[] = ['context', 'balanced', 'famd', 'unbalanced', 'half'];

/** What is added to a known-groups data set: categories that carry nothing, or one that carries the groups. */
export type MixedVariant = 'category noise' | 'category signal';

/** A known-groups data set with categorical columns added. */
export interface MixedGroups {
  readonly name: string;
  readonly family: KnownGroupsFamily;
  readonly variant: MixedVariant;
  readonly k: number;
  readonly alsoRight?: number;
  readonly table: Table;
  /** The numeric feature columns and the categorical (text or 0/1 flag) ones. */
  readonly numeric: readonly string[];
  readonly categorical: readonly string[];
}

/**
 * The known-groups suite with categories added (issue 29): `category noise` adds a two-level column (55/45,
 * like Gender), a four-level one and a 0/1 flag (30% ones), all independent of the groups; `category signal`
 * adds a column whose level is the row's true group for 80% of the rows (a random level otherwise) and the
 * two-level noise column. Data without groups get the signal column at random (there is no group to carry).
 * Seeded per set. O(rows · columns).
 */
export function mixedGroupsSuite(suite: readonly KnownGroups[]): MixedGroups[] {
  return suite.flatMap((set, s) => {
    const numeric = Array.from({ length: set.x.cols }, (_, j) => `x${j + 1}`);
    const numberColumns: Column[] = numeric.map((name, j) => {
      const values = new Float64Array(set.x.rows);
      for (let i = 0; i < set.x.rows; i++) values[i] = set.x.data[i * set.x.cols + j]!;
      return { name, kind: 'number', values, integer: false };
    });
    const rng = createRandom(7_000 + s);
    const n = set.x.rows;
    const gender = textColumn('gender', n, () => (rng.next() < 0.55 ? 'F' : 'M'));
    const region = textColumn('region', n, () => 'NSEW'[Math.floor(rng.next() * 4)]!);
    const flag: Column = { name: 'member', kind: 'number', values: Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0)), integer: true };
    const levels = Math.max(set.k, 3);
    const tier = textColumn('tier', n, (i) => {
      const g = set.groups[i]!;
      const level = set.k > 1 && g >= 0 && rng.next() < 0.8 ? g : Math.floor(rng.next() * levels);
      return `L${level + 1}`;
    });
    const base = { name: set.name, family: set.family, k: set.k, ...(set.alsoRight ? { alsoRight: set.alsoRight } : {}), numeric };
    const noise: MixedGroups = {
      ...base,
      variant: 'category noise',
      table: { rowCount: n, columns: [...numberColumns, gender, region, flag] },
      categorical: ['gender', 'region', 'member'],
    };
    const signal: MixedGroups = {
      ...base,
      variant: 'category signal',
      table: { rowCount: n, columns: [...numberColumns, tier, gender] },
      categorical: ['tier', 'gender'],
    };
    return [noise, signal];
  });
}

function textColumn(name: string, n: number, value: (i: number) => string): Column {
  return { name, kind: 'string', values: Array.from({ length: n }, (_, i) => value(i)) };
}

/**
 * The scaled matrix of a table under one weighting: the numeric columns standardized as the pipeline does,
 * then (unless `context`) the categorical columns one-hot encoded (0/1 flags as two-level categories) and
 * weighted. O(n · output columns).
 */
export function mixedMatrix(table: Table, numeric: readonly string[], categorical: readonly string[], weighting: MixedWeighting): Matrix {
  const pick = (names: readonly string[]): Column[] => names.map((name) => table.columns.find((c) => c.name === name)!);
  const used = weighting === 'context' ? numeric : [...numeric, ...categorical];
  const codes = categorical.filter((c) => table.columns.find((x) => x.name === c)?.kind === 'number');
  const { pipeline, matrix } = fitPipeline(table, pick(used), { codes, balanceCategories: weighting !== 'unbalanced' && weighting !== 'famd' });
  if (weighting !== 'famd' && weighting !== 'half') return matrix;
  // Rescale the indicator columns in place: FAMD's 1/√p on the centred indicator is z·√(1 − p); half: ÷ √2.
  const factors: number[] = [];
  for (const step of pipeline.steps) {
    if (step.kind === 'number') factors.push(1);
    else
      step.centers.forEach((p) => {
        factors.push(weighting === 'half' ? Math.SQRT1_2 : Math.sqrt(1 - p));
      });
  }
  const data = Float64Array.from(matrix.data, (v, t) => v * factors[t % matrix.cols]!);
  return { rows: matrix.rows, cols: matrix.cols, data };
}

/** One weighting's answer on one data set: the k chosen (1 = "no clear structure") and how it splits. */
export interface MixedAnswer {
  readonly weighting: MixedWeighting;
  /** The k the rule returns, or 1 when it says the data have no clear structure. */
  readonly k: number;
  /** The k the rule would segment with (even without clear structure). */
  readonly segmentsK: number;
  /** Segments at that k that are at least 95% one level of a categorical column the groups do not carry. */
  readonly splitByNoise: number;
}

/**
 * Runs the sweep and Segmenta's rule (six votes + the prediction-strength test) on one table under each
 * weighting; counts the segments that are ≥ 95% one level of a noise column (`noise`, named columns). O(sweeps).
 */
export function mixedAnswers(
  table: Table,
  numeric: readonly string[],
  categorical: readonly string[],
  noise: readonly string[],
  weightings: readonly MixedWeighting[] = MIXED_WEIGHTINGS,
  options: { kMax?: number; seed?: number } = {},
): MixedAnswer[] {
  return weightings.map((weighting) => {
    const x = mixedMatrix(table, numeric, categorical, weighting);
    const sweep = sweepK(x, { kMin: 2, kMax: Math.min(options.kMax ?? 10, x.rows - 1), seed: options.seed ?? 0 });
    const choice = chooseK(sweep);
    const labels = sweep.fits.get(choice.k)!.labels;
    return { weighting, k: choice.structure === 'none' ? 1 : choice.k, segmentsK: choice.k, splitByNoise: splitByLevels(table, noise, labels, choice.k) };
  });
}

/**
 * Segments of which ≥ 95% of the members share one level of one of `columns`, a level that at most 80% of all
 * customers have (a flag that is 0 for 99% of everyone does not count). O(n · columns).
 */
function splitByLevels(table: Table, columns: readonly string[], labels: Int32Array, k: number): number {
  const shares = (rows: ArrayLike<number>, c: Column): Map<string, number> => {
    const counts = new Map<string, number>();
    for (let r = 0; r < rows.length; r++) {
      const v = String(c.values[rows[r]!]);
      counts.set(v, (counts.get(v) ?? 0) + 1 / rows.length);
    }
    return counts;
  };
  const everyone = allRows(labels.length);
  // Each column's shares over all customers once, not once per segment.
  const overall = columns.map((name) => {
    const c = table.columns.find((x) => x.name === name)!;
    return { c, shares: shares(everyone, c) };
  });
  let count = 0;
  for (const members of rowsBySegment(labels, k)) {
    const pure = overall.some(({ c, shares: all }) => [...shares(members, c)].some(([level, share]) => share >= 0.95 && all.get(level)! <= 0.8));
    if (pure) count++;
  }
  return count;
}

/** One weighting's score on the mixed suite: right answers per variant and family, and segments split by noise. */
export interface MixedScore {
  readonly weighting: MixedWeighting;
  readonly variant: MixedVariant;
  readonly byFamily: ReadonlyArray<{ readonly family: string; readonly right: number; readonly of: number }>;
  readonly right: number;
  readonly of: number;
  /** Segments (over all sets of the variant) that are ≥ 95% one level of a noise column. */
  readonly splitByNoise: number;
}

/** Scores every weighting on the mixed suite, per variant. O(suite · weightings · sweep). */
export function evaluateMixedWeightings(
  suite: readonly MixedGroups[],
  weightings: readonly MixedWeighting[] = MIXED_WEIGHTINGS,
  options: { kMax?: number; seed?: number; onSet?: (done: number, total: number) => void } = {},
): MixedScore[] {
  const answers = suite.map((set, i) => {
    const noise = set.variant === 'category noise' ? set.categorical : ['gender'];
    const a = mixedAnswers(set.table, set.numeric, set.categorical, noise, weightings, options);
    options.onSet?.(i + 1, suite.length);
    return a;
  });
  const right = (set: MixedGroups, k: number): boolean => k === set.k || k === set.alsoRight;
  const families = [...new Set(suite.map((s) => s.family))];
  const variants = [...new Set(suite.map((s) => s.variant))];
  return variants.flatMap((variant) =>
    weightings.map((weighting, w) => {
      const sets = suite.map((s, i) => ({ s, a: answers[i]![w]! })).filter(({ s }) => s.variant === variant);
      return {
        weighting,
        variant,
        byFamily: families.map((family) => {
          const of = sets.filter(({ s }) => s.family === family);
          return { family, right: of.filter(({ s, a }) => right(s, a.k)).length, of: of.length };
        }),
        right: sets.filter(({ s, a }) => right(s, a.k)).length,
        of: sets.length,
        splitByNoise: sets.reduce((t, { a }) => t + a.splitByNoise, 0),
      };
    }),
  );
}
