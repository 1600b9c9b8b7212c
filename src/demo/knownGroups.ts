import { fromRows, type Matrix } from '../util/matrix.js';
import { createRandom, type Random } from '../util/random.js';

/** One generated data set whose number of groups is known. */
export interface KnownGroups {
  /** Family and parameters, e.g. "blobs k=4 d=2 #3". */
  readonly name: string;
  readonly family: KnownGroupsFamily;
  /** The true number of groups; 1 when the data hold no groups. */
  readonly k: number;
  /** Another k also counted right (hierarchical groups: the coarse level). */
  readonly alsoRight?: number;
  /** Rows × features, standardised (mean 0, sd 1 per column) as the pipeline would. */
  readonly x: Matrix;
  /** Each row's true group (0-based; 0 for every row of data without groups, −1 for added noise rows). */
  readonly groups: Int32Array;
}

/** Generated rows with each row's true group. */
interface Labelled {
  readonly rows: number[][];
  readonly groups: number[];
}

/** The shapes of the known-k suite. */
export type KnownGroupsFamily =
  | 'blobs'
  | 'unequal sizes'
  | 'irrelevant features'
  | 'elongated'
  | 'overlapping'
  | 'hierarchical'
  | 'blobs + noise'
  | 'no groups: Gaussian'
  | 'no groups: uniform'
  | 'no groups: skewed';

/**
 * The known-k suite of issue 13: seeded data sets with a known number of groups — separated spherical blobs
 * (k 2–8, 2–8 features), unequal sizes (3:1, 8:4:2:1, 15:5:1), groups in 2 features plus 4 noise features, elongated rotated groups, overlapping groups, hierarchical
 * groups (3 far-apart pairs: 6, with 3 also right), blobs with 10% uniform noise — and data with no groups
 * (one correlated Gaussian, a uniform box, one skewed log-normal population), `repeats` of each with
 * different seeds. O(total rows · features).
 */
export function knownGroupsSuite(repeats = 3, rows = 400): KnownGroups[] {
  const out: KnownGroups[] = [];
  for (let r = 1; r <= repeats; r++) {
    const rng = createRandom(1000 + r);
    out.push(set(`two groups d=3 #${r}`, 'blobs', 2, blobs(rng, rows, spread(rng, 2, 3, 6), 1, [3, 1])));
    for (const [k, d] of [
      [3, 2],
      [4, 2],
      [5, 4],
      [6, 2],
      [8, 8],
    ] as const)
      out.push(set(`blobs k=${k} d=${d} #${r}`, 'blobs', k, blobs(rng, rows, spread(rng, k, d, 7), 1)));
    out.push(set(`unequal sizes k=4 #${r}`, 'unequal sizes', 4, blobs(rng, rows, spread(rng, 4, 3, 7), 1, [8, 4, 2, 1])));
    out.push(set(`unequal sizes k=3 #${r}`, 'unequal sizes', 3, blobs(rng, rows, spread(rng, 3, 2, 7), 1, [15, 5, 1])));
    out.push(
      set(
        `blobs k=4 + 4 noise features #${r}`,
        'irrelevant features',
        4,
        ((b) => ({ ...b, rows: b.rows.map((row) => [...row, ...Array.from({ length: 4 }, () => 2 * normal(rng))]) }))(
          blobs(rng, rows, spread(rng, 4, 2, 7), 1),
        ),
      ),
    );
    out.push(set(`elongated k=3 #${r}`, 'elongated', 3, elongated(rng, rows, 3, 2)));
    out.push(set(`elongated k=4 d=3 #${r}`, 'elongated', 4, elongated(rng, rows, 4, 3)));
    out.push(set(`overlapping k=3 #${r}`, 'overlapping', 3, blobs(rng, rows, spread(rng, 3, 2, 3.5), 1)));
    out.push(set(`overlapping k=4 d=4 #${r}`, 'overlapping', 4, blobs(rng, rows, spread(rng, 4, 4, 4), 1)));
    out.push(set(`overlapping k=5 d=2 #${r}`, 'overlapping', 5, blobs(rng, rows, spread(rng, 5, 2, 4), 1)));
    out.push({ ...set(`hierarchical 3×2 #${r}`, 'hierarchical', 6, hierarchical(rng, rows)), alsoRight: 3 });
    out.push(
      set(
        `blobs + 10% noise k=4 #${r}`,
        'blobs + noise',
        4,
        withNoise(rng, blobs(rng, Math.round(rows * 0.9), spread(rng, 4, 2, 7), 1), Math.round(rows * 0.1)),
      ),
    );
    for (const d of [2, 5]) {
      out.push(set(`Gaussian d=${d} #${r}`, 'no groups: Gaussian', 1, correlatedGaussian(rng, rows, d)));
      out.push(
        set(
          `uniform d=${d} #${r}`,
          'no groups: uniform',
          1,
          Array.from({ length: rows }, () => Array.from({ length: d }, () => rng.next())),
        ),
      );
      out.push(
        set(
          `skewed d=${d} #${r}`,
          'no groups: skewed',
          1,
          correlatedGaussian(rng, rows, d).map((row) => row.map((v) => Math.exp(0.8 * v))),
        ),
      );
    }
  }
  return out;
}

function set(name: string, family: KnownGroupsFamily, k: number, data: Labelled | number[][]): KnownGroups {
  const { rows, groups } = Array.isArray(data) ? { rows: data, groups: data.map(() => 0) } : data;
  return { name, family, k, x: standardised(rows), groups: Int32Array.from(groups) };
}

function normal(rng: Random): number {
  const u = 1 - rng.next(),
    v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** k centres in d dimensions, each pair at least `gap` standard deviations apart (rejection sampling in a growing box). */
function spread(rng: Random, k: number, d: number, gap: number): number[][] {
  const centres: number[][] = [];
  let box = gap * 1.5;
  while (centres.length < k) {
    let placed = false;
    for (let attempt = 0; attempt < 200 && !placed; attempt++) {
      const c = Array.from({ length: d }, () => (rng.next() - 0.5) * box);
      if (centres.every((o) => Math.hypot(...o.map((v, t) => v - c[t]!)) >= gap)) (centres.push(c), (placed = true));
    }
    if (!placed) box *= 1.3;
  }
  return centres;
}

/** Spherical groups of standard deviation `sd` around the centres, sizes in proportion to `weights`. */
function blobs(rng: Random, rows: number, centres: number[][], sd: number, weights = centres.map(() => 1)): Labelled {
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.round((rows * w) / total));
  return {
    rows: centres.flatMap((c, j) => Array.from({ length: sizes[j]! }, () => c.map((v) => v + sd * normal(rng)))),
    groups: sizes.flatMap((size, j) => Array.from({ length: size }, () => j)),
  };
}

/** k groups stretched 4:1 along a random direction each, in d dimensions, centres 12 apart. */
function elongated(rng: Random, rows: number, k: number, d: number): Labelled {
  const centres = spread(rng, k, d, 12);
  const size = Math.round(rows / k);
  const out = centres.flatMap((c) => {
    const dir = Array.from({ length: d }, () => normal(rng));
    const norm = Math.hypot(...dir);
    return Array.from({ length: Math.round(rows / k) }, () => {
      const along = 4 * normal(rng);
      return c.map((v, t) => v + (along * dir[t]!) / norm + normal(rng));
    });
  });
  return { rows: out, groups: out.map((_, i) => Math.floor(i / size)) };
}

/** Three pairs of groups: pairs 40 apart, the two groups of a pair 7 apart (sd 1). */
function hierarchical(rng: Random, rows: number): Labelled {
  const tops = spread(rng, 3, 2, 40);
  const centres = tops.flatMap((t) => {
    const a = rng.next() * 2 * Math.PI;
    return [
      [t[0]! + 3.5 * Math.cos(a), t[1]! + 3.5 * Math.sin(a)],
      [t[0]! - 3.5 * Math.cos(a), t[1]! - 3.5 * Math.sin(a)],
    ];
  });
  return blobs(rng, rows, centres, 1);
}

/** Adds `count` rows drawn uniformly in the bounding box of `rows`. */
function withNoise(rng: Random, data: Labelled, count: number): Labelled {
  const { rows } = data;
  const d = rows[0]!.length;
  const lo = Array.from({ length: d }, (_, t) => Math.min(...rows.map((r) => r[t]!)));
  const hi = Array.from({ length: d }, (_, t) => Math.max(...rows.map((r) => r[t]!)));
  return {
    rows: [...rows, ...Array.from({ length: count }, () => lo.map((l, t) => l + rng.next() * (hi[t]! - l)))],
    groups: [...data.groups, ...Array.from({ length: count }, () => -1)],
  };
}

/** One Gaussian population with correlation 0.5 between neighbouring features. */
function correlatedGaussian(rng: Random, rows: number, d: number): number[][] {
  return Array.from({ length: rows }, () => {
    const z = Array.from({ length: d }, () => normal(rng));
    return z.map((v, t) => (t === 0 ? v : 0.5 * z[t - 1]! + Math.sqrt(0.75) * v));
  });
}

function standardised(rows: number[][]): Matrix {
  const d = rows[0]!.length,
    n = rows.length;
  const mean = Array.from({ length: d }, (_, t) => rows.reduce((s, r) => s + r[t]!, 0) / n);
  const sd = Array.from({ length: d }, (_, t) => Math.sqrt(rows.reduce((s, r) => s + (r[t]! - mean[t]!) ** 2, 0) / n) || 1);
  return fromRows(rows.map((r) => r.map((v, t) => (v - mean[t]!) / sd[t]!)));
}
