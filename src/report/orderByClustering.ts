/**
 * A leaf order that puts similar items next to each other: average-linkage agglomerative clustering on a
 * distance matrix, leaves read left to right. Ties merge the lowest indices first. O(m³), for m ≤ ~100.
 */
export function orderByClustering(distance: readonly (readonly number[])[]): number[] {
  let clusters: number[][] = distance.map((_, i) => [i]);
  const d = (a: number[], b: number[]): number => {
    let s = 0;
    for (const i of a) for (const j of b) s += Number.isFinite(distance[i]![j]!) ? distance[i]![j]! : 1;
    return s / (a.length * b.length);
  };
  while (clusters.length > 1) {
    let bi = 0,
      bj = 1,
      best = Infinity;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const v = d(clusters[i]!, clusters[j]!);
        if (v < best) ((best = v), (bi = i), (bj = j));
      }
    }
    const merged = [...clusters[bi]!, ...clusters[bj]!];
    clusters = clusters.filter((_, k) => k !== bi && k !== bj);
    clusters.splice(bi, 0, merged);
  }
  return clusters[0] ?? [];
}
