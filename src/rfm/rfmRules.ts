import { readFileSync } from 'node:fs';
import { DataError } from '../util/errors.js';

/** One naming rule: inclusive score ranges on a 1–5 scale; a missing range matches every score. */
export interface RfmRule {
  readonly name: string;
  readonly r?: readonly [number, number];
  readonly f?: readonly [number, number];
  readonly m?: readonly [number, number];
}

/**
 * The default rules (the classic recency × frequency map), first match wins. Together they cover every
 * (R, F) pair on the 1–5 scale, so every R·F·M combination gets a name.
 */
export const DEFAULT_RFM_RULES: readonly RfmRule[] = [
  { name: 'Champions', r: [5, 5], f: [4, 5] },
  { name: 'Loyal Customers', r: [3, 4], f: [4, 5] },
  { name: 'Potential Loyalist', r: [4, 5], f: [2, 3] },
  { name: 'New Customers', r: [5, 5], f: [1, 1] },
  { name: 'Promising', r: [4, 4], f: [1, 1] },
  { name: 'Need Attention', r: [3, 3], f: [3, 3] },
  { name: 'About To Sleep', r: [3, 3], f: [1, 2] },
  { name: "Can't Lose Them", r: [1, 2], f: [5, 5] },
  { name: 'At Risk', r: [1, 2], f: [3, 4] },
  { name: 'Hibernating', r: [2, 2], f: [1, 2] },
  { name: 'Lost', r: [1, 1], f: [1, 2] },
];

/** Name given to score combinations no rule matches (only possible with a user's own rules). */
export const UNMATCHED = 'Others';

/** A score on 1..bins mapped onto the rules' 1–5 scale: 1 + round((s − 1) · 4 / (bins − 1)). */
export function toFivePointScale(score: number, bins: number): number {
  return bins === 5 ? score : 1 + Math.round(((score - 1) * 4) / Math.max(1, bins - 1));
}

/** The first rule matching the scores (each on 1..bins), or UNMATCHED. O(rules). */
export function nameByRules(r: number, f: number, m: number, bins: number, rules: readonly RfmRule[] = DEFAULT_RFM_RULES): string {
  const s = { r: toFivePointScale(r, bins), f: toFivePointScale(f, bins), m: toFivePointScale(m, bins) };
  const inRange = (v: number, range?: readonly [number, number]): boolean => !range || (v >= range[0] && v <= range[1]);
  return rules.find((rule) => inRange(s.r, rule.r) && inRange(s.f, rule.f) && inRange(s.m, rule.m))?.name ?? UNMATCHED;
}

/** Reads a rules JSON file: an array of {name, r?, f?, m?} with [low, high] ranges on 1–5; checked, errors name the rule. */
export function loadRfmRules(path: string): RfmRule[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new DataError(`${path}: cannot read the rules (${(e as Error).message.split('\n')[0]}); give a JSON array of {"name", "r", "f", "m"}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new DataError(`${path}: the rules must be a non-empty JSON array`);
  return parsed.map((rule: Record<string, unknown>, i) => {
    if (typeof rule?.['name'] !== 'string' || rule['name'] === '') throw new DataError(`${path}: rule ${i + 1} has no "name"`);
    for (const key of ['r', 'f', 'm']) {
      const v = rule[key];
      if (v !== undefined && !(Array.isArray(v) && v.length === 2 && v.every((x) => Number.isInteger(x) && x >= 1 && x <= 5) && v[0] <= v[1])) {
        throw new DataError(`${path}: rule "${rule['name']}" has an invalid "${key}" (expected [low, high] with 1 ≤ low ≤ high ≤ 5)`);
      }
    }
    return rule as unknown as RfmRule;
  });
}
