import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from '../data/duckdb.js';
import { DataError } from '../util/errors.js';
import { orderLogRows } from './orderLogQuery.js';

/** Date formats tried, in order; the first that parses every non-blank date wins (month-first before day-first). */
const DATE_FORMATS = [
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%dT%H:%M:%S',
  '%Y-%m-%d %H:%M',
  '%Y-%m-%d',
  '%m/%d/%Y %H:%M',
  '%m/%d/%Y %H:%M:%S',
  '%m/%d/%Y',
  '%d/%m/%Y %H:%M',
  '%d/%m/%Y %H:%M:%S',
  '%d/%m/%Y',
  '%d-%m-%Y %H:%M',
  '%d-%m-%Y',
  '%d.%m.%Y %H:%M',
  '%d.%m.%Y',
  '%Y/%m/%d %H:%M:%S',
  '%Y/%m/%d',
  '%Y%m%d',
];

export async function detectDateFormat(conn: DuckDBConnection, path: string, column: string): Promise<{ format: string; note: string }> {
  // Formats are tried on the first 100 dates, those that fit on the first 10,000, and those that still fit on
  // every row: a date that does not fit costs DuckDB about a microsecond, so the rounds keep the failures few.
  // Which dates the early rounds see changes only their speed: a format that fails one date fails the last
  // round too. No round sorts (a sort of a million lines by number was most of the time): `lines_read` keeps
  // the file's order, so its first non-blank dates are the file's, and a count needs no order.
  const count = async (formats: readonly number[], limit: string) => {
    const checks = formats.map((i) => `count(*) FILTER (WHERE TRY_STRPTIME(d, ${quoteLiteral(DATE_FORMATS[i]!)}) IS NULL) AS f${i}`);
    return (
      await orderLogRows(conn, `SELECT count(*) AS n, ${checks.join(', ')} FROM (SELECT d FROM lines_read WHERE d IS NOT NULL AND d <> '' ${limit})`, path)
    )[0]!;
  };
  const all = DATE_FORMATS.map((_, i) => i);
  let candidates = all;
  for (const limit of ['LIMIT 100', 'LIMIT 10000']) {
    const sample = await count(candidates, limit);
    candidates = candidates.filter((i) => Number(sample[`f${i}`]) === 0);
    if (!candidates.length) break;
  }
  const counts = await count(candidates.length ? candidates : all, '');
  if (Number(counts['n']) === 0) throw new DataError(`${path}: the --date column "${column}" is empty in every row`);
  const bad = DATE_FORMATS.map((_, i) => (counts[`f${i}`] === undefined ? Infinity : Number(counts[`f${i}`])));
  const fits = DATE_FORMATS.filter((_, i) => bad[i] === 0);
  if (fits.length === 0) {
    const best = bad.indexOf(Math.min(...bad));
    const first = (
      await orderLogRows(
        conn,
        `SELECT line, d FROM lines WHERE d IS NOT NULL AND d <> '' AND TRY_STRPTIME(d, ${quoteLiteral(DATE_FORMATS[best]!)}) IS NULL ORDER BY line LIMIT 1`,
        path,
      )
    )[0]!;
    throw new DataError(
      `${path} row ${first['line']}: date "${first['d']}" in column "${column}" cannot be read (the closest format, ${DATE_FORMATS[best]}, fits all but ${bad[best]} rows); fix those dates`,
    );
  }
  const format = fits[0]!;
  const dayFirst = fits.find((f) => f.startsWith('%d/') && format.startsWith('%m/'));
  return {
    format,
    note: dayFirst
      ? `every date also fits ${dayFirst} (day first); month first was taken — check the dates`
      : `the only format among ${DATE_FORMATS.length} tried that fits every date`,
  };
}
