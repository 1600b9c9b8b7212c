import { isNumberCondition, type RuleCondition } from '../explain/ruleText.js';
import type { SegmentaModel } from '../model/model.js';
import { UsageError } from '../util/errors.js';
import { caseOn, dialectOf, levelTest, sqlNumber, type SqlDialect } from './sqlDialect.js';

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
  // A level compares in the column's own type (`levelTest`), decided on every level the model knows of it.
  const levelsOf = (column: string): string[] => {
    const step = model.pipeline.steps.find((s) => s.column === column);
    const inRules = rules.rules.flatMap((r) => r.paths.flat()).filter((c) => c.column === column && !isNumberCondition(c));
    return [...(step?.kind === 'category' ? step.levels : []), ...inRules.map((c) => (c as { level: string }).level)];
  };
  const condition = (c: RuleCondition): string => {
    if (isNumberCondition(c)) return `CAST(${d.ident(c.column)} AS ${d.double}) ${c.op} ${sqlNumber(c.value)}`;
    const is = levelTest(d, c.column, levelsOf(c.column))(c.level);
    return c.op === 'is' ? is : `NOT (${is})`;
  };
  if (rules.rules.every((r) => r.paths.length === 0))
    throw new UsageError('this model.json holds no rule that finds a customer (every tree found none): there is nothing to write as SQL');
  const whens = rules.rules
    .filter((r) => r.paths.length > 0)
    .map((r) => `      WHEN ${r.paths.map((p) => (p.length ? `(${p.map(condition).join(' AND ')})` : '1 = 1')).join('\n        OR ')} THEN ${r.segment}`);
  const on = caseOn(d, 'segmenta_segment');
  const names = model.segments.map((s) => `    WHEN ${on.when(String(s.id))} THEN ${d.literal(s.name)}`).join('\n');
  // Its own names carry segmenta_ beside the table's columns: ClickHouse reads a name as an alias of the same
  // SELECT before a column (a key column called "segment" read the CASE; measured on 18.16).
  // The comment holds only words and numbers of our own: never a value read from the model file.
  return `-- Segmenta rules query (${dialectName}): ${model.segments.length} segments, rules of depth ≤ ${Math.trunc(rules.depth)}; a customer takes the first rule it meets (segment order), none: NULL
SELECT segmenta_key AS ${key ?? d.ident('key')}, segmenta_segment AS segment, ${on.head}
${names}
  END AS segment_name
FROM (
  SELECT ${key ?? 'NULL'} AS segmenta_key, CASE
${whens.join('\n')}
      ELSE NULL
    END AS segmenta_segment
  FROM ${table}
) AS ruled;
`;
}
