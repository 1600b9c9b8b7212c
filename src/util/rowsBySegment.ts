/**
 * The rows of each segment as Int32Arrays of row indices, in row order (a counting sort by label): ten
 * million rows stay compact, unlike growing JS arrays. `labels` are 0-based segment positions < k. O(n + k).
 */
export function rowsBySegment(labels: Int32Array, k: number): Int32Array[] {
  const counts = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  const members = Array.from(counts, (c) => new Int32Array(c));
  const filled = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) members[labels[i]!]![filled[labels[i]!]!++] = i;
  return members;
}
