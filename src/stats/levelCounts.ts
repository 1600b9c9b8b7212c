/** How often each level occurs (missing cells, null, are skipped). O(n). */
export function levelCounts(values: Iterable<string | null>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** Levels with their counts, most frequent first, ties in text order: the order every level list uses. O(levels log levels). */
export function byFrequency(counts: ReadonlyMap<string, number>): Array<[string, number]> {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
