import type { CommandFlag, FlagValues } from './commandFlags.js';
import { redact } from '../engine/sqlEngine.js';
import type { RfmColumns } from '../rfm/cleanOrderLog.js';
import type { RfmOptions } from '../rfm/rfm.js';
import { UsageError } from '../util/errors.js';
import { flagOfOption, NO_REPORT_FLAG, OUT_FLAGS, outFolder, optionValue, PNG_FLAG } from './options.js';

/** The flags every order-log command takes (`rfm`, `clv`): columns, the source, the RFM clustering, outputs. */
export const ORDER_LOG_COLUMN_FLAGS: readonly CommandFlag[] = [
  { flag: 'customer', value: 'COL', doc: 'the customer id column (required)' },
  { flag: 'date', value: 'COL', doc: 'the order date column (required)' },
  { flag: 'amount', value: 'COL', doc: "the line's value; or --quantity and --price, multiplied" },
  { flag: 'quantity', value: 'COL', doc: 'units bought on the line (with --price)' },
  { flag: 'price', value: 'COL', doc: 'unit price (with --quantity); lines with a price ≤ 0 are left out' },
  { flag: 'invoice', value: 'COL', doc: 'invoice/order number (frequency = distinct invoices; cancellations start with C)' },
  {
    flag: 'db',
    value: 'URL',
    doc: 'an order table in a database (postgres://…, clickhouse://…, duckdb:path.db): the per-customer aggregation runs there; --date must be a date/timestamp column, amounts numbers',
  },
  { flag: 'table', value: 'NAME', doc: 'the order table in --db (schema.table allowed)' },
];

/** The RFM analysis's own flags (score bins, naming rules, the clustering on log R, F, M). */
export const RFM_ANALYSIS_FLAGS: readonly CommandFlag[] = [
  { flag: 'bins', value: 'N', doc: 'score bins per dimension, 2..10 (default 5)' },
  { flag: 'rules', value: 'FILE', doc: 'JSON array of naming rules [{"name", "r": [lo, hi], "f": [lo, hi], "m": [lo, hi]}] (1–5 scale)' },
  flagOfOption('k'),
  flagOfOption('kMax'),
  flagOfOption('seed'),
];

/** Outputs of the order-log commands. */
export const ORDER_LOG_OUTPUT_FLAGS: readonly CommandFlag[] = [...OUT_FLAGS, PNG_FLAG, NO_REPORT_FLAG];

/**
 * Checks where an order-log command reads from (one FILE, or --db URL with --table) and that the customer and
 * date columns are named; returns the columns, the database URL (if any) and the output folder.
 */
export function orderLogSource(
  command: string,
  values: FlagValues,
  positionals: readonly string[],
): { columns: RfmColumns; db: string | undefined; out: string; run: ReturnType<typeof outFolder>['run'] } {
  const str = (n: string): string | undefined => values[n] as string | undefined;
  const db = str('db');
  if (db !== undefined && (positionals.length > 0 || !str('table')))
    throw new UsageError(`${command} --db URL needs --table ORDERS and no FILE (segmenta ${command} --db URL --table orders --customer COL --date COL ...)`);
  if (db === undefined && str('table') !== undefined) throw new UsageError(`${command}: --table needs --db (the database the table is in)`);
  if (db === undefined && positionals.length !== 1)
    throw new UsageError(`${command}: give exactly one order log (segmenta ${command} FILE --customer COL --date COL ...; see --help)`);
  if (!str('customer') || !str('date')) throw new UsageError(`${command}: --customer COL and --date COL are required (see --help)`);
  const { out, run } = outFolder(values, command, positionals, db === undefined ? undefined : `${redact(db)}#${str('table')}`);
  const columns = {
    customer: str('customer')!,
    date: str('date')!,
    amount: str('amount'),
    quantity: str('quantity'),
    price: str('price'),
    invoice: str('invoice'),
  };
  return { columns, db, out, run };
}

/** The RFM clustering options of --k, --k-max and --seed, read and checked as run reads them. */
export function clusteringFlags(values: FlagValues): NonNullable<RfmOptions['clustering']> {
  return {
    k: (optionValue(values, 'k') as number | 'auto' | undefined) ?? 'auto',
    kMax: optionValue(values, 'kMax') as number | undefined,
    seed: optionValue(values, 'seed') as number | undefined,
  };
}
