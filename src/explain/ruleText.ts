/** The conditions of a rule and how they read ("39.5 < Annual Income (k$) ≤ 69.5 and Gender is Female"). */

/**
 * One condition of a rule, in the column's own units: `column ≤ value` or `column > value` for numbers,
 * `column is level` or `column is not level` for categories.
 */
export type RuleCondition =
  | { readonly column: string; readonly op: '<=' | '>'; readonly value: number }
  | { readonly column: string; readonly op: 'is' | 'is not'; readonly level: string };

/** A condition on a number column (`≤`, `>`). */
export type NumberCondition = Extract<RuleCondition, { value: number }>;

/** Whether a condition compares a number (else it names a category level). */
export function isNumberCondition(c: RuleCondition): c is NumberCondition {
  return c.op === '<=' || c.op === '>';
}

/**
 * A bound as people read it: thousands separators, at most two decimals from 1 up (23,444.5 keeps its half: on
 * whole numbers it is the boundary between two values), three significant digits below 1 (0.577) so that a small
 * bound never reads 0. model.json keeps the exact bound.
 */
function readableBound(v: number): string {
  return Math.abs(v) >= 1 || v === 0 ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(Number(v.toPrecision(3)));
}

/** "39.5 < Annual Income (k$) ≤ 69.5 and Gender is Female, or …"; "no rule found" for none. */
export function ruleText(paths: ReadonlyArray<readonly RuleCondition[]>): string {
  if (paths.length === 0) return 'no rule found (the segment has no leaf of its own at this depth)';
  const num = readableBound;
  return paths
    .map((p) => {
      if (p.length === 0) return 'everyone';
      const columns = [...new Set(p.map((c) => c.column))];
      return columns
        .map((column) => {
          const on = p.filter((c) => c.column === column);
          const levels = (op: string): string[] => on.flatMap((c) => (!isNumberCondition(c) && c.op === op ? [c.level] : []));
          const [is] = levels('is');
          if (is !== undefined) return `${column} is ${is}`;
          const not = levels('is not');
          if (not.length) return `${column} is not ${not.join(' or ')}`;
          const bounds = on.filter(isNumberCondition);
          const above = bounds.find((c) => c.op === '>');
          const atMost = bounds.find((c) => c.op === '<=');
          if (above && atMost) return `${num(above.value)} < ${column} ≤ ${num(atMost.value)}`;
          return above ? `${column} > ${num(above.value)}` : `${column} ≤ ${num(atMost!.value)}`;
        })
        .join(' and ');
    })
    .join(', or ');
}
