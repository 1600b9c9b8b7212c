import { nameTokens } from '../data/detectKey.js';

/** What a numeric feature measures, guessed from its name. */
export type FeatureRole = 'spending' | 'income' | 'recency' | 'frequency' | 'tenure' | 'other';

const ROLE_WORDS: ReadonlyArray<[FeatureRole, readonly string[]]> = [
  ['recency', ['recency', 'recent', 'since', 'last', 'inactive']],
  ['income', ['income', 'salary', 'earnings', 'wage', 'wealth', 'limit']],
  ['frequency', ['frequency', 'visits', 'visit', 'orders', 'trx', 'transactions', 'count', 'num', 'purchases']],
  ['spending', ['spending', 'spend', 'spent', 'monetary', 'revenue', 'sales', 'amount', 'mnt', 'value', 'payments', 'purchase']],
  ['tenure', ['tenure', 'membership', 'seniority', 'loyalty']],
];

/** The role of a feature by the words of its name ("Spending Score (1-100)" → spending). */
export function featureRole(name: string): FeatureRole {
  const words = nameTokens(name);
  for (const [role, keys] of ROLE_WORDS) if (words.some((w) => keys.includes(w))) return role;
  return 'other';
}
