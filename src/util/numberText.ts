/** Powers of ten 10⁰..10¹⁵, exact in float64. */
const TEN = Array.from({ length: 16 }, (_, d) => 10 ** d);

/**
 * `String(v)`, the same text, built without V8's number-to-string cache for values of up to 15 significant
 * digits in fixed notation (1e-6 ≤ |v| < 1e15): the first d (decimals) with round(|v| · 10^d) / 10^d === |v|
 * gives the shortest decimal that reads back as v, which is what `String` prints, and `toFixed(d)` writes
 * it. Why: `String` of a double allocates its text in V8's old generation (the cache keeps it), so ten
 * million rows of numbers grew the heap by a gigabyte before a full collection; `toFixed` text dies young.
 * Other values (more digits, exponents) go through `String`. O(digits).
 */
export function numberText(v: number): string {
  const a = v < 0 ? -v : v;
  if (a >= 1e-6 && a < 1e15) {
    for (let d = 0; d < TEN.length; d++) {
      const m = Math.round(a * TEN[d]!);
      if (m >= 1e15) break;
      if (m / TEN[d]! === a) return v < 0 ? '-' + a.toFixed(d) : a.toFixed(d);
    }
  }
  return String(v);
}
