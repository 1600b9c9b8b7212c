import { describe, expect, it } from 'vitest';
import { ENGINE_DIALECTS, type EngineDialect, type EngineName } from '../../src/engine/engineDialect.js';
import { DIALECTS, SQL_DIALECTS, type Dialect, type SqlDialect } from '../../src/engine/sqlDialect.js';

/**
 * One golden test per dialect function: the exact SQL each dialect writes. The engine tests run these
 * spellings on real servers; here a change to any of them is seen at once, dialect by dialect.
 */

type Golden<D> = Record<string, (d: D) => string>;

function goldens<N extends string, D>(dialects: Record<N, D>, calls: Golden<D>, expected: Record<string, Record<N, string>>): void {
  for (const [fn, call] of Object.entries(calls)) {
    it(fn, () => {
      const written = Object.fromEntries(Object.entries<D>(dialects).map(([name, d]) => [name, call(d)]));
      expect(written).toEqual(expected[fn]);
    });
  }
}

describe('engine dialects', () => {
  const calls: Golden<EngineDialect> = {
    exactSum: (d) => d.exactSum('x'),
    quantile: (d) => d.quantile('x', 0.25),
    quantilesOfCount: (d) => `${d.quantilesOfCount('x', [0.25, 0.5], 5).join(' | ')} || ${d.quantilesOfCount('x', [0.25], 0)[0] === d.quantile('x', 0.25)}`,
    approximateQuantile: (d) => d.approximateQuantile?.('x', 0.5) ?? 'exact only',
    quantileOfColumn: (d) => String(d.quantileOfColumn),
    byteOrder: (d) => d.byteOrder('t'),
    orderByText: (d) => d.orderByText('v', 'c'),
    groupBy: (d) => d.groupBy('day', 'e'),
    md5Hex: (d) => d.md5Hex('t'),
    hex32: (d) => d.hex32('h'),
    least: (d) => `${d.least(['a'])} | ${d.least(['a', 'b', 'c'])}`,
    transactions: (d) => String(d.transactions),
    createFilled: (d) => d.createFilled('t', 'SELECT 1').join(' ; '),
    distributedTables: (d) => String(d.distributedTables),
    keyText: (d) => d.keyText('e'),
    timestamp: (d) => d.timestamp('e'),
    no: (d) => d.no,
    truth: (d) => d.truth('c'),
    countIf: (d) => d.countIf('c'),
    aggregateIf: (d) => d.aggregateIf('max', 'e', 'c'),
    distinctIf: (d) => d.distinctIf('e', 'c'),
    nextDay: (d) => d.nextDay('e'),
    days: (d) => d.days('2011-12-10', 'e'),
    onOrBefore: (d) => d.onOrBefore('e', '2011-12-10'),
    day: (d) => d.day('e'),
    stamp: (d) => d.stamp('e'),
  };
  const sorted = 'segmenta_sorted_fd0c5087';
  const at = (o: number): string =>
    `arrayElement((arraySort(groupArray(x)) AS ${sorted}), toUInt64(floor(((length((arraySort(groupArray(x)) AS ${sorted})) - 1) * 0.25))) + ${o})`;
  const h = `((length((arraySort(groupArray(x)) AS ${sorted})) - 1) * 0.25)`;
  const rank = (i: number): string => `arrayElement((quantilesExact(0.3, 0.5, 0.7)(x) AS segmenta_ranks_c99cd6bc), ${i})`;
  const frac = (p: string): string => `((4 * ${p}) - floor((4 * ${p})))`;
  const expected: Record<string, Record<EngineName, string>> = {
    exactSum: {
      duckdb: 'CAST(SUM(CAST(x AS BIGINT)) AS VARCHAR)',
      postgres: 'CAST(SUM(CAST(x AS BIGINT)) AS TEXT)',
      clickhouse: "concat(toString(sum(intDiv(toInt64(x), 2147483648))), ':', toString(sum(toInt64(x) % 2147483648)))",
    },
    quantile: {
      duckdb: 'quantile_cont(x, 0.25)',
      postgres: 'percentile_cont(0.25) WITHIN GROUP (ORDER BY x)',
      clickhouse: `(${at(1)} + (${h} - floor(${h})) * (${at(2)} - ${at(1)}))`,
    },
    quantilesOfCount: {
      duckdb: 'quantile_cont(x, 0.25) | quantile_cont(x, 0.5) || true',
      postgres: 'percentile_cont(0.25) WITHIN GROUP (ORDER BY x) | percentile_cont(0.5) WITHIN GROUP (ORDER BY x) || true',
      // Ranks 1, 2 and 3 of 5 values (levels (r + ½)/5), picked once and shared; NULL unless 5 values were seen.
      clickhouse: [`${rank(1)} + ${frac('0.25')} * (${rank(2)} - ${rank(1)})`, `${rank(2)} + ${frac('0.5')} * (${rank(3)} - ${rank(2)})`]
        .map((q) => `if(countIf(x = x) = 5, ${q}, NULL)`)
        .join(' | ')
        .concat(' || true'),
    },
    approximateQuantile: { duckdb: 'approx_quantile(x, 0.5)', postgres: 'exact only', clickhouse: 'exact only' },
    quantileOfColumn: { duckdb: 'false', postgres: 'false', clickhouse: 'true' },
    byteOrder: { duckdb: 't', postgres: 't COLLATE "C"', clickhouse: 't' },
    orderByText: { duckdb: 'CAST(c AS VARCHAR)', postgres: 'CAST(c AS TEXT) COLLATE "C"', clickhouse: 'v' },
    groupBy: { duckdb: 'e', postgres: 'e', clickhouse: 'day' },
    md5Hex: { duckdb: 'md5(t)', postgres: 'md5(t)', clickhouse: 'lower(hex(MD5(t)))' },
    hex32: {
      duckdb: "CAST('0x' || h AS BIGINT)",
      postgres: "CAST(CAST('x' || h AS BIT(32)) AS BIGINT)",
      clickhouse: 'reinterpretAsUInt32(reverse(unhex(h)))',
    },
    least: { duckdb: 'a | least(a, b, c)', postgres: 'a | least(a, b, c)', clickhouse: 'a | least(a, least(b, c))' },
    transactions: { duckdb: 'true', postgres: 'true', clickhouse: 'false' },
    createFilled: {
      duckdb: 'CREATE TABLE t AS SELECT * FROM (SELECT 1) scored WHERE 1 = 0 ; INSERT INTO t SELECT 1',
      postgres: 'CREATE TABLE t AS SELECT * FROM (SELECT 1) scored WHERE 1 = 0 ; INSERT INTO t SELECT 1',
      clickhouse: 'CREATE TABLE t ENGINE = MergeTree ORDER BY tuple() AS SELECT 1',
    },
    distributedTables: { duckdb: 'false', postgres: 'false', clickhouse: 'true' },
    keyText: {
      duckdb: "NULLIF(regexp_replace(trim(e), '\\.0+$', ''), '')",
      postgres: "NULLIF(regexp_replace(trim(e), '\\.0+$', ''), '')",
      clickhouse: "nullIf(replaceRegexpOne(replaceRegexpAll(e, '^ +| +$', ''), '\\\\.0+$', ''), '')",
    },
    timestamp: { duckdb: 'CAST(e AS TIMESTAMP)', postgres: 'CAST(e AS TIMESTAMP)', clickhouse: 'toDateTime(e)' },
    no: { duckdb: 'false', postgres: 'false', clickhouse: '0' },
    truth: { duckdb: 'c', postgres: 'c', clickhouse: 'ifNull(c, 0)' },
    countIf: { duckdb: 'COUNT(*) FILTER (WHERE c)', postgres: 'COUNT(*) FILTER (WHERE c)', clickhouse: 'countIf(ifNull(c, 0))' },
    aggregateIf: { duckdb: 'MAX(e) FILTER (WHERE c)', postgres: 'MAX(e) FILTER (WHERE c)', clickhouse: 'maxIf(e, ifNull(c, 0))' },
    distinctIf: {
      duckdb: 'COUNT(DISTINCT e) FILTER (WHERE c)',
      postgres: 'COUNT(DISTINCT e) FILTER (WHERE c)',
      clickhouse: 'uniqExactIf(e, ifNull(c, 0))',
    },
    nextDay: { duckdb: 'CAST(CAST(e AS DATE) + 1 AS VARCHAR)', postgres: 'CAST(CAST(e AS DATE) + 1 AS TEXT)', clickhouse: 'toString(toDate(e) + 1)' },
    days: {
      duckdb: "CAST('2011-12-10' AS DATE) - CAST(e AS DATE)",
      postgres: "CAST('2011-12-10' AS DATE) - CAST(e AS DATE)",
      clickhouse: "(toDate('2011-12-10') - toDate(e))",
    },
    onOrBefore: {
      duckdb: "CAST(e AS DATE) <= CAST('2011-12-10' AS DATE)",
      postgres: "CAST(e AS DATE) <= CAST('2011-12-10' AS DATE)",
      clickhouse: "toDate(e) <= toDate('2011-12-10')",
    },
    day: { duckdb: 'CAST(CAST(e AS DATE) AS VARCHAR)', postgres: 'CAST(CAST(e AS DATE) AS TEXT)', clickhouse: 'toString(toDate(e))' },
    stamp: { duckdb: 'SUBSTR(CAST(e AS VARCHAR), 1, 19)', postgres: 'SUBSTR(CAST(e AS TEXT), 1, 19)', clickhouse: 'substring(toString(e), 1, 19)' },
  };
  goldens(ENGINE_DIALECTS, calls, expected);

  it('every engine dialect writes exported SQL as its export dialect does', () => {
    for (const name of Object.keys(ENGINE_DIALECTS) as EngineName[]) {
      const exported = DIALECTS[name];
      for (const key of Object.keys(exported) as Array<keyof Dialect>) expect(ENGINE_DIALECTS[name][key], `${name}.${key}`).toBe(exported[key]);
    }
  });
});

describe('export dialects', () => {
  const calls: Golden<Dialect> = {
    ident: (d) => d.ident('a"b`c'),
    literal: (d) => d.literal("it's a\\b"),
    epochDays: (d) => d.epochDays('e'),
    tryNumber: (d) => d.tryNumber('t'),
    types: (d) => `${d.double} ${d.text}`,
    forms: (d) => `ctes=${d.ctes} simpleCase=${d.simpleCase} fence=${JSON.stringify(d.fence)} maxIdentBytes=${d.maxIdentBytes}`,
    argmin: (d) => `${d.argmin(['a', 'b', 'c'])} | ${d.argmin(['a'])}`,
  };
  const caseArgmin =
    'CASE\n    WHEN a <= b AND a <= c THEN 1\n    WHEN b < a AND b <= c THEN 2\n    WHEN c < a AND c < b THEN 3\n  END | CASE\n    WHEN TRUE THEN 1\n  END';
  const pgNumber = '^\\\\s*[-+]?([0-9]+\\\\.?[0-9]*|\\\\.[0-9]+)([eE][-+]?[0-9]+)?\\\\s*$';
  const expected: Record<string, Record<SqlDialect, string>> = {
    ident: { duckdb: '"a""b`c"', postgres: '"a""b`c"', clickhouse: '`a"b\\`c`', trino: '"a""b`c"', bigquery: '`a"b\\`c`' },
    literal: { duckdb: "'it''s a\\b'", postgres: "E'it''s a\\\\b'", clickhouse: "'it\\'s a\\\\b'", trino: "'it''s a\\b'", bigquery: "'it\\'s a\\\\b'" },
    epochDays: {
      duckdb: '(epoch(e) / 86400.0)',
      postgres: '(EXTRACT(EPOCH FROM e) / 86400.0)',
      clickhouse: '(toUnixTimestamp(e) / 86400.0)',
      trino: '(to_unixtime(CAST(e AS TIMESTAMP)) / 86400.0)',
      bigquery: '(UNIX_SECONDS(TIMESTAMP(e)) / 86400.0)',
    },
    tryNumber: {
      duckdb: 'TRY_CAST(t AS DOUBLE)',
      postgres: `CASE WHEN t ~ E'${pgNumber}' THEN CAST(t AS DOUBLE PRECISION) END`,
      clickhouse: 'toFloat64OrNull(t)',
      trino: 'TRY_CAST(t AS DOUBLE)',
      bigquery: 'SAFE_CAST(t AS FLOAT64)',
    },
    types: {
      duckdb: 'DOUBLE VARCHAR',
      postgres: 'DOUBLE PRECISION TEXT',
      clickhouse: 'Nullable(Float64) Nullable(String)',
      trino: 'DOUBLE VARCHAR',
      bigquery: 'FLOAT64 STRING',
    },
    forms: {
      duckdb: 'ctes=true simpleCase=true fence="" maxIdentBytes=255',
      postgres: 'ctes=true simpleCase=true fence="\\n  OFFSET 0" maxIdentBytes=63',
      clickhouse: 'ctes=false simpleCase=false fence="" maxIdentBytes=255',
      trino: 'ctes=true simpleCase=true fence="" maxIdentBytes=255',
      bigquery: 'ctes=true simpleCase=true fence="" maxIdentBytes=300',
    },
    argmin: {
      duckdb: caseArgmin,
      postgres: caseArgmin,
      clickhouse: 'multiIf(a = (least(a, least(b, c)) AS segmenta_least), 1, b = segmenta_least, 2, 3) | 1',
      trino: caseArgmin,
      bigquery: caseArgmin,
    },
  };
  goldens(DIALECTS, calls, expected);

  it('lists every dialect once', () => {
    expect(Object.keys(DIALECTS)).toEqual([...SQL_DIALECTS]);
  });
});
