import { readSmallFile } from '../util/readSmallFile.js';
import { rfmRunFiles } from '../rfm/rfmOutputs.js';
import { writeRunFolder } from '../output/runFolder.js';
import { rfm, type RfmOptions } from '../rfm/rfm.js';
import { loadRfmRules } from '../rfm/rfmRules.js';
import { openEngine } from '../engine/openEngine.js';
import { DataError } from '../util/errors.js';
import { countText, formatNumber, formatPercent } from '../util/formatNumber.js';
import { EXIT_CODES, reportChoice } from './options.js';
import { helpText, intFlag, parseCommandFlags, type CommandHelp } from './commandFlags.js';
import { clusteringFlags, ORDER_LOG_COLUMN_FLAGS, ORDER_LOG_OUTPUT_FLAGS, orderLogSource, RFM_ANALYSIS_FLAGS } from './orderLogFlags.js';
import { formatTable } from './printTable.js';
import { commandProgress } from './progress.js';
import { commandLine } from './summaryText.js';
import { writeStdout } from '../util/terminalText.js';

const RFM_HELP: CommandHelp = {
  usage: [
    'segmenta rfm FILE --customer COL --date COL (--amount COL | --quantity COL --price COL) [options]',
    'segmenta rfm --db URL --table ORDERS --customer COL --date COL (--amount COL | --quantity COL --price COL) [options]',
  ],
  about: `Segments customers from an order log (one line per purchase): recency, frequency and monetary value per
customer (computed in DuckDB), scores 1..bins, the classic RFM segment names, and k-means on log R, F, M.
Writes into --out: rfm.csv, rfm_summary.json, model.json and report.html (with an RFM section; none with --no-report).`,
  sections: [
    { title: 'The order log', flags: ORDER_LOG_COLUMN_FLAGS },
    {
      title: 'The analysis',
      flags: [
        { flag: 'as-of', value: 'DATE', doc: 'reference date for recency (default: the day after the last date in the log)' },
        { flag: 'cuts', value: 'FILE', doc: 'JSON {"recency": [...], "frequency": [...], "monetary": [...]}: bins−1 upper bounds each' },
        ...RFM_ANALYSIS_FLAGS,
      ],
    },
    { title: 'Output', flags: ORDER_LOG_OUTPUT_FLAGS },
  ],
  footer: EXIT_CODES,
};

/** `segmenta rfm FILE ...`. Returns the exit code. */
export async function rfmCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandFlags(argv, RFM_HELP, 'rfm');
  if (values['help']) return (console.log(helpText(RFM_HELP)), 0);
  const str = (n: string): string | undefined => values[n] as string | undefined;
  const { columns, db, out, run } = orderLogSource('rfm', values, positionals);
  const progress = commandProgress(values);
  const options: RfmOptions = {
    ...columns,
    asOf: str('as-of'),
    bins: intFlag('bins', values['bins']),
    cuts: str('cuts') ? readCuts(str('cuts')!) : undefined,
    rules: str('rules') ? loadRfmRules(str('rules')!) : undefined,
    clustering: { ...clusteringFlags(values), onProgress: progress },
  };
  progress(`reading and summing up ${db === undefined ? positionals[0]! : str('table')!}`);
  const engine = db === undefined ? undefined : await openEngine(db);
  let result: Awaited<ReturnType<typeof rfm>>;
  try {
    result = await rfm(engine ? { engine, table: str('table')! } : positionals[0]!, options);
  } finally {
    await engine?.close();
  }
  progress('writing the report');
  const sourceName = engine ? `${str('table')} in ${engine.label}` : positionals[0]!;
  const files = await rfmRunFiles(result, options.clustering?.seed ?? 0, commandLine(), reportChoice(values));
  const summary = String(files.find((f) => f.name === 'rfm_summary.json')!.content);
  const seg = result.clustering;
  const written = writeRunFolder(out, files, run);
  progress.end();
  if (values['json']) return (writeStdout(summary), 0);
  if (values['quiet']) return 0;
  const c = result.cleaning;
  console.log(
    `${sourceName}: ${countText(c.lines)} lines → ${countText(c.customers)} customers (dropped ${countText(c.dropped.noCustomer)} without customer, ${countText(c.dropped.nonPositivePrice)} with price ≤ 0, ${countText(c.dropped.zeroValue)} of zero value, ${countText(c.dropped.noDate)} without date; ${countText(c.cancellationLines)} cancellation and ${countText(c.returnLines)} return lines netted; ${countText(c.returnOnlyCustomers)} return-only customers left out)`,
  );
  console.log(`dates: ${result.dateFormat} (${result.dateFormatNote}); recency counted to ${result.asOf}\n`);
  const pct = formatPercent;
  console.log(
    formatTable(
      ['RFM segment', 'customers', 'share', 'orders', 'revenue', 'revenue share', 'avg order'],
      result.segments.map((s) => [
        s.name,
        String(s.customers),
        pct(s.shareOfCustomers),
        String(s.orders),
        formatNumber(s.revenue),
        pct(s.shareOfRevenue),
        formatNumber(s.averageOrderValue),
      ]),
    ),
  );
  console.log(`\nclusters on log R, F, M: ${seg.choice.reason}`);
  console.log(
    formatTable(
      ['cluster', 'customers', 'revenue share'],
      result.clusters.map((s) => [s.name, String(s.customers), pct(s.shareOfRevenue)]),
    ),
  );
  console.log(`\nwrote ${written.filter((w) => !w.endsWith('.png')).join(', ')}`);
  return 0;
}

function readCuts(path: string): RfmOptions['cuts'] {
  try {
    return JSON.parse(readSmallFile(path, '--cuts', 'a cuts JSON file', 1024 * 1024)) as RfmOptions['cuts'];
  } catch (e) {
    throw new DataError(`${path}: cannot read the cut points (${(e as Error).message.split('\n')[0]}); give JSON like {"recency": [30, 90, 180, 365]}`);
  }
}
