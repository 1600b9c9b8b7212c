import { closestName } from '../util/closestName.js';
import { DataError, UsageError } from '../util/errors.js';
import type { EngineDialect } from './engineDialect.js';
import type { Dialect } from './sqlDialect.js';

/** How a database column can be used: numbers, text (categories, keys), dates, or not at all. */
export type EngineColumnKind = 'number' | 'string' | 'date' | 'other';

/** One column of a database table as the engine describes it. */
export interface EngineColumn {
  readonly name: string;
  readonly kind: EngineColumnKind;
  /** True for integer SQL types. */
  readonly integer: boolean;
  /** The engine's own type name, for messages. */
  readonly sqlType: string;
}

/**
 * One interface over the databases Segmenta runs its work in. Queries return small results only (statistics,
 * a sample, centroid sums); `stream` hands large results over in batches so that no more than one batch is in
 * memory. Values come back as JS numbers, strings or null (big integers and decimals as numbers).
 */
export interface SqlEngine {
  readonly dialect: EngineDialect;
  /** Where the data are, without secrets, for messages ("postgres://ana@db:5432/shop", "duckdb:shop.db"). */
  readonly label: string;
  /** Runs one query and returns its rows as objects. */
  query(sql: string): Promise<Array<Record<string, unknown>>>;
  /** Runs one statement that returns nothing. */
  execute(sql: string): Promise<void>;
  /** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Runs one query and passes its rows (arrays of values, in SELECT order) to `onRows` in batches. */
  stream(sql: string, onRows: (rows: unknown[][]) => void): Promise<void>;
  /** The columns of a table (or, in DuckDB, a file), or a DataError naming the table and the ones there are. */
  columns(table: string): Promise<EngineColumn[]>;
  /** The SQL that names a user's table: identifiers quoted part by part ("sales"."customers"). */
  tableRef(table: string): string;
  /**
   * The schema (database) and name a user's table resolves to, as the engine resolves it: DuckDB's current
   * schema (`main`), case-folded as DuckDB compares names; PostgreSQL's search_path for an existing table,
   * else `current_schema()`; ClickHouse's `currentDatabase()`. Two names are the same table when these are equal.
   */
  qualifiedName(table: string): Promise<QualifiedName>;
  /**
   * Cancels the statements running now, from the side (another connection or request), so that a cleanup can
   * run after Ctrl-C: the cancelled statement fails in its caller. Does nothing when nothing runs.
   */
  interrupt(): Promise<void>;
  /** ClickHouse with `?shards=` in --db: each shard's server, opened with the same user and database. */
  openShards?(): Promise<SqlEngine[]>;
  close(): Promise<void>;
}

/** A table's schema (or database) and name as the engine resolves them (see `SqlEngine.qualifiedName`). */
export interface QualifiedName {
  readonly schema: string;
  readonly name: string;
}

/** The schema part and the name of a dotted table name ("sales.customers" → sales, customers; "customers" → undefined). */
export function splitTableName(table: string): { schema: string | undefined; name: string } {
  const parts = table.split('.');
  const name = parts.pop()!;
  return { schema: parts[parts.length - 1], name };
}

/** Whether two resolved names are the same table. */
export function sameTable(a: QualifiedName, b: QualifiedName): boolean {
  return a.schema === b.schema && a.name === b.name;
}

/**
 * A connection string without its password, for messages and outputs: everything between the user name's
 * colon and the last "@" of the authority goes, so a password holding "@", ":" or "/" is removed whole
 * ("postgres://ana:p@ss/w@db:5432/shop" → "postgres://ana@db:5432/shop"). Strings without "scheme://" are
 * returned as they are.
 */
export function redact(spec: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(spec);
  if (!scheme) return spec;
  const rest = spec.slice(scheme[0].length);
  const at = rest.lastIndexOf('@');
  if (at < 0) return spec;
  const userinfo = rest.slice(0, at);
  const colon = userinfo.indexOf(':');
  return scheme[0] + (colon < 0 ? userinfo : userinfo.slice(0, colon)) + rest.slice(at);
}

/** Every connection string inside a text (a command line, an error message) with its password removed. */
export function redactAll(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, (url) => redact(url));
}

/** A user's table name as SQL: each dot-separated part quoted ("sales.customers" → "sales"."customers"). */
export function dottedTableRef(table: string, d: Dialect): string {
  if (table.trim() === '') throw new UsageError('invalid --table: empty (expected a table name such as customers or sales.customers)');
  return table
    .split('.')
    .map((p) => d.ident(p))
    .join('.');
}

/** A query result value as a number: null → NaN, big integers and decimal strings converted. */
export function toNumber(v: unknown): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return Number(v);
  if (typeof v === 'object' && v !== null && 'toDouble' in v) return (v as { toDouble(): number }).toDouble();
  return Number(v);
}

/**
 * The one-line error for a table the engine does not have: the closest name there is, else the first 20
 * names, else `none` (why the list is empty, in the engine's words).
 */
export function missingTableError(label: string, table: string, names: readonly string[], none: string): DataError {
  const near = closestName(table, names);
  return new DataError(
    `${label} has no table "${table}"${near ? `; did you mean "${near}"?` : names.length ? `; tables are: ${names.slice(0, 20).join(', ')}` : ` (${none})`}`,
  );
}
