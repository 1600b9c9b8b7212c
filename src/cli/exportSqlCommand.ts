import { rulesSql } from '../engine/rulesSql.js';
import { scoringSql, SQL_DIALECTS, type SqlDialect } from '../engine/scoringSql.js';
import { loadModel } from '../model/loadModel.js';
import { UsageError } from '../util/errors.js';
import { helpText, parseCommandFlags, type CommandHelp } from './commandFlags.js';
import { writeStdout } from '../util/terminalText.js';

const EXPORT_SQL_HELP: CommandHelp = {
  usage: [`segmenta export-sql MODEL --dialect ${SQL_DIALECTS.join('|')} [--table NAME] [--rules]`],
  about: `Prints the SQL that scores customers in your database with a k-means or hierarchical model.json:
the model's preprocessing, the nearest segment centre, and the segment name.`,
  sections: [
    {
      flags: [
        { flag: 'dialect', value: SQL_DIALECTS.join('|'), doc: 'the SQL dialect to write (required)' },
        {
          flag: 'table',
          value: 'NAME',
          doc: `the customers' table (default customers; any FROM expression works, e.g. "read_parquet('new.parquet')" in DuckDB)`,
        },
        {
          flag: 'rules',
          doc: "print the segments' readable rules instead (any method): CASE WHEN <rule> THEN <segment> on the raw columns, the conditions the report and summary print; a customer takes the first rule it meets, in segment order, and NULL when it meets none",
        },
      ],
    },
  ],
};

/** `segmenta export-sql MODEL --dialect D`. Returns the exit code. */
export async function exportSqlCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandFlags(argv, EXPORT_SQL_HELP, 'export-sql');
  if (values['help']) return (console.log(helpText(EXPORT_SQL_HELP)), 0);
  if (positionals.length !== 1) throw new UsageError('export-sql: give one model.json (segmenta export-sql MODEL --dialect duckdb)');
  const dialect = values['dialect'] as string | undefined;
  if (!dialect || !(SQL_DIALECTS as readonly string[]).includes(dialect))
    throw new UsageError(`export-sql: --dialect must be one of ${SQL_DIALECTS.join(', ')}`);
  const write = values['rules'] ? rulesSql : scoringSql;
  writeStdout(write(loadModel(positionals[0]!), dialect as SqlDialect, (values['table'] as string | undefined) ?? 'customers'));
  return 0;
}
