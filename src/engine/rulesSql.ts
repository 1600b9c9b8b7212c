import { isNumberCondition, type RuleCondition } from '../explain/segmentRules.js';
import type { SegmentaModel } from '../model/model.js';
import { UsageError } from '../util/errors.js';
import { caseOn, dialectOf, sqlNumber, type SqlDialect } from './sqlDialect.js';

/**
 * The segments' readable rules as SQL (`export-sql --rules`): a `CASE WHEN <rule of segment 1> THEN 1 WHEN …
 * ELSE NULL END` on the raw columns of `table`, so a CRM can filter on the same conditions the report prints.
 * A customer takes the first rule it meets in segment order (`segmentByRules`); one that meets none, or has
 * a missing value in every path it could meet, gets NULL. Returns the key, `segment` and `segment_name`.
 * O(size of the rules).
 */
export function rulesSql(model: SegmentaModel, dialectName: SqlDialect, table: string): string {
  const d = dialectOf(dialectName);
  const rules = model.rules;
  if (!rules)
    throw new UsageError('this model.json holds no rules (a database run, or a model from before rules): re-run segmenta run on the file to get them');
  const key = model.key === null ? null : d.ident(model.key);
  const condition = (c: RuleCondition): string =>
    isNumberCondition(c)
      ? `CAST(${d.ident(c.column)} AS ${d.double}) ${c.op} ${sqlNumber(c.value)}`
      : `CAST(${d.ident(c.column)} AS ${d.text}) ${c.op === 'is' ? '=' : '<>'} ${d.literal(c.level)}`;
  const whens = rules.rules
    .filter((r) => r.paths.length > 0)
    .map((r) => `      WHEN ${r.paths.map((p) => (p.length ? `(${p.map(condition).join(' AND ')})` : '1 = 1')).join('\n        OR ')} THEN ${r.segment}`);
  const on = caseOn(d, 'segment');
  const names = model.segments.map((s) => `    WHEN ${on.when(String(s.id))} THEN ${d.literal(s.name)}`).join('\n');
  // The comment holds only words and numbers of our own: never a value read from the model file.
  return `-- Segmenta rules query (${dialectName}): ${model.segments.length} segments, rules of depth ≤ ${Math.trunc(rules.depth)}; a customer takes the first rule it meets (segment order), none: NULL
SELECT segmenta_key AS ${key ?? d.ident('key')}, segment, ${on.head}
${names}
  END AS segment_name
FROM (
  SELECT ${key ?? 'NULL'} AS segmenta_key, CASE
${whens.join('\n')}
      ELSE NULL
    END AS segment
  FROM ${table}
) AS ruled;
`;
}
