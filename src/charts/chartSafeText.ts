/**
 * Vega-Lite writes titles, tooltip titles and sort orders into Vega expressions as string literals, escaping
 * quotes but not a backslash before a quote, line breaks or U+2028/U+2029: a column named `a\"b` or holding
 * a line break made the whole report fail to draw. Every string of a spec (keys included, so field names
 * and data stay consistent) has its backslashes shown as "⧵" and its control and line-separator
 * characters as spaces. Strings without them are returned as they are. O(size of the spec).
 */
export function chartSafeText<T>(spec: T): T {
  return walk(spec) as T;
}

// eslint-disable-next-line no-control-regex -- control characters are what this removes
const UNSAFE = /[\\\u0000-\u001f\u007f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const UNSAFE_ALL = /[\u0000-\u001f\u007f\u2028\u2029]/g;

function clean(s: string): string {
  return UNSAFE.test(s) ? s.replaceAll('\\', '⧵').replace(UNSAFE_ALL, ' ') : s;
}

function walk(v: unknown): unknown {
  if (typeof v === 'string') return clean(v);
  if (Array.isArray(v)) return v.map(walk);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [clean(k), walk(x)]));
  return v;
}
