const DROP = new Set(['annual', 'score', 'mnt', 'num', 'amount', 'amt', 'total', 'value', 'nb', 'no']);

/**
 * A feature name as words for segment names: units in brackets dropped, camelCase and snake_case split,
 * lower case, filler words (annual, score, mnt, num, amount, total…) removed when others remain.
 * "Annual Income (k$)" → "income", "MntWines" → "wines", "CREDIT_LIMIT" → "credit limit".
 */
export function humanizeName(name: string): string {
  const words = name
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9%$€£]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
  const kept = words.filter((w) => !DROP.has(w));
  return (kept.length > 0 ? kept : words).join(' ') || name;
}
