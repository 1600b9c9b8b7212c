import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { RfmColumns } from '../rfm/computeRfmTable.js';

/** Column-name patterns of an order log (one row per order line), as `segmenta rfm` takes it. */
const ORDER_LOG = {
  customer: /^(customer|cust)[ _-]?(id|no|number)?$/i,
  date: /(^|[ _-])?(invoice|order|transaction)?[ _-]?date|^date$|timestamp/i,
  invoice: /^(invoice|order|transaction)[ _-]?(no|id|number)?$/i,
  quantity: /^(quantity|qty)$/i,
  price: /^(unit[ _-]?)?price$/i,
  amount: /^(amount|revenue|sales|total|order[ _-]?value)$/i,
};

/**
 * The `segmenta rfm` command for a file whose columns look like an order log — a customer id, a date, an
 * invoice/order number and quantity × price or an amount — or null. Customers are what `run` segments, so
 * such a file needs RFM first. O(columns).
 */
export function orderLogCommand(path: string, columns: readonly string[]): string | null {
  const log = orderLogColumns(columns);
  if (!log) return null;
  const arg = (v: string): string => (/^[\w./:=,-]+$/.test(v) ? v : `'${v.replaceAll("'", "'\\''")}'`);
  const money = log.quantity && log.price ? ['--quantity', log.quantity, '--price', log.price] : ['--amount', log.amount!];
  return ['segmenta', 'rfm', path, '--customer', log.customer, '--date', log.date, ...money, '--invoice', log.invoice!].map(arg).join(' ');
}

/**
 * Which columns of an order log hold what, guessed from their names (the customer, the date, the invoice and
 * quantity × price or an amount), or null when the columns do not look like an order log. O(columns).
 */
export function orderLogColumns(columns: readonly string[]): RfmColumns | null {
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

/** The rfm command for a file that could not be read as customers, judged from its first line; or null. */
export async function orderLogCommandFromHeader(path: string): Promise<string | null> {
  return orderLogCommand(
    path,
    (await firstLine(path)).split(/[,;\t|]/).map((c) => c.trim().replace(/^"|"$/g, '')),
  );
}
