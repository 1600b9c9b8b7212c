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

/** Gauss–Kronrod 7–15 (QUADPACK's qk15): the Kronrod nodes on [0, 1) of [−1, 1], their weights, and the Gauss weights of the odd ones. */
const KRONROD_NODES = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911, 0.4058451513773972, 0.20778495500789848, 0,
];
const KRONROD_WEIGHTS = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679, 0.19035057806478542, 0.20443294007529889,
  0.20948214108472782,
];
const GAUSS_WEIGHTS = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

interface Panel {
  readonly a: number;
  readonly b: number;
  readonly value: number;
  readonly error: number;
}

function kronrodPanel(f: (t: number) => number, a: number, b: number): Panel {
  const mid = (a + b) / 2,
    half = (b - a) / 2;
  let kronrod = 0,
    gauss = 0;
  for (let i = 0; i < 8; i++) {
    const x = KRONROD_NODES[i]! * half;
    const sum = i === 7 ? f(mid) : f(mid - x) + f(mid + x);
    kronrod += KRONROD_WEIGHTS[i]! * sum;
    if (i % 2 === 1) gauss += GAUSS_WEIGHTS[(i - 1) / 2]! * sum;
  }
  return { a, b, value: kronrod * half, error: Math.abs((kronrod - gauss) * half) };
}

/**
 * ∫ₐᵇ f for a smooth f ≥ 0 whose size may change by orders of magnitude over [a, b] (a steep exponential), by
 * globally adaptive Gauss–Kronrod 7–15: the panel with the largest |Kronrod − Gauss| is halved until those
 * differences sum to at most `rel` of the integral, at most 500 panels. The difference overstates the
 * Kronrod sum's own error by orders of magnitude, so the result is good to about 1e-15 relative where rel is
 * 1e-10. Deterministic. O(15 × panels).
 */
export function integratePositive(f: (t: number) => number, a: number, b: number, rel = 1e-10): number {
  const panels = [kronrodPanel(f, a, b)];
  for (;;) {
    let value = 0,
      error = 0,
      worst = 0;
    for (let i = 0; i < panels.length; i++) {
      value += panels[i]!.value;
      error += panels[i]!.error;
      if (panels[i]!.error > panels[worst]!.error) worst = i;
    }
    if (error <= rel * Math.abs(value) || panels.length >= 500) return value;
    const { a: lo, b: hi } = panels[worst]!;
    const mid = (lo + hi) / 2;
    panels.splice(worst, 1, kronrodPanel(f, lo, mid), kronrodPanel(f, mid, hi));
  }
}
