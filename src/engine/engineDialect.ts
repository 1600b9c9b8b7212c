import { DIALECTS, sqlNumber, type Dialect } from './sqlDialect.js';

/** The engines Segmenta runs its work in (a subset of the dialects it writes SQL for). */
export type EngineName = 'duckdb' | 'postgres' | 'clickhouse';

/**
 * Everything the engine back ends spell differently, in one place: the export dialect's spellings plus the
 * aggregates, orderings, hashes and statements that work in the engine needs. Only DuckDB, PostgreSQL and
 * ClickHouse have one, so the compiler refuses an engine on a Trino or BigQuery dialect. Code outside this
 * table never branches on a dialect's name.
 */
export interface EngineDialect extends Dialect {
  readonly name: EngineName;
  /**
   * The exact sum of an integer-valued expression (|value| < 2^62) over the rows, as text that `readExactSum`
   * reads: a 128-bit sum where the engine has one, else "high:low" sums of the value split at EXACT_SUM_SPLIT.
   */
  exactSum(integer: string): string;
  /** The p-quantile of `expr` by linear interpolation (numpy's default). */
  quantile(expr: string, p: number): string;
  /**
   * The same p-quantiles of `expr`, one SELECT item per p, when `count` (its non-NULL values) is known: ClickHouse
   * then selects the two order statistics each p needs instead of sorting every value (the same values, ~6×
   * faster), and answers NULL when the values it saw are not `count` (a NaN, or rows changed since the count).
   */
  quantilesOfCount(expr: string, ps: readonly number[], count: number): string[];
  /** An approximate p-quantile for very large tables (DuckDB's t-digest); null where quantiles are always exact. */
  readonly approximateQuantile: ((expr: string, p: number) => string) | null;
  /** Whether `quantile` must be taken of a subquery's column rather than of an expression (ClickHouse 18's inline alias). */
  readonly quantileOfColumn: boolean;
  /** A text expression compared byte-wise (PostgreSQL sorts by the server's locale otherwise). */
  byteOrder(textExpr: string): string;
  /**
   * The ORDER BY item of a text column selected as `alias` from `expr`, byte-wise: ClickHouse 18 wants the bare
   * alias (it compares bytes already), the others the expression cast to text (PostgreSQL cannot wrap an alias).
   */
  orderByText(alias: string, expr: string): string;
  /** The GROUP BY item of a column selected as `alias` from `expr`: ClickHouse groups by the alias, the others by the expression. */
  groupBy(alias: string, expr: string): string;
  /** The lower-case hex MD5 of a text expression. */
  md5Hex(text: string): string;
  /** A text of 8 hex digits as the unsigned 32-bit integer they spell. */
  hex32(hex: string): string;
  /** The smallest of the expressions (ClickHouse 18's least takes two, so there it nests). */
  least(items: readonly string[]): string;
  /** Whether statements may run in one transaction (ClickHouse has none: a swap moves the old table aside first). */
  readonly transactions: boolean;
  /** Statements that create `table` and fill it with the rows of `select`. */
  createFilled(table: string, select: string): string[];
  /** Whether a source may be a Distributed table whose rows live on shards (ClickHouse). */
  readonly distributedTables: boolean;
  /**
   * Whether squared distances to many centres are summed from differences named once in a subquery rather
   * than written inline as (f − c) · (f − c): the same bits. DuckDB's planner otherwise spends most of a
   * k-means|| query looking for the repeated differences (cc_general, 32 candidates: 6.7 → 5.7 s a run) and
   * PostgreSQL computes each twice (5.0 → 4.7 s); ClickHouse 18 is slower with the wide subquery (8.8 → 12 s).
   */
  readonly namedDifferences: boolean;
  /** A customer id as trimmed text without a trailing ".0", NULL when empty (ids read as numbers by a spreadsheet). */
  keyText(text: string): string;
  /** A date or timestamp column as a timestamp. */
  timestamp(expr: string): string;
  /** The boolean false, and a condition as a non-NULL boolean where aggregates need one. */
  readonly no: string;
  truth(condition: string): string;
  /** COUNT of the rows where `condition` holds. */
  countIf(condition: string): string;
  /** min or max of `expr` over the rows where `condition` holds. */
  aggregateIf(fn: 'min' | 'max', expr: string, condition: string): string;
  /** COUNT(DISTINCT expr) over the rows where `condition` holds. */
  distinctIf(expr: string, condition: string): string;
  /** The day after a timestamp's day, as yyyy-mm-dd text. */
  nextDay(expr: string): string;
  /** Whole days from a timestamp's day to the day `asOf` (yyyy-mm-dd). */
  days(asOf: string, expr: string): string;
  /** Whether a timestamp falls on or before the day `day` (yyyy-mm-dd). */
  onOrBefore(expr: string, day: string): string;
  /** A timestamp's day as yyyy-mm-dd text. */
  day(expr: string): string;
  /** A timestamp as yyyy-mm-dd hh:mm:ss text. */
  stamp(expr: string): string;
}

/** Where ClickHouse's exact sums split each integer (high part × EXACT_SUM_SPLIT + low part). */
export const EXACT_SUM_SPLIT = 2 ** 31;

/** A short stable hash of a text (FNV-1a, 32 bits, hex), for names derived from SQL. */
function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}

/** A dialect's `quantile` and, since it needs no count, the same for each p as `quantilesOfCount`. */
function interpolating(quantile: (e: string, p: number) => string): Pick<EngineDialect, 'quantile' | 'quantilesOfCount'> {
  return { quantile, quantilesOfCount: (e, ps) => ps.map((p) => quantile(e, p)) };
}

/** DuckDB's and PostgreSQL's shared spellings: FILTER clauses, standard casts, CTEs. */
function standardSpellings(d: Dialect, byteOrder: (textExpr: string) => string) {
  return {
    byteOrder,
    exactSum: (integer: string) => `CAST(SUM(CAST(${integer} AS BIGINT)) AS ${d.text})`,
    quantileOfColumn: false,
    orderByText: (_alias: string, expr: string) => byteOrder(`CAST(${expr} AS ${d.text})`),
    groupBy: (_alias: string, expr: string) => expr,
    md5Hex: (text: string) => `md5(${text})`,
    least: (items: readonly string[]) => (items.length === 1 ? items[0]! : `least(${items.join(', ')})`),
    transactions: true,
    createFilled: (table: string, select: string) => [
      `CREATE TABLE ${table} AS SELECT * FROM (${select}) scored WHERE 1 = 0`,
      `INSERT INTO ${table} ${select}`,
    ],
    distributedTables: false,
    namedDifferences: true,
    keyText: (e: string) => `NULLIF(regexp_replace(trim(${e}), '\\.0+$', ''), '')`,
    timestamp: (e: string) => `CAST(${e} AS TIMESTAMP)`,
    no: 'false',
    truth: (c: string) => c,
    countIf: (c: string) => `COUNT(*) FILTER (WHERE ${c})`,
    aggregateIf: (fn: 'min' | 'max', e: string, c: string) => `${fn.toUpperCase()}(${e}) FILTER (WHERE ${c})`,
    distinctIf: (e: string, c: string) => `COUNT(DISTINCT ${e}) FILTER (WHERE ${c})`,
    nextDay: (e: string) => `CAST(CAST(${e} AS DATE) + 1 AS ${d.text})`,
    days: (asOf: string, e: string) => `CAST(${d.literal(asOf)} AS DATE) - CAST(${e} AS DATE)`,
    onOrBefore: (e: string, day: string) => `CAST(${e} AS DATE) <= CAST(${d.literal(day)} AS DATE)`,
    day: (e: string) => `CAST(CAST(${e} AS DATE) AS ${d.text})`,
    stamp: (e: string) => `SUBSTR(CAST(${e} AS ${d.text}), 1, 19)`,
  };
}

const duckdb: EngineDialect = {
  ...DIALECTS.duckdb,
  name: 'duckdb',
  ...standardSpellings(DIALECTS.duckdb, (t) => t),
  ...interpolating((e, p) => `quantile_cont(${e}, ${p})`),
  approximateQuantile: (e, p) => `approx_quantile(${e}, ${p})`,
  hex32: (hex) => `CAST('0x' || ${hex} AS BIGINT)`,
};

const postgres: EngineDialect = {
  ...DIALECTS.postgres,
  name: 'postgres',
  ...standardSpellings(DIALECTS.postgres, (t) => `${t} COLLATE "C"`),
  ...interpolating((e, p) => `percentile_cont(${p}) WITHIN GROUP (ORDER BY ${e})`),
  approximateQuantile: null,
  hex32: (hex) => `CAST(CAST('x' || ${hex} AS BIT(32)) AS BIGINT)`,
};

const chLiteral = DIALECTS.clickhouse.literal;
const chIf = (c: string): string => `ifNull(${c}, 0)`;

/**
 * ClickHouse's p-quantiles of `count` values by numpy's rule from two order statistics each: quantileExact(level)
 * returns the value of rank ⌊level × n⌋ among the n non-NaN values (nth_element, no sort), so level (r + ½)/n
 * names rank r with half a rank to spare for the level's rounding; one quantilesExact serves every p.
 */
function orderStatistics(e: string, ps: readonly number[], count: number): string[] {
  const last = count - 1;
  const spots = ps.map((p) => {
    const low = Math.floor(last * p);
    return [low, Math.min(low + 1, last)] as const;
  });
  const ranks = [...new Set(spots.flat())].sort((a, b) => a - b);
  const levels = ranks.map((r) => sqlNumber((r + 0.5) / count)).join(', ');
  const picked = `(quantilesExact(${levels})(${e}) AS segmenta_ranks_${textHash(`${e} ${levels}`)})`;
  const at = (rank: number): string => `arrayElement(${picked}, ${ranks.indexOf(rank) + 1})`;
  return ps.map((p, i) => {
    const [low, high] = spots[i]!;
    const h = `(${last} * ${p})`;
    return `if(countIf(${e} = ${e}) = ${count}, ${at(low)} + (${h} - floor(${h})) * (${at(high)} - ${at(low)}), NULL)`;
  });
}

const clickhouse: EngineDialect = {
  ...DIALECTS.clickhouse,
  name: 'clickhouse',
  // No 128-bit integers in ClickHouse 18 (its Decimal128 prints wrongly): each 62-bit integer is split at
  // 2^31 into a high and a low part whose sums fit 64 bits up to 2^32 rows, joined exactly by readExactSum.
  exactSum: (integer) => {
    const v = `toInt64(${integer})`;
    return `concat(toString(sum(intDiv(${v}, ${EXACT_SUM_SPLIT}))), ':', toString(sum(${v} % ${EXACT_SUM_SPLIT})))`;
  },
  // No interpolating quantile in ClickHouse 18: the sorted values (NULLs skipped), and numpy's rule on them.
  // The inline alias lets one sort serve every quantile of the same expression in a query.
  quantile: (e, p) => {
    const sorted = `(arraySort(groupArray(${e})) AS segmenta_sorted_${textHash(e)})`;
    const h = `((length(${sorted}) - 1) * ${p})`;
    const at = (offset: number): string => `arrayElement(${sorted}, toUInt64(floor(${h})) + ${offset})`;
    return `(${at(1)} + (${h} - floor(${h})) * (${at(2)} - ${at(1)}))`;
  },
  quantilesOfCount: (e, ps, count) => (Number.isSafeInteger(count) && count > 0 ? orderStatistics(e, ps, count) : ps.map((p) => clickhouse.quantile(e, p))),
  approximateQuantile: null,
  quantileOfColumn: true,
  byteOrder: (t) => t,
  orderByText: (alias) => alias,
  groupBy: (alias) => alias,
  md5Hex: (text) => `lower(hex(MD5(${text})))`,
  hex32: (hex) => `reinterpretAsUInt32(reverse(unhex(${hex})))`,
  least: (items) => items.reduceRight((acc, e) => `least(${e}, ${acc})`),
  transactions: false,
  // Created and filled in one statement, on the server of --db (a Distributed source's rows are gathered there).
  createFilled: (table, select) => [`CREATE TABLE ${table} ENGINE = MergeTree ORDER BY tuple() AS ${select}`],
  distributedTables: true,
  namedDifferences: false,
  keyText: (e) => `nullIf(replaceRegexpOne(replaceRegexpAll(${e}, '^ +| +$', ''), '\\\\.0+$', ''), '')`,
  timestamp: (e) => `toDateTime(${e})`,
  no: '0',
  truth: chIf,
  countIf: (c) => `countIf(${chIf(c)})`,
  aggregateIf: (fn, e, c) => `${fn}If(${e}, ${chIf(c)})`,
  distinctIf: (e, c) => `uniqExactIf(${e}, ${chIf(c)})`,
  nextDay: (e) => `toString(toDate(${e}) + 1)`,
  days: (asOf, e) => `(toDate(${chLiteral(asOf)}) - toDate(${e}))`,
  onOrBefore: (e, day) => `toDate(${e}) <= toDate(${chLiteral(day)})`,
  day: (e) => `toString(toDate(${e}))`,
  stamp: (e) => `substring(toString(${e}), 1, 19)`,
};

/** The engine dialects by name. */
export const ENGINE_DIALECTS: Record<EngineName, EngineDialect> = { duckdb, postgres, clickhouse };
