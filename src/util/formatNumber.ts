/** Formats a number for sentences: up to 3 significant decimals, thousands separators, no exponent for customer-scale values. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  const digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : 3;
  return Number(v.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A share (0..1) as a percentage for sentences: one decimal from 1% up ("58.6%", "11%"), three significant digits below ("0.277%"). */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return `${share}%`;
  const p = share * 100;
  const text = Math.abs(p) >= 1 || p === 0 ? String(Number(p.toFixed(1))) : String(Number(p.toPrecision(3)));
  return `${text}%`;
}
