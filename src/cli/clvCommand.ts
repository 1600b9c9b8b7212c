import { readSmallFile } from '../util/readSmallFile.js';
import { customerValue, type ClvOptions } from '../clv/clv.js';
import { checkClvModel, purchaseModelOf, type ClvModel } from '../clv/clvModel.js';
import { paramsText } from '../clv/clvFigures.js';
import type { ModelComparison } from '../clv/modelComparison.js';
import { comparisonRows } from '../clv/comparisonRows.js';
import { countsOneTimeBuyersAlive } from '../clv/purchaseModel.js';
import { TIME_UNIT_DAYS, type TimeUnit } from '../clv/purchaseHistories.js';
import { clvRunFiles } from '../clv/clvOutputs.js';
import { openEngine } from '../engine/openEngine.js';
import { writeRunFolder } from '../output/runFolder.js';
import { loadRfmRules } from '../rfm/rfmRules.js';
import { DataError, UsageError } from '../util/errors.js';
import { countText, formatNumber } from '../util/formatNumber.js';
import { EXIT_CODES, optionValue, reportChoice } from './options.js';
import { helpText, intFlag, parseCommandFlags, type CommandHelp, type FlagValues } from './commandFlags.js';
import type { RfmColumns } from '../rfm/cleanOrderLog.js';
import { clusteringFlags, ORDER_LOG_COLUMN_FLAGS, ORDER_LOG_OUTPUT_FLAGS, orderLogSource, RFM_ANALYSIS_FLAGS } from './orderLogFlags.js';
import { formatTable } from './printTable.js';
import { commandProgress } from './progress.js';
import { commandLine } from './summaryText.js';
import { writeStdout } from '../util/terminalText.js';

const CLV_HELP: CommandHelp = {
  usage: [
    'segmenta clv FILE --customer COL --date COL (--amount COL | --quantity COL --price COL) [options]',
    'segmenta clv --db URL --table ORDERS --customer COL --date COL (--amount COL | --quantity COL --price COL) [options]',
  ],
  about: `Customer value ahead from an order log: a model of repeat purchases and dropout (BG/NBD by default;
modified BG/NBD, Pareto/NBD or BG/BB, or the best of them with --purchase-model auto) and the Gamma-Gamma
model of order values, fitted by maximum likelihood; per customer P(alive),
expected purchases and expected value over the horizon, joined to the customer's RFM scores and segment.
The log is cleaned as by segmenta rfm; a purchase is a day with at least one purchase line.
Writes into --out: clv.csv, clv_summary.json, model.json (the fitted model) and report.html (none with --no-report).`,
  sections: [
    { title: 'The order log', flags: ORDER_LOG_COLUMN_FLAGS },
    {
      title: 'The model',
      flags: [
        {
          flag: 'purchase-model',
          value: 'bgnbd|mbgnbd|paretonbd|bgbb|auto',
          doc: 'the purchase model (default bgnbd); auto fits each and keeps the best by holdout error, or by BIC without a holdout',
        },
        { flag: 'calibration-end', value: 'DATE', doc: 'fit on purchases up to DATE; later ones are the holdout: predicted against actual' },
        { flag: 'holdout-end', value: 'DATE', doc: 'the holdout stops at DATE; later purchases are left out (default: the last day of the log)' },
        { flag: 'horizon', value: 'N', doc: 'months ahead for expected purchases and value (default 12)' },
        { flag: 'period-days', value: 'N', doc: 'days in the month the horizon counts (default 365.25/12 = 30.44; 30 matches lifetimes)' },
        { flag: 'time-unit', value: 'day|week|month', doc: 'the unit of recency, T and the parameters (default week)' },
        { flag: 'discount-rate', value: 'R', doc: 'monthly discount rate for the expected value, e.g. 0.01 (default 0)' },
        { flag: 'model', value: 'FILE', doc: 'score with a model.json of an earlier clv run instead of fitting' },
      ],
    },
    { title: 'The RFM analysis (as segmenta rfm)', flags: RFM_ANALYSIS_FLAGS },
    { title: 'Output', flags: ORDER_LOG_OUTPUT_FLAGS },
  ],
  footer: EXIT_CODES,
};

/** `segmenta clv FILE ...`. Returns the exit code. */
export async function clvCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandFlags(argv, CLV_HELP, 'clv');
  if (values['help']) return (console.log(helpText(CLV_HELP)), 0);
  const str = (n: string): string | undefined => values[n] as string | undefined;
  const { columns, db, out, run } = orderLogSource('clv', values, positionals);
  const progress = commandProgress(values);
  const options: ClvOptions = {
    ...columns,
    ...modelFlags(values),
    rfm: { ...rfmFlags(values), clustering: { ...clusteringFlags(values), onProgress: progress } },
    onProgress: (stage, iteration) => progress(iteration === undefined ? stage : `${stage}, iteration ${iteration}`),
  };
  progress(`reading ${db === undefined ? positionals[0]! : str('table')!}`);
  const engine = db === undefined ? undefined : await openEngine(db);
  let result: Awaited<ReturnType<typeof customerValue>>;
  try {
    result = await customerValue(engine ? { engine, table: str('table')! } : positionals[0]!, options);
  } finally {
    await engine?.close();
  }
  const sourceName = engine ? `${str('table')} in ${engine.label}` : positionals[0]!;
  progress('writing the report');
  const files = await clvRunFiles(result, (optionValue(values, 'seed') as number | undefined) ?? 0, commandLine(), reportChoice(values));
  const written = writeRunFolder(out, files, run);
  progress.end();
  if (values['json']) return (writeStdout(String(files.find((f) => f.name === 'clv_summary.json')!.content)), 0);
  if (values['quiet']) return 0;
  const h = result.histories;
  const m = result.model;
  const p = (v: number): string => v.toPrecision(4);
  const { model: purchase, params } = purchaseModelOf(m);
  const repeatOnly = countsOneTimeBuyersAlive(purchase.name);
  if (result.comparison) console.log(`${comparisonTable(result.comparison)}\nchosen: ${result.comparison.reason}\n`);
  console.log(
    `${sourceName}: ${countText(result.customers.length)} customers, ${countText(result.customers.filter((c) => c.x > 0).length)} of them repeat buyers; calibration ${h.firstDate} to ${h.calibrationEnd}, time in ${m.timeUnit}s, a month of ${formatNumber(result.periodDays)} days`,
  );
  console.log(
    `${result.purchaseFit ? 'fitted' : 'given'}: ${purchase.label} ${paramsText(purchase, params)}; Gamma-Gamma p ${p(m.gammaGamma.p)}, q ${p(m.gammaGamma.q)}, gamma ${p(m.gammaGamma.gamma)}` +
      `; frequency–value correlation ${result.frequencyValueCorrelation.toFixed(2)}`,
  );
  for (const w of result.warnings) console.log(`note: ${w}`);
  if (result.holdout) {
    const o = result.holdout;
    console.log(
      `holdout (${formatNumber(o.length)} ${m.timeUnit}s): ${countText(Math.round(o.actualTotal))} purchases made, ${countText(Math.round(o.predictedTotal))} predicted; mean absolute error ${o.meanAbsoluteError.toFixed(3)} per customer`,
    );
  }
  console.log('');
  console.log(
    formatTable(
      [
        'RFM segment',
        'customers',
        'bought once',
        repeatOnly ? 'P(alive) of repeat buyers' : 'mean P(alive)',
        `expected purchases (${m.horizonMonths} mo)`,
        `expected value (${m.horizonMonths} mo)`,
      ],
      result.segments.map((s) => [
        s.segment,
        countText(s.customers),
        countText(s.oneTimeBuyers),
        pAliveCell(repeatOnly ? s.meanPAliveRepeat : s.meanPAlive),
        formatNumber(s.expectedPurchases),
        formatNumber(s.expectedValue),
      ]),
    ),
  );
  console.log(`${result.pAliveNote}.`);
  console.log(`\nwrote ${written.filter((w) => !w.endsWith('.png')).join(', ')}`);
  return 0;
}

const pAliveCell = (v: number): string => (Number.isNaN(v) ? '–' : v.toFixed(2));

/** auto's comparison as a table, then the models left out. */
function comparisonTable(c: ModelComparison): string {
  const { head, rows, skipped } = comparisonRows(c);
  return [formatTable(head, rows), ...skipped].join('\n');
}

/** The model's flags as ClvOptions: calibration and holdout ends, horizon and month, time unit, discount rate, a given model. */
function modelFlags(values: FlagValues): Omit<ClvOptions, keyof RfmColumns | 'rfm'> {
  const str = (n: string): string | undefined => values[n] as string | undefined;
  const unit = str('time-unit');
  if (unit !== undefined && !Object.hasOwn(TIME_UNIT_DAYS, unit)) throw new UsageError(`invalid --time-unit: ${unit} (expected day, week or month)`);
  const rate = str('discount-rate');
  return {
    purchaseModel: str('purchase-model') as ClvOptions['purchaseModel'],
    calibrationEnd: str('calibration-end'),
    holdoutEnd: str('holdout-end'),
    periodDays: numberFlag('period-days', str('period-days')),
    horizonMonths: intFlag('horizon', values['horizon']),
    timeUnit: unit as TimeUnit | undefined,
    discountRate: rate === undefined ? undefined : Number(rate),
    model: str('model') ? readModel(str('model')!) : undefined,
  };
}

/** The RFM analysis's flags (as segmenta rfm): bins and rules. */
function rfmFlags(values: FlagValues): { bins: number | undefined; rules: ReturnType<typeof loadRfmRules> | undefined } {
  const rules = values['rules'] as string | undefined;
  return { bins: intFlag('bins', values['bins']), rules: rules ? loadRfmRules(rules) : undefined };
}

/** A flag's decimal number (undefined when not given), or a UsageError naming the flag. */
function numberFlag(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`invalid --${flag}: ${text} (expected a number, such as 30)`);
  return value;
}

/** A model.json of an earlier clv run, read as a small regular file and checked as model.json is (`checkClvModel`). */
function readModel(path: string): ClvModel {
  const text = readSmallFile(path, '--model', 'the model.json of a segmenta clv run', 1024 * 1024);
  let model: unknown;
  try {
    model = JSON.parse(text);
  } catch (e) {
    throw new DataError(`${path}: not valid JSON (${(e as Error).message.split('\n')[0]}); give the model.json of a segmenta clv run`);
  }
  checkClvModel(model, path);
  return model;
}
