import { demoCustomers } from '../demo/demoCustomers.js';
import { cellText } from '../data/table.js';
import { csvText } from '../output/csvText.js';
import { UsageError } from '../util/errors.js';
import { intFlag, outFolder, parseFlags, RUN_FLAGS } from './options.js';
import { baselineInputs, RUN_HELP, runOnTable } from './runCommand.js';

export const DEMO_HELP = `segmenta demo [--rows N] [run's options]

Runs segmenta run on a built-in, seeded, synthetic customer set (1,000 customers by default: loyalty membership, age, preferred channel,
income, spending score, web visits, tenure; some values missing) and also writes it to
DIR/demo_customers.csv, so that segmenta predict DIR/model.json DIR/demo_customers.csv can be tried.

${RUN_HELP.split('\n').slice(4).join('\n')}`;

/** Most demo customers: beyond it the made-up table alone would not fit in memory. */
const MAX_DEMO_ROWS = 5_000_000;

/** `segmenta demo [options]`. Returns the exit code. */
export async function demoCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseFlags(argv, { ...RUN_FLAGS, rows: { type: 'string' } }, 'demo');
  if (values['help']) return (console.log(DEMO_HELP), 0);
  const { run } = outFolder(values, 'demo', baselineInputs(values), 'demo');
  const rows = intFlag('rows', values['rows'] as string | undefined) ?? 1000;
  if (rows < 2 || rows > MAX_DEMO_ROWS)
    throw new UsageError(`invalid --rows: ${rows} (expected an integer from 2 to ${MAX_DEMO_ROWS.toLocaleString('en-US')})`);
  const table = demoCustomers(rows);
  const data = csvText(
    table.columns.map((c) => c.name),
    Array.from({ length: table.rowCount }, (_, i) => table.columns.map((c) => cellText(c, i))),
  );
  await runOnTable(table, values, [{ name: 'demo_customers.csv', content: data }], run);
  return 0;
}
