import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { shellWord } from '../util/shellWord.js';
import { detectKey } from './detectKey.js';
import type { Column, Table } from './table.js';

/** Which columns of an order log hold what (as `segmenta rfm` and `clv` take them). */
export interface OrderLogColumns {
  readonly customer: string;
  readonly date: string;
  readonly amount?: string;
  readonly quantity?: string;
  readonly price?: string;
  readonly invoice?: string;
}

/** Column-name patterns of an order log (one row per order line), as `segmenta rfm` takes it. */
const ORDER_LOG = {
  customer: /^(customer|cust)[ _-]?(id|no|number)?$/i,
  date: /(^|[ _-])?(invoice|order|transaction)?[ _-]?date|^date$|timestamp/i,
  invoice: /^(invoice|order|transaction)[ _-]?(no|id|number)?$/i,
  quantity: /^(quantity|qty)$/i,
  price: /^(unit[ _-]?)?price$/i,
  amount: /^(amount|revenue|sales|total|order[ _-]?value)$/i,
};

/** The commands that turn an order log into customers: RFM segments and customer value. */
export interface OrderLogCommands {
  /** The columns recognised (customer, date, amount or quantity × price, invoice). */
  readonly columns: OrderLogColumns;
  readonly rfm: string;
  readonly clv: string;
  /** How the columns were recognised: "by their names", or what the content showed. */
  readonly why: string;
}

/**
 * The `segmenta rfm` command for a file whose columns look like an order log — a customer id, a date, an
 * invoice/order number and quantity × price or an amount — or null. Customers are what `run` segments, so
 * such a file needs RFM first. O(columns).
 */
export function orderLogCommand(path: string, columns: readonly string[]): string | null {
  const log = orderLogColumns(columns);
  return log ? orderLogCommands(path, log, '').rfm : null;
}

/** The rfm and clv commands for an order log whose columns are known. */
function orderLogCommands(path: string, log: OrderLogColumns, why: string): OrderLogCommands {
  const money = log.quantity && log.price ? ['--quantity', log.quantity, '--price', log.price] : ['--amount', log.amount!];
  const flags = ['--customer', log.customer, '--date', log.date, ...money, ...(log.invoice ? ['--invoice', log.invoice] : [])];
  const command = (verb: string): string => ['segmenta', verb, path, ...flags].map(shellWord).join(' ');
  return { columns: log, rfm: command('rfm'), clv: command('clv'), why };
}

/**
 * Which columns of an order log hold what, guessed from their names (the customer, the date, the invoice and
 * quantity × price or an amount), or null when the columns do not look like an order log. O(columns).
 */
function orderLogColumns(columns: readonly string[]): OrderLogColumns | null {
  const find = (re: RegExp): string | undefined => columns.find((c) => re.test(c.trim()));
  const customer = find(ORDER_LOG.customer),
    date = find(ORDER_LOG.date),
    invoice = find(ORDER_LOG.invoice);
  const quantity = find(ORDER_LOG.quantity),
    price = find(ORDER_LOG.price),
    amount = find(ORDER_LOG.amount);
  if (!customer || !date || !invoice || !((quantity && price) || amount)) return null;
  return quantity && price ? { customer, date, invoice, quantity, price } : { customer, date, invoice, amount: amount! };
}

/** A customer id repeats: it takes at least this many distinct values, and fewer than rows / REPEATS. */
const MIN_CUSTOMERS = 20;
const REPEATS = 1.2;

/**
 * The rfm and clv commands for a table that is an order log, or null: first by its column names
 * (`orderLogColumns`); else by its content — no column identifies a row (`detectKey` finds none), a column
 * holds dates (text dates or yyyymmdd numbers), a text or whole-number column repeats an id (at least 20
 * distinct values, fewer than rows / 1.2; named like a customer first) and a number column holds the amount
 * (named like one, else the last column with decimals, else the last number). This is how a log without a
 * header row (CDNOW: id, id, yyyymmdd, quantity, amount) is recognised. O(rows · columns).
 */
export function orderLogFromTable(table: Table, path: string): OrderLogCommands | null {
  const names = table.columns.map((c) => c.name);
  const named = orderLogColumns(names);
  if (named) return orderLogCommands(path, named, 'its column names');
  const date = table.columns.find((c) => c.kind === 'date');
  if (!date || detectKey(table).column !== null) return null;
  const ids = table.columns.filter((c) => c !== date && (c.kind === 'string' || (c.kind === 'number' && c.integer)) && repeatsAnId(c, table.rowCount));
  const customer = ids.find((c) => ORDER_LOG.customer.test(c.name.trim())) ?? ids[0];
  if (!customer) return null;
  const numbers = table.columns.filter((c): c is Extract<Column, { kind: 'number' }> => c.kind === 'number' && c !== customer);
  const amount = numbers.find((c) => ORDER_LOG.amount.test(c.name.trim())) ?? [...numbers].reverse().find((c) => !c.integer) ?? numbers[numbers.length - 1];
  if (!amount) return null;
  const how = `${customer.name} repeats a customer id, ${date.name} holds dates, ${amount.name} the amount`;
  return orderLogCommands(path, { customer: customer.name, date: date.name, amount: amount.name }, how);
}

/** True when a column's present values repeat like a customer id over order lines. O(n). */
function repeatsAnId(c: Column, rows: number): boolean {
  const seen = new Set<string | number>();
  const values = c.values as ArrayLike<string | number | null>;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== null && !(typeof v === 'number' && Number.isNaN(v))) seen.add(v);
  }
  return seen.size >= MIN_CUSTOMERS && seen.size * REPEATS < rows;
}

/** The one-line refusal of a file that is an order log, with the commands that work on it. */
export function orderLogMessage(path: string, c: OrderLogCommands): string {
  return `${path} looks like an order log (one row per order line: ${c.why}), not one row per customer; segment its customers with: ${c.rfm} — or predict their value with: ${c.clv}`;
}

/** The first line of a (possibly gzipped) text file, for its column names; '' when it cannot be read. */
export async function firstLine(path: string): Promise<string> {
  try {
    const raw = createReadStream(path);
    const input = path.toLowerCase().endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
    const lines = createInterface({ input, crlfDelay: Infinity });
    for await (const line of lines) {
      lines.close();
      raw.destroy();
      return line.replace(/^\uFEFF/, '');
    }
  } catch {
    // An unreadable file says nothing about order logs; the reader reports it.
  }
  return '';
}

/** The commands for a file that could not be read as customers, judged from its first line; or null. */
export async function orderLogCommandsFromHeader(path: string): Promise<OrderLogCommands | null> {
  const log = orderLogColumns((await firstLine(path)).split(/[,;\t|]/).map((c) => c.trim().replace(/^"|"$/g, '')));
  return log ? orderLogCommands(path, log, 'its column names') : null;
}
