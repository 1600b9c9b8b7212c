import { cellText, findColumn, type Column, type Table } from '../data/table.js';
import { csvLines } from '../output/csvText.js';
import type { SessionRun } from './sessions.js';

/** Which customers the members table shows: one segment (or all), a text filter, a sort column and a page. */
export interface MembersQuery {
  /** Segment number as shown (1-based); absent: every customer. */
  readonly segment?: number;
  /** Rows where some cell contains this text (case-insensitive). */
  readonly filter?: string;
  /** Column to sort by (a header name); rows keep their file order otherwise, and among equal values. */
  readonly sort?: string;
  readonly descending?: boolean;
  readonly offset?: number;
  /** Rows per page, 1–500 (default 50). */
  readonly limit?: number;
}

/** A page of the members table. */
export interface MembersPage {
  readonly header: readonly string[];
  /** Per column: whether it sorts as numbers (right-aligned in the table). */
  readonly numeric: readonly boolean[];
  readonly rows: ReadonlyArray<readonly string[]>;
  /** Customers in the segment (or in all), and of those the ones the filter keeps. */
  readonly total: number;
  readonly matched: number;
  readonly offset: number;
}

interface MemberColumns {
  readonly header: string[];
  readonly numeric: boolean[];
  readonly text: (i: number, j: number) => string;
  /** Sort value of row i in column j (numbers for numeric columns, NaN when missing). */
  readonly value: (i: number, j: number) => number | string;
}

/** The key column, the segment's number and name, then every other column as read. */
function memberColumns(run: SessionRun, table: Table): MemberColumns {
  const key = run.model.key === null ? undefined : findColumn(table, run.model.key);
  const rest: Column[] = table.columns.filter((c) => c !== key);
  const names = run.model.segments.map((s) => s.name);
  const ids = run.model.segments.map((s) => s.id);
  const header = [key?.name ?? 'row', 'segment', 'segment_name', ...rest.map((c) => c.name)];
  const numeric = [!key || key.kind !== 'string', true, false, ...rest.map((c) => c.kind !== 'string')];
  const text = (i: number, j: number): string =>
    j === 0 ? (key ? cellText(key, i) : String(i + 1)) : j === 1 ? String(ids[run.labels[i]!]) : j === 2 ? names[run.labels[i]!]! : cellText(rest[j - 3]!, i);
  const value = (i: number, j: number): number | string => {
    if (j === 1) return ids[run.labels[i]!]!;
    const c = j === 0 ? key : j === 2 ? undefined : rest[j - 3]!;
    if (j === 0 && !c) return i + 1;
    if (c && c.kind !== 'string') return c.values[i]!;
    return text(i, j);
  };
  return { header, numeric, text, value };
}

/** Row numbers of the query's customers, filtered and sorted (stable: file order among equals). O(n · columns) to filter, O(n log n) to sort. */
function memberRows(run: SessionRun, table: Table, q: MembersQuery, cols: MemberColumns): { total: number; rows: number[] } {
  const label = q.segment === undefined ? -1 : run.model.segments.findIndex((s) => s.id === q.segment);
  if (q.segment !== undefined && label < 0) throw new RangeError(`there is no segment ${q.segment}`);
  const inSegment: number[] = [];
  for (let i = 0; i < table.rowCount; i++) if (label < 0 || run.labels[i] === label) inSegment.push(i);
  const needle = (q.filter ?? '').trim().toLowerCase();
  const rows = needle ? inSegment.filter((i) => cols.header.some((_, j) => cols.text(i, j).toLowerCase().includes(needle))) : inSegment;
  const j = q.sort === undefined ? -1 : cols.header.indexOf(q.sort);
  if (q.sort !== undefined && j < 0) throw new RangeError(`there is no column "${q.sort}"`);
  if (j >= 0) {
    const sign = q.descending ? -1 : 1;
    const keyOf = rows.map((i) => cols.value(i, j));
    const order = rows.map((_, r) => r);
    order.sort((a, b) => {
      const x = keyOf[a]!,
        y = keyOf[b]!;
      // Missing values last whichever the direction.
      const xm = x === '' || (typeof x === 'number' && Number.isNaN(x)),
        ym = y === '' || (typeof y === 'number' && Number.isNaN(y));
      if (xm !== ym) return xm ? 1 : -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return c === 0 ? a - b : sign * c;
    });
    return { total: inSegment.length, rows: order.map((r) => rows[r]!) };
  }
  return { total: inSegment.length, rows };
}

/**
 * One page of the members table: the customers of a segment (or all), filtered by text and sorted by a
 * column, as the cells of segments.csv (key, segment, segment_name, every column). Throws a RangeError for
 * an unknown segment or column.
 */
export function membersView(run: SessionRun, table: Table, q: MembersQuery): MembersPage {
  const cols = memberColumns(run, table);
  const { total, rows } = memberRows(run, table, q, cols);
  const offset = Math.max(0, Math.min(q.offset ?? 0, Math.max(0, rows.length - 1)));
  const limit = Math.max(1, Math.min(q.limit ?? 50, 500));
  const page = rows.slice(offset, offset + limit).map((i) => cols.header.map((_, j) => cols.text(i, j)));
  return { header: cols.header, numeric: cols.numeric, rows: page, total, matched: rows.length, offset };
}

/** Every row the members table's query keeps, in its order, as CSV (cells neutralized against spreadsheet formulas). */
export function membersCsv(run: SessionRun, table: Table, q: MembersQuery): string {
  const cols = memberColumns(run, table);
  const { rows } = memberRows(run, table, q, cols);
  return [
    ...csvLines(
      cols.header,
      rows.map((i) => cols.header.map((_, j) => cols.text(i, j))),
    ),
  ].join('');
}
