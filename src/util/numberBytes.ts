/** Powers of ten 10⁰..10¹⁵, exact in float64. */
const TEN = Array.from({ length: 16 }, (_, d) => 10 ** d);

/** Scratch for one number's digits, least significant first. */
const DIGITS = new Uint8Array(24);

/** The decimals tried first: the last number's (a column's numbers mostly share theirs). */
let hint = 0;

/** m = round(a · 10^d) when m / 10^d === a; -1 when not; -2 when m ≥ 10^15 (so for every larger d too). */
function scaled(a: number, d: number): number {
  const x = a * TEN[d]!;
  const m = Math.round(x);
  if (m >= 1e15) return -2;
  // When m / 10^d === a, x is within 2.3e-16·x of m (two roundings): farther, skip the division.
  return Math.abs(x - m) <= x * 1e-15 && m / TEN[d]! === a ? m : -1;
}

/**
 * Writes `String(v)` as ASCII bytes into `out` at `at` and returns the end; `out`
 * needs 25 bytes of room. In fixed notation with up to 15 significant digits (1e-6 ≤ |v| < 1e15): the
 * integer m = round(|v| · 10^d) with m / 10^d === |v| is, for any such d, the only decimal with d places within
 * half a step of v (steps of 10^-d are wider than v's float spacing while m < 10^15), so the same number
 * for every such d up to trailing zeros; without them it is the shortest, what `String` prints. d is tried
 * first at the previous number's, then upwards (or from 0 when m would reach 10^15). No string per number:
 * a million rows × 8 numbers, 0.85 s as text, a tenth as bytes; and no text that V8's number-to-string cache
 * would keep in its old generation (ten million rows of numbers grew the heap by a gigabyte). Other values
 * through `String`. O(digits).
 */
export function writeNumberText(out: Uint8Array, at: number, v: number): number {
  const a = v < 0 ? -v : v;
  if (a >= 1e-6 && a < 1e15) {
    let d = hint;
    let m = scaled(a, d);
    if (m < 0) {
      for (d = m === -1 ? d + 1 : 0; d < TEN.length; d++) if ((m = scaled(a, d)) !== -1) break;
      if (m >= 0) hint = d;
    }
    if (m >= 0) return writeDecimal(out, at, v < 0, m, d);
  }
  // Beyond: exponents or 16–17 digits, where no d fits (so no shorter text either); `String` prints it.
  const text = String(v);
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  return at;
}

/** Writes −m · 10^-d (or m · 10^-d) without trailing zeros after the point. m < 10^15. */
function writeDecimal(out: Uint8Array, at: number, negative: boolean, m: number, d: number): number {
  let n = 0;
  if (m >= 1e9) {
    // Nine low digits from one floating remainder, the rest in 32-bit integer steps.
    let low = (m % 1e9) | 0;
    m = (m - low) / 1e9;
    for (let t = 0; t < 9; t++) {
      const q = (low / 10) | 0;
      DIGITS[n++] = 48 + low - q * 10;
      low = q;
    }
  }
  let high = m | 0;
  while (high > 0 || n <= d) {
    const q = (high / 10) | 0;
    DIGITS[n++] = 48 + high - q * 10;
    high = q;
  }
  let zeros = 0;
  while (zeros < d && DIGITS[zeros] === 48) zeros++;
  if (negative) out[at++] = 45; // '-'
  while (n > d) out[at++] = DIGITS[--n]!;
  if (d > zeros) {
    out[at++] = 46; // '.'
    while (n > zeros) out[at++] = DIGITS[--n]!;
  }
  return at;
}
