import type { CategoryStep, NumericStep, Pipeline } from '../preprocess/pipeline.js';
import { UsageError } from '../util/errors.js';
import { isYesNoPair } from '../preprocess/columnRoles.js';

/** SQL dialects Segmenta writes. */
export type SqlDialect = 'duckdb' | 'postgres' | 'clickhouse' | 'trino' | 'bigquery';
export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'postgres', 'clickhouse', 'trino', 'bigquery'];

/** How one dialect spells the few things that differ between engines. */
export interface Dialect {
  readonly name: SqlDialect;
  ident(name: string): string;
  /**
   * The types a column is cast to for reading: a number, a text. They must keep NULL: ClickHouse refuses
   * `CAST(NULL AS Float64)`, so its are Nullable(…).
   */
  readonly double: string;
  readonly text: string;
  /** Days since 1970-01-01 of a date/timestamp expression. */
  epochDays(expr: string): string;
  /**
   * Appended to a subquery so the planner computes its columns once per row instead of pasting their
   * expressions into every use (PostgreSQL inlines CTEs and has no common-subexpression elimination:
   * without it the k distances and the nearest-centre CASE expand to thousands of repeated terms).
   */
  readonly fence: string;
  /** Whether queries may use `WITH name AS (subquery)`; ClickHouse 18 cannot, so its queries nest subqueries instead. */
  readonly ctes: boolean;
  /** Whether `CASE x WHEN v THEN …` works; ClickHouse 18 answers NULL for it, so its queries write `CASE WHEN x = v THEN …`. */
  readonly simpleCase: boolean;
  /** Longest identifier the engine keeps whole, in bytes (PostgreSQL truncates silently beyond 63). */
  readonly maxIdentBytes: number;
  /** A string literal: every value from a model or a user goes through this (ClickHouse and BigQuery also escape with backslashes). */
  literal(value: string): string;
  /** A text expression as a number, NULL (never an error) when it is not one: how a level "2" meets a DOUBLE or text column alike. */
  tryNumber(text: string): string;
  /**
   * The 1-based position of the smallest of the (never NULL) columns `names`, ties to the lower position: a CASE
   * of k − 1 comparisons per branch, or, where a SELECT may name an expression inline (ClickHouse), the first
   * column equal to their least — the same position with k − 1 comparisons in all.
   */
  argmin(names: readonly string[]): string;
}

const quoted = (n: string): string => `"${n.replaceAll('"', '""')}"`;
const backquoted = (n: string): string => `\`${n.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``;
/** Standard SQL literal: quotes doubled; backslash is an ordinary character (DuckDB, Trino). */
const standardLiteral = (v: string): string => `'${checkText(v).replaceAll("'", "''")}'`;
/**
 * PostgreSQL's literal, the same text whether standard_conforming_strings is on or off: plain when it holds no
 * backslash, else an escape string E'…' with backslashes doubled (which both settings read alike).
 */
const postgresLiteral = (v: string): string => (checkText(v).includes('\\') ? `E'${v.replaceAll('\\', '\\\\').replaceAll("'", "''")}'` : standardLiteral(v));
/** PostgreSQL has no TRY_CAST: the number grammar is checked first (the pattern as an E'' literal). */
const postgresTryNumber = (t: string): string =>
  `CASE WHEN ${t} ~ ${postgresLiteral('^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$')} THEN CAST(${t} AS DOUBLE PRECISION) END`;
/** Literal for dialects where backslash escapes (ClickHouse, BigQuery): backslashes and quotes escaped. */
const backslashLiteral = (v: string): string =>
  `'${checkText(v).replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n').replaceAll('\r', '\\r')}'`;

/** argmin as a CASE: branch j holds when column j is below every earlier column and not above any later one. */
function caseArgmin(names: readonly string[]): string {
  const whens = names.map((n, j) => {
    const cond = names.flatMap((o, i) => (i === j ? [] : [`${n} ${i < j ? '<' : '<='} ${o}`])).join(' AND ');
    return `    WHEN ${cond || 'TRUE'} THEN ${j + 1}`;
  });
  return `CASE\n${whens.join('\n')}\n  END`;
}

/** argmin in ClickHouse: their least (nested: ClickHouse 18's least takes two) named inline, then the first column equal to it. */
function leastArgmin(names: readonly string[]): string {
  if (names.length === 1) return '1';
  const least = names.slice(0, -1).reduceRight((acc, n) => `least(${n}, ${acc})`, names[names.length - 1]!);
  const tests = names.slice(0, -1).map((n, j) => `${n} = ${j === 0 ? `(${least} AS segmenta_least)` : 'segmenta_least'}, ${j + 1}`);
  return `multiIf(${tests.join(', ')}, ${names.length})`;
}

/** Refuses a NUL character, which no engine keeps in a string literal. */
function checkText(v: string): string {
  if (v.includes('\0')) throw new UsageError('a text value holds a NUL character, which cannot be written as SQL');
  return v;
}

/** The dialects by name. */
export const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: {
    name: 'duckdb',
    ctes: true,
    simpleCase: true,
    ident: quoted,
    double: 'DOUBLE',
    text: 'VARCHAR',
    epochDays: (e) => `(epoch(${e}) / 86400.0)`,
    fence: '',
    maxIdentBytes: 255,
    literal: standardLiteral,
    tryNumber: (t) => `TRY_CAST(${t} AS DOUBLE)`,
    argmin: caseArgmin,
  },
  postgres: {
    name: 'postgres',
    ctes: true,
    simpleCase: true,
    ident: quoted,
    double: 'DOUBLE PRECISION',
    text: 'TEXT',
    epochDays: (e) => `(EXTRACT(EPOCH FROM ${e}) / 86400.0)`,
    fence: '\n  OFFSET 0',
    maxIdentBytes: 63,
    literal: postgresLiteral,
    tryNumber: postgresTryNumber,
    argmin: caseArgmin,
  },
  clickhouse: {
    name: 'clickhouse',
    ctes: false,
    simpleCase: false,
    ident: backquoted,
    double: 'Nullable(Float64)',
    text: 'Nullable(String)',
    epochDays: (e) => `(toUnixTimestamp(${e}) / 86400.0)`,
    fence: '',
    maxIdentBytes: 255,
    literal: backslashLiteral,
    tryNumber: (t) => `toFloat64OrNull(${t})`,
    argmin: leastArgmin,
  },
  trino: {
    name: 'trino',
    ctes: true,
    simpleCase: true,
    ident: quoted,
    double: 'DOUBLE',
    text: 'VARCHAR',
    epochDays: (e) => `(to_unixtime(CAST(${e} AS TIMESTAMP)) / 86400.0)`,
    fence: '',
    maxIdentBytes: 255,
    literal: standardLiteral,
    tryNumber: (t) => `TRY_CAST(${t} AS DOUBLE)`,
    argmin: caseArgmin,
  },
  bigquery: {
    name: 'bigquery',
    ctes: true,
    simpleCase: true,
    ident: backquoted,
    double: 'FLOAT64',
    text: 'STRING',
    epochDays: (e) => `(UNIX_SECONDS(TIMESTAMP(${e})) / 86400.0)`,
    fence: '',
    maxIdentBytes: 300,
    literal: backslashLiteral,
    tryNumber: (t) => `SAFE_CAST(${t} AS FLOAT64)`,
    argmin: caseArgmin,
  },
};

/**
 * The name of the t-th preprocessed feature in generated SQL. Prefixed because ClickHouse resolves a name to
 * an alias of the same SELECT before a column: a table whose columns are called f1, f2… would otherwise read
 * `… AS f0, (f2 …) AS f1` as the next alias, not its own column.
 */
export function featureName(t: number): string {
  return `segmenta_f${t}`;
}

/** The dialect of a name given by a user, refused with the list when unknown. */
export function dialectOf(name: string): Dialect {
  const d = DIALECTS[name as SqlDialect];
  if (!d) throw new UsageError(`invalid --dialect: ${name} (expected ${SQL_DIALECTS.join(', ')})`);
  return d;
}

/** A number as an SQL literal that reads back as the same double (17 significant digits). */
export function sqlNumber(v: number): string {
  if (!Number.isFinite(v)) throw new UsageError(`the model holds a non-finite number (${v}); it cannot be written as SQL`);
  const s = String(v);
  return /[eE]/.test(s) ? v.toPrecision(17) : s;
}

/** The raw value a numeric step reads: missing cells filled, clipped (`--clip auto`), log1p applied — before centring and scaling. */
export function numericInputSql(step: NumericStep, d: Dialect): string {
  const col = d.ident(step.column);
  const raw = step.source === 'date' ? d.epochDays(col) : `CAST(${col} AS ${d.double})`;
  const filled = `COALESCE(${raw}, ${sqlNumber(step.fill)})`;
  // Lower-case least/greatest: ClickHouse 18 knows no other spelling; every other engine takes it.
  const clipped = step.clip ? `least(greatest(${filled}, ${sqlNumber(step.clip[0])}), ${sqlNumber(step.clip[1])})` : filled;
  return step.log ? `LN(1 + greatest(${clipped}, 0))` : clipped;
}

/** The 0/1 indicators of a categorical step, one per output column (missing cells take the fill level). */
function indicatorSql(step: Pick<CategoryStep, 'column' | 'fill' | 'levels' | 'other'>, d: Dialect): string[] {
  const is = levelTest(d, step.column, [...step.levels, step.fill], step.fill);
  const indicators = step.levels.map((l) => `CASE WHEN ${is(l)} THEN 1 ELSE 0 END`);
  if (step.other) indicators.push(`CASE WHEN ${step.levels.map(is).join(' OR ') || '1 = 0'} THEN 0 ELSE 1 END`);
  return indicators;
}

const YES_WORDS = ['yes', 'y', 'true', 't', '1'];
const NO_WORDS = ['no', 'n', 'false', 'f', '0'];
const NUMBER_LEVEL = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/**
 * The SQL test "column holds this level", in the column's own type whatever the warehouse typed it as
 * (issue 30): levels that are all numbers (a code 1/2/3) compare as numbers (`tryNumber`: 2 = 2.0 in a DOUBLE
 * column, "2" in a text one); a yes/no pair compares by its meaning (yes/y/true/t/1 against no/n/false/f/0, so a
 * BOOLEAN column or "Yes" text match alike); other levels compare as text. `levels` are all the levels the
 * column may hold (the mode is decided on them); `fill` stands in for a missing cell. O(levels).
 */
export function levelTest(d: Dialect, column: string, levels: readonly string[], fill?: string): (level: string) => string {
  const text = `CAST(${d.ident(column)} AS ${d.text})`;
  const distinct = [...new Set(levels)];
  if (distinct.every((l) => NUMBER_LEVEL.test(l))) {
    const value = fill === undefined ? d.tryNumber(text) : `COALESCE(${d.tryNumber(text)}, ${sqlNumber(Number(fill))})`;
    return (l) => `${value} = ${sqlNumber(Number(l))}`;
  }
  if (distinct.length === 2 && isYesNoPair(distinct)) {
    const value = fill === undefined ? `lower(${text})` : `lower(COALESCE(${text}, ${d.literal(fill)}))`;
    const words = (l: string): string[] => (YES_WORDS.includes(l.toLowerCase()) ? YES_WORDS : NO_WORDS);
    return (l) =>
      `${value} IN (${words(l)
        .map((w) => d.literal(w))
        .join(', ')})`;
  }
  const value = fill === undefined ? text : `COALESCE(${text}, ${d.literal(fill)})`;
  return (l) => `${value} = ${d.literal(l)}`;
}

/**
 * The preprocessed feature columns of a fitted pipeline as SQL expressions over the input table's columns, in
 * the order of `pipeline.outputNames`: the same imputation, log1p, one-hot and scaling as `transformTable`.
 */
export function scaledFeatureSql(pipeline: Pipeline, d: Dialect): string[] {
  return pipeline.steps.flatMap((step) => {
    if (step.kind === 'number') return [`((${numericInputSql(step, d)}) - (${sqlNumber(step.center)})) / (${sqlNumber(step.scale)})`];
    return indicatorSql(step, d).map((ind, w) => `((${ind}) - (${sqlNumber(step.centers[w]!)})) / (${sqlNumber(step.scales[w]!)})`);
  });
}

/** The squared distance of the features segmenta_f0… to `centre`, as a sum of squared differences (t in order). */
export function squaredDistanceSql(centre: ArrayLike<number>): string {
  return Array.from(centre, (v, t) => `(${featureName(t)} - (${sqlNumber(v)})) * (${featureName(t)} - (${sqlNumber(v)}))`).join(' + ');
}

/**
 * SELECT-list items for squared distances d1..dk of the features (`featureName`) to each centre, and the expression that
 * picks the nearest (the dialect's argmin: ties go to the lower number, as `predict` and `assignNearest`), as 1-based `segment`.
 */
export function nearestCentreSql(centres: ReadonlyArray<ArrayLike<number>>, d: Dialect): { distances: string[]; nearest: string; own: string } {
  const k = centres.length;
  const distances = centres.map((c, j) => `${squaredDistanceSql(c)} AS d${j + 1}`);
  const on = caseOn(d, 'segment');
  const own = `${on.head} ${Array.from({ length: k }, (_, j) => `WHEN ${on.when(String(j + 1))} THEN d${j + 1}`).join(' ')} END`;
  return { distances, nearest: d.argmin(Array.from({ length: k }, (_, j) => `d${j + 1}`)), own };
}

/**
 * A CASE on the value of `expr`: `head` starts it and `when(v)` is the condition of a branch — `CASE expr …
 * WHEN v` where the dialect allows it, else `CASE … WHEN expr = v` (ClickHouse 18).
 */
export function caseOn(d: Dialect, expr: string): { head: string; when: (value: string) => string } {
  return d.simpleCase ? { head: `CASE ${expr}`, when: (v) => v } : { head: 'CASE', when: (v) => `${expr} = ${v}` };
}
