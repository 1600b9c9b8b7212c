/** Levenshtein edit distance between two strings (case-insensitive). O(|a|·|b|). */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase(),
    t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[t.length]!;
}

/**
 * The candidate closest to `name`: a case-insensitive exact match first, then the nearest (by edit distance)
 * of the names that contain it or that it contains, else the smallest edit distance. Returns undefined when nothing is reasonably close.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const exact = candidates.find((c) => c.toLowerCase() === lower);
  if (exact) return exact;
  // Among names containing it (or contained in it), the nearest: "mal" is "mall", not "ch_mall" listed first.
  const contains = candidates.filter((c) => c.toLowerCase().includes(lower) || lower.includes(c.toLowerCase()));
  if (contains.length) return nearest(name, contains).best;
  const { best, bestD } = nearest(name, candidates);
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 2)) ? best : undefined;
}

/** The candidate at the smallest edit distance from `name` (the first of equals), and that distance. */
function nearest(name: string, candidates: readonly string[]): { best: string | undefined; bestD: number } {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return { best, bestD };
}
