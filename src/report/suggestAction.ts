import { featureRole, type FeatureRole } from '../explain/featureRole.js';
import type { SuggestedAction } from '../charts/reportData.js';

/** The rules, first match wins; each states its condition in plain words. Documented in the README. */
export const ACTION_RULES: ReadonlyArray<{ when: string; test: (d: (r: FeatureRole) => number) => boolean; action: string }> = [
  {
    when: 'recency high (+0.5 sd or more: long since the last purchase)',
    test: (d) => d('recency') >= 0.5,
    action: 'Win back: a time-limited reactivation offer and a "we miss you" message.',
  },
  {
    when: 'spending high and income low',
    test: (d) => d('spending') >= 0.5 && d('income') <= -0.5,
    action: 'Loyalty and credit offers: loyalty points, instalment plans and budget-friendly bundles keep them spending.',
  },
  {
    when: 'spending high and income high',
    test: (d) => d('spending') >= 0.5 && d('income') >= 0.5,
    action: 'VIP treatment: premium ranges, early access and personal service; guard them against churn.',
  },
  {
    when: 'spending low and income high',
    test: (d) => d('spending') <= -0.5 && d('income') >= 0.5,
    action: 'Untapped potential: personalised, quality-led offers to win a larger share of their wallet.',
  },
  {
    when: 'spending low and income low',
    test: (d) => d('spending') <= -0.5 && d('income') <= -0.5,
    action: 'Value deals: budget ranges and low-cost channels; keep the cost of serving them low.',
  },
  { when: 'spending high', test: (d) => d('spending') >= 0.5, action: 'Reward and upsell: loyalty rewards and cross-selling of complementary products.' },
  { when: 'spending low', test: (d) => d('spending') <= -0.5, action: 'Activate: purchase incentives and reminders to raise spending.' },
  { when: 'frequency high', test: (d) => d('frequency') >= 0.5, action: 'Keep them engaged: a loyalty programme, subscriptions and referral incentives.' },
  {
    when: 'frequency low',
    test: (d) => d('frequency') <= -0.5,
    action: 'Re-engage: reminders and personalised recommendations to bring them back more often.',
  },
  { when: 'tenure low', test: (d) => d('tenure') <= -0.5, action: 'Onboard: a welcome journey that turns new customers into regulars.' },
  { when: 'no rule above applies', test: () => true, action: 'Mainstream: standard communication; A/B-test offers to learn what moves this group.' },
];

/**
 * Suggests one action for a segment from its standardized differences, by the first matching rule of
 * ACTION_RULES. A role's difference is the one of its most different feature (0 when no feature has it).
 */
export function suggestAction(numeric: ReadonlyArray<{ feature: string; difference: number }>): SuggestedAction {
  const byRole = (role: FeatureRole): number =>
    numeric.filter((c) => featureRole(c.feature) === role).reduce((best, c) => (Math.abs(c.difference) > Math.abs(best) ? c.difference : best), 0);
  const rule = ACTION_RULES.find((r) => r.test(byRole))!;
  return { action: rule.action, rule: `Rule: ${rule.when}.` };
}
