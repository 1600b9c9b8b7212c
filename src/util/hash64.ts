/**
 * A 64-bit hash of a string from two independent 32-bit multiplicative hashes (FNV-1a and a
 * murmur-style mix), for counting or checking distinct values without keeping the strings in a Set.
 * O(length).
 */
export function hash64(text: string): bigint {
  let h1 = 0x811c9dc5,
    h2 = 0x01000193 ^ text.length;
  for (let c = 0; c < text.length; c++) {
    const code = text.charCodeAt(c);
    h1 = Math.imul(h1 ^ code, 0x01000193);
    h2 = Math.imul(h2 ^ code, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return (BigInt(h1 >>> 0) << 32n) | BigInt(h2 >>> 0);
}

/** How many different values a list of hashes holds (sorts the array in place). O(n log n). */
export function distinctHashes(hashes: BigUint64Array): number {
  hashes.sort();
  let distinct = hashes.length > 0 ? 1 : 0;
  for (let i = 1; i < hashes.length; i++) if (hashes[i] !== hashes[i - 1]) distinct++;
  return distinct;
}
