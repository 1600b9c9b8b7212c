// Benchmark (not a test): `segmenta run --db duckdb:… --table customers --write-table segments` on generated
// DuckDB tables of growing size (default 5M, 20M and 50M rows × 8 features). Prints, per size, the wall time
// and the peak resident memory of the Node process: it should stay flat, since only a seeded sample and the
// centroids leave the engine (DuckDB's own buffers are capped at 1 GB and spill to disk).
// Then the same on ClickHouse: two clickhouse-server processes (a 2-shard cluster, started here) and a
// Distributed table of 5M and 20M rows (`--clickhouse rows,rows`; skipped when clickhouse-server is missing),
// with a sample check of the written labels against `segmenta predict` in memory.
// Run after `npm run build`: node bench/engine-50m.mjs [rows,rows,…] [--clickhouse rows,rows] [--only-clickhouse] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { CLICKHOUSE_BINARY, clickhouseStatement, startClickHouseCluster } from '../scripts/clickhouse-cluster.mjs';
import { adjustedRandIndex } from '../dist/metrics/adjustedRandIndex.js';

const sizes = process.argv.includes('--only-clickhouse')
  ? []
  : (process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '5000000,20000000,50000000').split(',').map(Number);
const chAt = process.argv.indexOf('--clickhouse');
const chSizes = (chAt > 0 ? process.argv[chAt + 1] : '5000000,20000000').split(',').filter(Boolean).map(Number);
const dir = mkdtempSync(join(tmpdir(), 'segmenta-bench-engine-'));
const main = new URL('../dist/cli/main.js', import.meta.url).pathname;
// The CLI in a child that reports its own peak RSS when it exits (imported, main.js only offers main()).
const runner = join(dir, 'runner.mjs');
writeFileSync(
  runner,
  `process.on('exit', () => process.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS + '\\n'));\nconst { main } = await import(${JSON.stringify(main)});\nprocess.exitCode = await main(process.argv.slice(2));\n`,
);

/** A table of `rows` customers: id and 8 features around 8 centres (seeded by hash of the row number). */
async function generate(path, rows) {
  const instance = await DuckDBInstance.create(path, { threads: '2', memory_limit: '2GB' });
  const conn = await instance.connect();
  const u = (i, salt) => `((hash(i, ${salt}) % 1000000007) / 1000000007.0)`;
  const normal = (salt) => `(sqrt(-2 * ln(1 - ${u('i', salt)} * 0.999999)) * cos(2 * pi() * ${u('i', salt + 100)}))`;
  // Centre coordinates: whole numbers in −10..10 picked by hash of (centre, feature); unit noise around them.
  const features = Array.from({ length: 8 }, (_, t) => `(CAST(hash(hash(i, 0) % 8, ${t}) % 11 AS DOUBLE) - 5) * 2.0 + ${normal(t + 1)} AS f${t + 1}`);
  await conn.run(`CREATE TABLE customers AS SELECT i + 1 AS customer_id, ${features.join(', ')} FROM range(${rows}) t(i)`);
  conn.closeSync();
  instance.closeSync();
}

/** Runs `segmenta run --db URL --table TABLE --write-table segments` in a child and prints its row of the table; returns its output folder. */
function runAndReport(rows, url, table, size, gen) {
  const out = join(dir, `out_${rows}_${url.split(':')[0]}`);
  const t1 = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []),
      runner,
      'run',
      '--db',
      url,
      '--table',
      table,
      '--write-table',
      'segments',
      '--k-max',
      '10',
      '--no-report',
      '--quiet',
      '--out',
      out,
    ],
    { encoding: 'utf8' },
  );
  const secs = (performance.now() - t1) / 1000;
  if (r.status !== 0) throw new Error(r.stderr);
  const rss = Number(/MAXRSS (\d+)/.exec(r.stderr)[1]) / 1024;
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  console.log(
    `${url.split(':')[0].padEnd(10)} ${rows.toLocaleString('en-US').padEnd(13)} ${secs.toFixed(1).padStart(8)}  ${rss.toFixed(0).padStart(18)}  ${size.padStart(14)}  ${summary.k.chosen}  ` +
      summary.engine.starts
        .map((s) => `${s.init}: ${s.iterations} it, ${s.inertia.toPrecision(7)}${s.init === summary.method.start ? ' (kept)' : ''}`)
        .join('; ') +
      `   (generating the table: ${gen.toFixed(0)} s)`,
  );
  return out;
}

/**
 * The sample check of a ClickHouse run: one customer in 1,000 (by hash of the id), labelled by the table the run
 * wrote and by `segmenta predict` with the run's model in memory — every label must agree — and the adjusted
 * Rand index of the segments against the blobs the rows were generated from.
 */
async function sampleCheck(url, out) {
  const where = 'cityHash64(customer_id, 7) % 1000 = 0';
  const csv = join(out, 'sample.csv');
  writeFileSync(csv, await clickhouseStatement(url, `SELECT customer_id, f1, f2, f3, f4, f5, f6, f7, f8 FROM customers WHERE ${where} FORMAT CSVWithNames`));
  const written = new Map();
  for (const line of (await clickhouseStatement(url, `SELECT customer_id, segment, cityHash64(customer_id - 1, 0) % 8 FROM segments WHERE ${where} FORMAT TSV`))
    .trim()
    .split('\n')) {
    const [id, segment, blob] = line.split('\t');
    written.set(id, [Number(segment), Number(blob)]);
  }
  const scored = join(out, 'predicted');
  const p = spawnSync(process.execPath, [main, 'predict', join(out, 'model.json'), csv, '--out', scored, '--quiet'], { encoding: 'utf8' });
  if (p.status !== 0) throw new Error(p.stderr);
  const [, ...lines] = readFileSync(join(scored, 'segments.csv'), 'utf8').trim().split('\n');
  let differ = 0;
  const segments = [],
    blobs = [];
  for (const line of lines) {
    const [id, segment] = line.split(',');
    const [ours, blob] = written.get(id) ?? [NaN, NaN];
    if (ours !== Number(segment)) differ++;
    segments.push(ours);
    blobs.push(blob);
  }
  console.log(
    `           sample check: ${lines.length.toLocaleString('en-US')} customers, ${differ} label(s) differ from predict in memory; adjusted Rand index against the generating blobs ${adjustedRandIndex(segments, blobs).toFixed(4)}`,
  );
}

/** The same generated customers in a 2-shard ClickHouse cluster, behind the Distributed table `customers`. */
async function generateClickHouse(urls, rows) {
  const run = clickhouseStatement;
  const cols = ['customer_id UInt64', ...Array.from({ length: 8 }, (_, t) => `f${t + 1} Float64`)].join(', ');
  for (const url of urls) {
    await run(url, 'DROP TABLE IF EXISTS customers_local');
    await run(url, `CREATE TABLE customers_local (${cols}) ENGINE = MergeTree ORDER BY customer_id`);
  }
  await run(urls[0], 'DROP TABLE IF EXISTS customers');
  await run(urls[0], 'DROP TABLE IF EXISTS segments');
  await run(urls[0], `CREATE TABLE customers (${cols}) ENGINE = Distributed(segmenta_2shards, default, customers_local, customer_id)`);
  const u = (salt) => `((cityHash64(number, ${salt}) % 1000000007) / 1000000007.0)`;
  const normal = (salt) => `(sqrt(-2 * log(1 - ${u(salt)} * 0.999999)) * cos(2 * pi() * ${u(salt + 100)}))`;
  const features = Array.from({ length: 8 }, (_, t) => `(toFloat64(cityHash64(cityHash64(number, 0) % 8, ${t}) % 11) - 5) * 2.0 + ${normal(t + 1)}`);
  // Each shard fills its own part (customer_id modulo the shards, as the Distributed table's sharding key
  // does): one big INSERT through the Distributed table dropped the connection at 20M rows on 18.16.
  for (const [i, url] of urls.entries())
    await run(url, `INSERT INTO customers_local SELECT number + 1, ${features.join(', ')} FROM numbers(${rows}) WHERE (number + 1) % ${urls.length} = ${i}`);
}

console.log('engine     rows          time (s)  Node peak RSS (MB)  database / size  k  starts (Lloyd iterations in the engine, whole-table inertia)');
for (const rows of sizes) {
  const db = join(dir, `customers_${rows}.db`);
  const t0 = performance.now();
  await generate(db, rows);
  const gen = (performance.now() - t0) / 1000;
  runAndReport(rows, `duckdb:${db}`, 'customers', `${(statSync(db).size / 2 ** 30).toFixed(2)} GB`, gen);
  if (!process.argv.includes('--keep')) rmSync(db, { force: true });
}
if (existsSync(CLICKHOUSE_BINARY) && chSizes.length) {
  const cluster = await startClickHouseCluster({ shards: 2 });
  try {
    for (const rows of chSizes) {
      const t0 = performance.now();
      await generateClickHouse(cluster.urls, rows);
      await sampleCheck(cluster.urls[0], runAndReport(rows, cluster.urls[0], 'customers', '2 shards', (performance.now() - t0) / 1000));
    }
  } finally {
    await cluster.stop();
  }
} else console.log(`(ClickHouse rows skipped: ${CLICKHOUSE_BINARY} not installed)`);
if (!process.argv.includes('--keep') && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
