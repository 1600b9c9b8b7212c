// Benchmark (not a test): RFM, then customer value, on a generated 1,000,000-line order log. Prints wall time and the peak
// resident memory of the process that ran it. Run after `npm run build`: node bench/rfm-1m.mjs [lines]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDuckDB } from '../dist/data/duckdb.js';

const lines = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'segmenta-bench-rfm-'));
const log = join(dir, 'orders.csv');
// Seeded by construction (hash of the line number): 50,000 customers, ~4 lines per invoice, 2 years of dates,
// 2% cancellations, 1% lines without customer.
await withDuckDB((c) =>
  c.run(`COPY (SELECT
      CASE WHEN hash(i, 1) % 50 = 0 THEN 'C' ELSE '' END || CAST(i // 4 AS VARCHAR) AS InvoiceNo,
      strftime(TIMESTAMP '2022-01-01 08:00:00' + INTERVAL (hash(i // 4, 2) % 63072000) SECOND, '%Y-%m-%d %H:%M:%S') AS InvoiceDate,
      CASE WHEN hash(i, 3) % 100 = 0 THEN NULL ELSE CAST(10000 + hash(i // 4, 4) % 50000 AS VARCHAR) || '.0' END AS CustomerID,
      (CASE WHEN hash(i, 1) % 50 = 0 THEN -1 ELSE 1 END) * (1 + hash(i, 5) % 12) AS Quantity,
      round(0.5 + (hash(i, 6) % 2000) / 100.0, 2) AS UnitPrice
    FROM range(${lines}) t(i)) TO '${log}' (HEADER, DELIMITER ',')`),
);
const child = `
  import { rfm } from '${new URL('../dist/rfm/rfm.js', import.meta.url).pathname}';
  const t0 = performance.now();
  const r = await rfm(${JSON.stringify(log)}, { customer: 'CustomerID', date: 'InvoiceDate', quantity: 'Quantity', price: 'UnitPrice', invoice: 'InvoiceNo', clustering: { kMax: 8 } });
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ ms, customers: r.cleaning.customers, k: r.clustering.k, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
`;
const res = spawnSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' });
if (res.status !== 0) throw new Error(res.stderr);
const m = JSON.parse(res.stdout.trim().split('\n').pop());
console.log(
  `rfm on ${lines.toLocaleString('en-US')} lines (${(statSync(log).size / 1e6).toFixed(0)} MB CSV): ${(m.ms / 1000).toFixed(1)} s, ` +
    `${m.customers.toLocaleString('en-US')} customers, k = ${m.k}, peak RSS ${m.maxRssMB.toFixed(0)} MB`,
);
// The same work in pandas + scikit-learn, in the same run (skipped when Debian's python3-sklearn is absent).
const peer = spawnSync('/usr/bin/python3', [new URL('./peers/rfm_pandas.py', import.meta.url).pathname, log], { encoding: 'utf8' });
if (peer.status === 0) {
  const p = JSON.parse(peer.stdout.trim().split('\n').pop());
  console.log(
    `pandas + scikit-learn on the same log: ${(p.ms / 1000).toFixed(1)} s, ${p.customers.toLocaleString('en-US')} customers, k = ${p.k}, ` +
      `peak RSS ${p.maxRssMB.toFixed(0)} MB; Segmenta / pandas = ${(m.ms / p.ms).toFixed(2)}× (Segmenta also runs the gap statistic, prediction strength and stability)`,
  );
} else console.log('pandas + scikit-learn peer skipped (apt-get install -y python3-sklearn python3-pandas)');
// Customer value on the same log (BG/NBD and Gamma-Gamma fits, the RFM join): no peer in Debian (lifetimes is not packaged).
const clvChild = `
  import { customerValue } from '${new URL('../dist/clv/clv.js', import.meta.url).pathname}';
  const t0 = performance.now();
  const r = await customerValue(${JSON.stringify(log)}, { customer: 'CustomerID', date: 'InvoiceDate', quantity: 'Quantity', price: 'UnitPrice', invoice: 'InvoiceNo' });
  console.log(JSON.stringify({ ms: performance.now() - t0, customers: r.customers.length, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
`;
const clvRes = spawnSync(process.execPath, ['--input-type=module', '-e', clvChild], { encoding: 'utf8' });
if (clvRes.status !== 0) throw new Error(clvRes.stderr);
const c = JSON.parse(clvRes.stdout.trim().split('\n').pop());
console.log(`clv on the same log: ${(c.ms / 1000).toFixed(1)} s, ${c.customers.toLocaleString('en-US')} customers, peak RSS ${c.maxRssMB.toFixed(0)} MB`);
rmSync(dir, { recursive: true, force: true });
