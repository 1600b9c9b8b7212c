import { inSentence } from './columnLabels.js';
import { featureRole, type FeatureRole } from './featureRole.js';

/** A suggested action and the rule that produced it. */
export interface SuggestedAction {
  readonly action: string;
  readonly rule: string;
}

/** One condition of an action rule: a role's difference at least +0.5 sd (`high`) or at most −0.5 sd. */
interface Condition {
  readonly role: FeatureRole;
  readonly high: boolean;
}

/** The rules, first match wins; each states its condition in plain words. Documented in docs/report.md, "Suggested actions". */
export const ACTION_RULES: ReadonlyArray<{ when: string; conditions: readonly Condition[]; action: string }> = [
  {
    when: 'recency high (+0.5 sd or more: long since the last purchase)',
    conditions: [{ role: 'recency', high: true }],
    action: 'Win back: a time-limited reactivation offer and a "we miss you" message.',
  },
  {
    when: 'spending high and income low',
    conditions: [
      { role: 'spending', high: true },
      { role: 'income', high: false },
    ],
    action: 'Loyalty and credit offers: loyalty points, instalment plans and budget-friendly bundles keep them spending.',
  },
  {
    when: 'spending high and income high',
    conditions: [
      { role: 'spending', high: true },
      { role: 'income', high: true },
    ],
    action: 'VIP treatment: premium ranges, early access and personal service; guard them against churn.',
  },
  {
    when: 'spending low and income high',
    conditions: [
      { role: 'spending', high: false },
      { role: 'income', high: true },
    ],
    action: 'Untapped potential: personalised, quality-led offers to win a larger share of their wallet.',
  },
  {
    when: 'spending low and income low',
    conditions: [
      { role: 'spending', high: false },
      { role: 'income', high: false },
    ],
    action: 'Value deals: budget ranges and low-cost channels; keep the cost of serving them low.',
  },
  {
    when: 'spending high',
    conditions: [{ role: 'spending', high: true }],
    action: 'Reward and upsell: loyalty rewards and cross-selling of complementary products.',
  },
  { when: 'spending low', conditions: [{ role: 'spending', high: false }], action: 'Activate: purchase incentives and reminders to raise spending.' },
  {
    when: 'frequency high',
    conditions: [{ role: 'frequency', high: true }],
    action: 'Keep them engaged: a loyalty programme, subscriptions and referral incentives.',
  },
  {
    when: 'frequency low',
    conditions: [{ role: 'frequency', high: false }],
    action: 'Re-engage: reminders and personalised recommendations to bring them back more often.',
  },
  { when: 'tenure low', conditions: [{ role: 'tenure', high: false }], action: 'Onboard: a welcome journey that turns new customers into regulars.' },
  { when: 'no rule above applies', conditions: [], action: 'Mainstream: standard communication; A/B-test offers to learn what moves this group.' },
];

/** A rule's condition holds at ± 0.5 sd. */
const ACTION_THRESHOLD = 0.5;

/** A numeric feature's difference as the rules read it, with its label for the rule's words. */
interface ActionInput {
  readonly feature: string;
  readonly difference: number;
  readonly label?: string;
}

/**
 * Suggests one action for a segment from its standardized differences, by the first matching rule of
 * ACTION_RULES that does not read as the opposite of the segment's name: a rule is skipped when the name
 * says the other direction of one of its roles ("Low cash advance frequency" never gets "frequency high").
 * A role's difference is the one of its most different feature (0 when no feature has it); the rule's words
 * name the features it read ("Rule: frequency high, from purchases frequency."). O(features · rules).
 */
export function suggestAction(numeric: readonly ActionInput[], name: ReadonlyArray<{ feature: string; strength: number }> = []): SuggestedAction {
  const byRole = (role: FeatureRole): ActionInput | undefined =>
    numeric
      .filter((c) => featureRole(c.feature) === role)
      .reduce<ActionInput | undefined>((best, c) => (!best || Math.abs(c.difference) > Math.abs(best.difference) ? c : best), undefined);
  const holds = (c: Condition): boolean => {
    const d = byRole(c.role)?.difference ?? 0;
    return c.high ? d >= ACTION_THRESHOLD : d <= -ACTION_THRESHOLD;
  };
  // A role the name states in both directions (high purchases frequency, low cash advance frequency) opposes neither.
  const said = (c: Condition, high: boolean): boolean => name.some((t) => featureRole(t.feature) === c.role && t.strength > 0 === high);
  const opposes = (c: Condition): boolean => said(c, !c.high) && !said(c, c.high);
  const rule = ACTION_RULES.find((r) => r.conditions.every(holds) && !r.conditions.some(opposes))!;
  const read = rule.conditions.map((c) => byRole(c.role)!).map((c) => inSentence(c.label ?? c.feature));
  return { action: rule.action, rule: `Rule: ${rule.when}${read.length ? `, from ${read.join(' and ')}` : ''}.` };
}
