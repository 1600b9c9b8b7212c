import { DataError } from '../../util/errors.js';
import type { Matrix } from '../../util/matrix.js';
import type { LinkageMethod, Merge } from './linkageTypes.js';
import { nnChain, toLinkageMatrix } from './nnChain.js';
import { countText } from '../../util/formatNumber.js';

/** Above this many rows a condensed distance matrix (n(n−1)/2 float64) is refused: about 3.6 GB. */
const MAX_MATRIX_ROWS = 30_000;

/**
 * Agglomerative hierarchical clustering of the rows of x with Euclidean distances, returning scipy's
 * linkage matrix (heights equal scipy.cluster.hierarchy.linkage). Ward keeps only cluster centroids and
 * sizes (O(n·d) memory; Ward distance √(2·nᵢ·nⱼ/(nᵢ+nⱼ))·‖cᵢ − cⱼ‖); complete, average and single update a
 * condensed distance matrix by the Lance–Williams formulas (O(n²) memory, refused above MAX_MATRIX_ROWS).
 * Both run the nearest-neighbour chain. O(n²·d) time.
 */
export function linkage(x: Matrix, method: LinkageMethod = 'ward'): Merge[] {
  const n = x.rows;
  if (n < 2) throw new DataError(`hierarchical clustering needs at least 2 rows (got ${n})`);
  return method === 'ward' ? wardLinkage(x) : matrixLinkage(x, method);
}

function wardLinkage(x: Matrix): Merge[] {
  const n = x.rows,
    d = x.cols;
  const centers = x.data.slice();
  const sizes = new Float64Array(n).fill(1);
  const distance = (i: number, j: number): number => {
    let s = 0;
    const oi = i * d,
      oj = j * d;
    for (let t = 0; t < d; t++) {
      const diff = centers[oi + t]! - centers[oj + t]!;
      s += diff * diff;
    }
    const ni = sizes[i]!,
      nj = sizes[j]!;
    return Math.sqrt(((2 * ni * nj) / (ni + nj)) * s);
  };
  const merge = (lo: number, hi: number): void => {
    const a = sizes[lo]!,
      b = sizes[hi]!,
      total = a + b;
    for (let t = 0; t < d; t++) centers[hi * d + t] = (a * centers[lo * d + t]! + b * centers[hi * d + t]!) / total;
    sizes[hi] = total;
  };
  return toLinkageMatrix(
    n,
    nnChain(n, distance, merge, (i) => sizes[i]!),
  );
}

function matrixLinkage(x: Matrix, method: Exclude<LinkageMethod, 'ward'>): Merge[] {
  const n = x.rows,
    d = x.cols,
    X = x.data;
  if (n > MAX_MATRIX_ROWS) {
    const gb = (((n * (n - 1)) / 2) * 8) / 1e9;
    throw new DataError(
      `${method} linkage on ${countText(n)} rows needs a ${gb.toFixed(1)} GB distance matrix, more than this machine can hold (limit ${countText(MAX_MATRIX_ROWS)} rows); use --linkage ward (no matrix) or fewer rows`,
    );
  }
  const D = new Float64Array((n * (n - 1)) / 2);
  const index = (i: number, j: number): number => (i < j ? n * i - (i * (i + 1)) / 2 + j - i - 1 : n * j - (j * (j + 1)) / 2 + i - j - 1);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = X[i * d + t]! - X[j * d + t]!;
        s += diff * diff;
      }
      D[index(i, j)] = Math.sqrt(s);
    }
  }
  const sizes = new Float64Array(n).fill(1);
  const alive = new Uint8Array(n).fill(1);
  const merge = (lo: number, hi: number): void => {
    const nx = sizes[lo]!,
      ny = sizes[hi]!;
    alive[lo] = 0;
    for (let i = 0; i < n; i++) {
      if (!alive[i] || i === hi) continue;
      const dx = D[index(i, lo)]!,
        dy = D[index(i, hi)]!;
      D[index(i, hi)] = method === 'single' ? Math.min(dx, dy) : method === 'complete' ? Math.max(dx, dy) : (nx * dx + ny * dy) / (nx + ny);
    }
    sizes[hi] = nx + ny;
  };
  return toLinkageMatrix(
    n,
    nnChain(
      n,
      (i, j) => D[index(i, j)]!,
      merge,
      (i) => sizes[i]!,
    ),
  );
}
