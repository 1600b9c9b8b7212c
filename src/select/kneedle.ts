/**
 * Kneedle knee/elbow detection (Satopää, Albrecht, Irwin & Raghavan, "Finding a 'Kneedle' in a Haystack",
 * ICDCS workshops 2011), offline, for a decreasing convex curve such as inertia against k. Points are
 * normalised to the unit square; the difference curve is the vertical distance below the chord
 * (1 − x̂ − ŷ); a local maximum of it is the knee when the curve later falls below its threshold
 * (y − S · mean Δx) before rising to another maximum. The first such knee is returned; when none passes,
 * the global maximum of the difference curve. Returns the x of the knee, or undefined for < 3 points. O(n).
 */
export function kneedle(xs: readonly number[], ys: readonly number[], sensitivity = 1): number | undefined {
  const n = xs.length;
  if (n < 3) return undefined;
  const x0 = xs[0]!,
    x1 = xs[n - 1]!;
  let ymin = Infinity,
    ymax = -Infinity;
  for (const y of ys) ((ymin = Math.min(ymin, y)), (ymax = Math.max(ymax, y)));
  if (ymax === ymin || x1 === x0) return undefined;
  const xn = xs.map((x) => (x - x0) / (x1 - x0));
  const yn = ys.map((y) => (y - ymin) / (ymax - ymin));
  const diff = xn.map((x, i) => 1 - x - yn[i]!);
  const meanStep = (xn[n - 1]! - xn[0]!) / (n - 1);
  let best = 1;
  for (let i = 1; i < n - 1; i++) if (diff[i]! > diff[best]!) best = i;
  for (let i = 1; i < n - 1; i++) {
    if (!(diff[i]! >= diff[i - 1]! && diff[i]! > diff[i + 1]!)) continue;
    const threshold = diff[i]! - sensitivity * meanStep;
    for (let j = i + 1; j < n; j++) {
      if (j < n - 1 && diff[j]! >= diff[j - 1]! && diff[j]! > diff[j + 1]!) break;
      if (diff[j]! < threshold) return xs[i];
    }
  }
  return xs[best];
}
