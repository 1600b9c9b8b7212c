/**
 * ∫ₐᵇ f for a smooth vector-valued f by adaptive Simpson: an interval is halved until its two halves agree with
 * the whole within 15 × tol (absolute, in every component; the halves' share of tol never below 10⁻¹⁵, where
 * rounding starts), at most 20 halvings deep (10⁶ evaluations at worst). Deterministic. Used for
 * probabilities (values in [0, 1]), where an absolute tolerance is the right one. O(evaluations × length of f).
 */
export function integrate(f: (t: number) => number[], a: number, b: number, tol = 1e-12): number[] {
  const fa = f(a),
    fb = f(b),
    m = (a + b) / 2,
    fm = f(m);
  return simpsonStep(f, a, b, fa, fm, fb, simpson(a, b, fa, fm, fb), tol, 20);
}

function simpson(a: number, b: number, fa: number[], fm: number[], fb: number[]): number[] {
  return fa.map((v, i) => ((b - a) / 6) * (v + 4 * fm[i]! + fb[i]!));
}

function simpsonStep(
  f: (t: number) => number[],
  a: number,
  b: number,
  fa: number[],
  fm: number[],
  fb: number[],
  whole: number[],
  tol: number,
  depth: number,
): number[] {
  const m = (a + b) / 2;
  const lm = (a + m) / 2,
    rm = (m + b) / 2;
  const flm = f(lm),
    frm = f(rm);
  const left = simpson(a, m, fa, flm, fm),
    right = simpson(m, b, fm, frm, fb);
  const error = Math.max(...whole.map((w, i) => Math.abs(left[i]! + right[i]! - w)));
  if (depth <= 0 || error <= 15 * tol) return left.map((l, i) => l + right[i]! + (l + right[i]! - whole[i]!) / 15);
  const half = Math.max(tol / 2, 1e-15);
  const l = simpsonStep(f, a, m, fa, flm, fm, left, half, depth - 1);
  const r = simpsonStep(f, m, b, fm, frm, fb, right, half, depth - 1);
  return l.map((v, i) => v + r[i]!);
}
