import { redact } from '../engine/sqlEngine.js';
import type { RfmColumns } from '../rfm/computeRfmTable.js';
import type { RfmOptions } from '../rfm/rfm.js';
import { UsageError } from '../util/errors.js';
import { intFlag, OUT_FLAGS, outFolder } from './options.js';

/** The flags every order-log command takes (`rfm`, `clv`): columns, the source, the RFM clustering, outputs. */
export const ORDER_LOG_FLAGS = {
  customer: { type: 'string' },
  date: { type: 'string' },
  amount: { type: 'string' },
  quantity: { type: 'string' },
  price: { type: 'string' },
  invoice: { type: 'string' },
  bins: { type: 'string' },
  rules: { type: 'string' },
  k: { type: 'string' },
  'k-max': { type: 'string' },
  seed: { type: 'string' },
  ...OUT_FLAGS,
  png: { type: 'boolean' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  db: { type: 'string' },
  table: { type: 'string' },
} as const;

/**
 * Checks where an order-log command reads from (one FILE, or --db URL with --table) and that the customer and
 * date columns are named; returns the columns, the database URL (if any) and the output folder.
 */
export function orderLogSource(
  command: string,
  values: Record<string, string | boolean | undefined>,
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

/** The RFM clustering options of --k, --k-max and --seed. */
export function clusteringFlags(values: Record<string, string | boolean | undefined>): NonNullable<RfmOptions['clustering']> {
  const k = values['k'] as string | undefined;
  return {
    k: k === undefined || k === 'auto' ? 'auto' : intFlag('k', k)!,
    kMax: intFlag('k-max', values['k-max'] as string | undefined),
    seed: intFlag('seed', values['seed'] as string | undefined),
  };
}
