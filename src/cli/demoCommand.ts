import { demoCustomers } from '../demo/demoCustomers.js';
import { cellText } from '../data/table.js';
import { csvText } from '../output/csvText.js';
import { UsageError } from '../util/errors.js';
import { EXIT_CODES, outFolder, segmentOptionsFrom } from './options.js';
import { baselineInputs } from './runCommand.js';
import { runOnTable } from './runOnTable.js';
import { runSections } from './runFlags.js';
import { helpText, intFlag, parseCommandFlags, type CommandHelp } from './commandFlags.js';
import { countText } from '../util/formatNumber.js';

const DEMO_HELP: CommandHelp = {
  usage: ["segmenta demo [--rows N] [run's options]"],
  about: `Runs segmenta run on a built-in, seeded, synthetic customer set (1,000 customers by default: loyalty membership,
age, preferred channel, income, spending score, web visits, tenure; some values missing) and also writes it to
DIR/demo_customers.csv, so that segmenta predict DIR/model.json DIR/demo_customers.csv can be tried.`,
  sections: [{ flags: [{ flag: 'rows', value: 'N', doc: 'customers to make up (default 1,000; 2 to 5,000,000)' }] }, ...runSections()],
  footer: EXIT_CODES,
};

/** Most demo customers: beyond it the made-up table alone would not fit in memory. */
const MAX_DEMO_ROWS = 5_000_000;

/** `segmenta demo [options]`. Returns the exit code. */
export async function demoCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandFlags(argv, DEMO_HELP, 'demo');
  if (values['help']) return (console.log(helpText(DEMO_HELP)), 0);
  if (positionals.length > 0) throw new UsageError(`demo: takes no file (the data are made up; segmenta run FILE segments yours)`);
  segmentOptionsFrom(values); // every option value checked before any work (labels against the columns later)
  const { run } = outFolder(values, 'demo', baselineInputs(values), 'demo');
  const rows = intFlag('rows', values['rows']) ?? 1000;
  if (rows < 2 || rows > MAX_DEMO_ROWS) throw new UsageError(`invalid --rows: ${rows} (expected an integer from 2 to ${countText(MAX_DEMO_ROWS)})`);
  const table = demoCustomers(rows);
  const data = csvText(
    table.columns.map((c) => c.name),
    Array.from({ length: table.rowCount }, (_, i) => table.columns.map((c) => cellText(c, i))),
  );
  await runOnTable(table, values, [{ name: 'demo_customers.csv', content: data }], run);
  return 0;
}
