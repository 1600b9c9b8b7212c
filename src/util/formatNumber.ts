/** Formats a number for sentences: up to 3 significant decimals, thousands separators, no exponent for customer-scale values. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  const digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : 3;
  const rounded = Number(v.toFixed(digits));
  // Rounded already, its shortest text has at most `digits` decimals: what toLocaleString would print, grouped.
  if (Math.abs(rounded) >= 1e21) return rounded.toLocaleString('en-US', { maximumFractionDigits: digits });
  const [whole, fraction] = String(Math.abs(rounded)).split('.');
  return `${rounded < 0 || Object.is(rounded, -0) ? '-' : ''}${groupThousands(whole!)}${fraction ? `.${fraction}` : ''}`;
}

/**
 * `v.toLocaleString('en-US')` ("12,345"), the same text, built without ICU for whole numbers: the first
 * toLocaleString of a process loads ICU's locale data, 20 ms of a 0.8 s `segmenta run`. Other values
 * (fractions, beyond 2⁵³) go through toLocaleString. O(digits).
 */
export function countText(v: number): string {
  if (!Number.isSafeInteger(v)) return v.toLocaleString('en-US');
  return `${v < 0 || Object.is(v, -0) ? '-' : ''}${groupThousands(String(Math.abs(v)))}`;
}

/** "1234567" → "1,234,567". */
function groupThousands(digits: string): string {
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = digits.slice(Math.max(0, end - 3), end) + (out ? `,${out}` : '');
  return out;
}

/** A share (0..1) as a percentage for sentences: one decimal from 1% up ("58.6%", "11%"), three significant digits below ("0.277%"). */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return `${share}%`;
  const p = share * 100;
  const text = Math.abs(p) >= 1 || p === 0 ? String(Number(p.toFixed(1))) : String(Number(p.toPrecision(3)));
  return `${text}%`;
}
