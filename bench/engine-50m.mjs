// Benchmark (not a test): `segmenta run --db duckdb:… --table customers --write-table segments` on generated
// DuckDB tables of growing size (default 5M, 20M and 50M rows × 8 features). Prints, per size, the wall time
// and the peak resident memory of the Node process: it should stay flat, since only a seeded sample and the
// centroids leave the engine (DuckDB's own buffers are capped at 1 GB and spill to disk).
// Run after `npm run build`: node bench/engine-50m.mjs [rows,rows,…] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const sizes = (process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '5000000,20000000,50000000').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'segmenta-bench-engine-'));
const main = new URL('../dist/cli/main.js', import.meta.url).pathname;
// The CLI in a child that reports its own peak RSS when it exits.
const runner = join(dir, 'runner.mjs');
writeFileSync(
  runner,
  `process.on('exit', () => process.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS + '\\n'));\nprocess.argv = [process.argv[0], 'segmenta', ...process.argv.slice(2)];\nawait import(${JSON.stringify(main)});\n`,
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

console.log('rows          time (s)  Node peak RSS (MB)  database (GB)  k  starts (Lloyd iterations in DuckDB, whole-table inertia)');
for (const rows of sizes) {
  const db = join(dir, `customers_${rows}.db`);
  const t0 = performance.now();
  await generate(db, rows);
  const gen = (performance.now() - t0) / 1000;
  const out = join(dir, `out_${rows}`);
  const t1 = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []),
      runner,
      'run',
      '--db',
      `duckdb:${db}`,
      '--table',
      'customers',
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
  const summary = JSON.parse((await import('node:fs')).readFileSync(join(out, 'summary.json'), 'utf8'));
  console.log(
    `${rows.toLocaleString('en-US').padEnd(13)} ${secs.toFixed(1).padStart(8)}  ${rss.toFixed(0).padStart(18)}  ${(statSync(db).size / 2 ** 30).toFixed(2).padStart(13)}  ${summary.k.chosen}  ` +
      summary.engine.starts
        .map((s) => `${s.init}: ${s.iterations} it, ${s.inertia.toPrecision(7)}${s.init === summary.method.start ? ' (kept)' : ''}`)
        .join('; ') +
      `   (generating the table: ${gen.toFixed(0)} s)`,
  );
  if (!process.argv.includes('--keep')) rmSync(db, { force: true });
}
if (!process.argv.includes('--keep') && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
