/**
 * The one-to-one assignment of rows to columns of a score matrix (rows × cols, any shape) with the largest
 * total score: Kuhn–Munkres (the Hungarian method with potentials) on the square matrix padded with zeros.
 * Returns, per row, its column or −1 (a padded column: unassigned). O(max(rows, cols)³).
 */
export function optimalAssignment(score: ReadonlyArray<ArrayLike<number>>): number[] {
  const rows = score.length,
    cols = rows ? score[0]!.length : 0;
  const n = Math.max(rows, cols);
  const cost = (i: number, j: number): number => (i < rows && j < cols ? -score[i]![j]! : 0);
  // 1-based arrays as in the textbook formulation; p[j] is the row matched to column j.
  const u = new Float64Array(n + 1),
    v = new Float64Array(n + 1),
    p = new Int32Array(n + 1),
    way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity),
      used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity,
        j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) ((minv[j] = cur), (way[j] = j0));
        if (minv[j]! < delta) ((delta = minv[j]!), (j1 = j));
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) ((u[p[j]!]! += delta), (v[j]! -= delta));
        else minv[j]! -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0);
  }
  const match = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= n; j++) if (p[j]! - 1 < rows && j - 1 < cols) match[p[j]! - 1] = j - 1;
  return match;
}
