import { rulesSql } from '../engine/rulesSql.js';
import { scoringSql, SQL_DIALECTS, type SqlDialect } from '../engine/scoringSql.js';
import { loadModel } from '../model/loadModel.js';
import { UsageError } from '../util/errors.js';
import { parseFlags } from './options.js';
import { writeStdout } from '../util/terminalText.js';

export const EXPORT_SQL_HELP = `segmenta export-sql MODEL --dialect ${SQL_DIALECTS.join('|')} [--table NAME] [--rules]

Prints the SQL that scores customers in your database with a k-means or hierarchical model.json:
the model's preprocessing, the nearest segment centre, and the segment name, for the table NAME
(default customers; any FROM expression works, e.g. "read_parquet('new.parquet')" in DuckDB).

--rules   print the segments' readable rules instead (any method): CASE WHEN <rule> THEN <segment> on
          the raw columns, the conditions the report and summary print; a customer takes the first
          rule it meets, in segment order, and NULL when it meets none.`;

const FLAGS = { dialect: { type: 'string' }, table: { type: 'string' }, rules: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** `segmenta export-sql MODEL --dialect D`. Returns the exit code. */
export async function exportSqlCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, 'export-sql');
  if (values['help']) return (console.log(EXPORT_SQL_HELP), 0);
  if (positionals.length !== 1) throw new UsageError('export-sql: give one model.json (segmenta export-sql MODEL --dialect duckdb)');
  const dialect = values['dialect'] as string | undefined;
  if (!dialect || !(SQL_DIALECTS as readonly string[]).includes(dialect))
    throw new UsageError(`export-sql: --dialect must be one of ${SQL_DIALECTS.join(', ')}`);
  const write = values['rules'] ? rulesSql : scoringSql;
  writeStdout(write(loadModel(positionals[0]!), dialect as SqlDialect, (values['table'] as string | undefined) ?? 'customers'));
  return 0;
}
