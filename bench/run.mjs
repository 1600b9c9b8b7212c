// `npm run bench`: Segmenta next to its peers (scikit-learn/scipy/pandas through Debian's /usr/bin/python3,
// and ml-kmeans), measured in the same run on this machine. Not a test: it prints figures.
// Options: --runs N (default 3, median reported), --quick (smaller data), --big (adds the 10M-row run).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom, kmeans } from '../dist/index.js';
import { adjustedRandIndex } from '../dist/metrics/adjustedRandIndex.js';
import { withDuckDB } from '../dist/data/duckdb.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const quick = args.includes('--quick'),
  big = args.includes('--big');
const scale = quick ? 0.1 : 1;
const dir = mkdtempSync(join(tmpdir(), 'segmenta-bench-'));
const python = existsSync('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', 'import sklearn, scipy, pandas'], { encoding: 'utf8' }).status === 0;
if (!python) console.log('note: scikit-learn peers skipped (apt-get install -y python3-sklearn python3-pandas to include them)');

/** Seeded blobs: n × d float64 around 8 centres, written as raw float64 for both tools. */
function blobs(n, d, seed, uneven = false) {
  const rng = createRandom(seed);
  const centres = Array.from({ length: 8 }, () => Array.from({ length: d }, () => rng.next() * 10));
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    // Uneven: group c drawn with probability √((c+1)/8) − √(c/8), from 35% down to 6.5%.
    const c = centres[uneven ? Math.floor(rng.next() ** 2 * 8) : rng.int(8)];
    for (let t = 0; t < d; t++) {
      const u = 1 - rng.next(),
        v = rng.next();
      data[i * d + t] = c[t] + Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
  }
  const file = join(dir, `blobs-${n}x${d}-${seed}${uneven ? '-uneven' : ''}.f64`);
  writeFileSync(file, Buffer.from(data.buffer));
  return { file, data, n, d };
}

function runChild(cmd, argv, env) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.stderr.slice(-500)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function measure(label, tool, cmd, argv, times = runs, env = {}) {
  const results = Array.from({ length: times }, () => runChild(cmd, argv, env));
  const ms = median(results.map((r) => r.ms));
  const row = {
    workload: label,
    tool,
    medianMs: ms,
    runs: times,
    maxRssMB: Math.max(...results.map((r) => r.maxRssMB ?? 0)) || null,
    ...results[0],
    ms: undefined,
  };
  console.error(`  ${label} · ${tool}: ${(ms / 1000).toFixed(2)} s`);
  return row;
}
const node = (w, f, n, d, k, nInit) => [
  process.execPath,
  [new URL('./segmenta_bench.mjs', import.meta.url).pathname, w, f, String(n), String(d), String(k ?? 8), String(nInit ?? 1)],
];
const py = (w, f, n, d, k, nInit) => [
  '/usr/bin/python3',
  [new URL('./peers/sklearn_bench.py', import.meta.url).pathname, w, f, String(n), String(d), String(k ?? 8), String(nInit ?? 1)],
];

const rows = [];
const workloads = [];
const n1m = Math.round(1_000_000 * scale),
  n200k = Math.round(200_000 * scale),
  n20k = Math.round(20_000 * scale);
const big1 = blobs(n1m, 8, 1);
for (const k of [8, 20])
  workloads.push({
    label: `k-means ${n1m.toLocaleString('en-US')}×8, k=${k}, one init`,
    tools: [['Segmenta', node('kmeans', big1.file, n1m, 8, k, 1)], ...(python ? [['scikit-learn', py('kmeans', big1.file, n1m, 8, k, 1)]] : [])],
  });
const mid = blobs(n200k, 8, 2);
workloads.push({
  label: `k-means ${n200k.toLocaleString('en-US')}×8, k=8, n_init=10`,
  tools: [
    ['Segmenta', node('kmeans', mid.file, n200k, 8, 8, 10)],
    ...(python ? [['scikit-learn', py('kmeans', mid.file, n200k, 8, 8, 10)]] : []),
    ['ml-kmeans', node('ml-kmeans', mid.file, n200k, 8, 8, 10)],
  ],
});
const n100k = Math.round(100_000 * scale);
const uneven = blobs(n100k, 8, 4, true);
workloads.push({
  label: `k-means with size limits ${n100k.toLocaleString('en-US')}×8, k=8, every segment ≥ 10%`,
  tools: [
    ['Segmenta', node('size-limited', uneven.file, n100k, 8, 8, 1)],
    ['Segmenta without limits', node('kmeans', uneven.file, n100k, 8, 8, 1)],
  ],
});
const small = blobs(n20k, 8, 3);
writeFileSync(small.file + '.labels', Buffer.from(kmeans({ rows: n20k, cols: 8, data: small.data }, { k: 8, nInit: 1 }).labels.buffer));
workloads.push({
  label: `exact silhouette ${n20k.toLocaleString('en-US')}×8`,
  tools: [['Segmenta', node('silhouette', small.file, n20k, 8)], ...(python ? [['scikit-learn', py('silhouette', small.file, n20k, 8)]] : [])],
});
workloads.push({
  label: `Ward ${n20k.toLocaleString('en-US')}×8`,
  tools: [['Segmenta', node('ward', small.file, n20k, 8)], ...(python ? [['scipy', py('ward', small.file, n20k, 8)]] : [])],
  times: 1,
});
const csv = join(dir, `customers-${n1m}.csv`);
const cols = Array.from({ length: 8 }, (_, j) => `round(((hash(i, ${j}) % 100000) / 100000.0) * 3 + (hash(i, 99) % 6) * ${(j % 3) + 1}, 5) AS f${j}`).join(
  ', ',
);
await withDuckDB((c) => c.run(`COPY (SELECT 'c' || i AS id, ${cols} FROM range(${n1m}) t(i)) TO '${csv}' (HEADER, DELIMITER ',')`));
workloads.push({
  label: `end to end: run on a ${n1m.toLocaleString('en-US')}-row CSV, k auto 2..10`,
  tools: [
    ['Segmenta', node('e2e', csv, n1m, 8), { LABELS_OUT: join(dir, 'e2e-segmenta.i32') }],
    ['Segmenta --stability off', node('e2e-no-stability', csv, n1m, 8)],
    ...(python ? [['pandas + scikit-learn', py('e2e', csv, n1m, 8, 8, 10), { LABELS_OUT: join(dir, 'e2e-sklearn.i32') }]] : []),
  ],
  times: 1,
  // The same customers in the same groups? Adjusted Rand index of Segmenta's segments against the peer's labels.
  agreement: python ? [join(dir, 'e2e-segmenta.i32'), join(dir, 'e2e-sklearn.i32')] : undefined,
});
workloads.push({
  label: `predict on the ${n1m.toLocaleString('en-US')}-row CSV (read, preprocess, assign, write), k = 2`,
  tools: [['Segmenta', node('predict', csv, n1m, 8, 2)], ...(python ? [['pandas + scikit-learn', py('predict', csv, n1m, 8, 2)]] : [])],
  times: 1,
});
// The cost of segment stability (on by default) on a small file: the ratio in the "Segmenta / tool" column.
const mall = new URL('../data/mall_customers.csv', import.meta.url).pathname;
if (existsSync(mall))
  workloads.push({
    label: 'end to end: run on mall_customers.csv (200 rows)',
    tools: [
      ['Segmenta', node('e2e', mall, 200, 5)],
      ['Segmenta --stability off', node('e2e-no-stability', mall, 200, 5)],
    ],
  });
if (big) {
  const parquet = join(dir, 'customers-10M.parquet');
  await withDuckDB((c) => c.run(`COPY (SELECT 'c' || i AS id, ${cols} FROM range(10000000) t(i)) TO '${parquet}' (FORMAT parquet)`));
  workloads.push({ label: 'segmenta run on 10,000,000 × 8 (Parquet)', tools: [['Segmenta', node('e2e', parquet, 10_000_000, 8)]], times: 1 });
}

for (const w of workloads) {
  console.error(w.label);
  for (const [tool, [cmd, argv], env] of w.tools) rows.push(measure(w.label, tool, cmd, argv, w.times ?? runs, env));
  if (w.agreement) {
    const [a, b] = w.agreement.map((f) => new Int32Array(readFileSync(f).buffer.slice(0)));
    const peer = rows.find((r) => r.workload === w.label && r.tool !== 'Segmenta' && !r.tool.startsWith('Segmenta'));
    if (peer) peer.ari = adjustedRandIndex(a, b);
  }
}

const fmt = (v, digits = 4) => (v === undefined || v === null ? '' : typeof v === 'number' ? Number(v.toPrecision(digits)).toLocaleString('en-US') : String(v));
console.log(
  `\nSegmenta benchmark — ${new Date().toISOString().slice(0, 10)}, ${runs > 1 ? `median of ${runs} runs` : 'one run'} (heavy workloads: one run), Node ${process.version}\n`,
);
const header = ['workload', 'tool', 'time (s)', 'peak RSS (MB)', 'Segmenta / tool', 'quality'];
const table = rows.map((r) => {
  const mine = rows.find((x) => x.workload === r.workload && x.tool === 'Segmenta');
  const quality =
    r.inertia !== undefined
      ? `inertia ${fmt(r.inertia, 8)}${r.smallest !== undefined ? `, smallest segment ${fmt(r.smallest, 8)}` : ''}`
      : r.silhouette !== undefined
        ? `silhouette ${fmt(r.silhouette, 6)}`
        : r.topHeight !== undefined
          ? `top height ${fmt(r.topHeight, 8)}`
          : r.k !== undefined
            ? `k = ${r.k}${r.ari !== undefined ? `, ARI ${fmt(r.ari, 4)} against Segmenta` : ''}`
            : '';
  return [
    r.workload,
    r.tool,
    fmt(r.medianMs / 1000, 3),
    fmt(r.maxRssMB, 4),
    r.tool === 'Segmenta' ? '' : `${(mine.medianMs / r.medianMs).toFixed(2)}×`,
    quality,
  ];
});
const widths = header.map((h, j) => Math.max(h.length, ...table.map((t) => t[j].length)));
console.log([header, widths.map((w) => '─'.repeat(w)), ...table].map((r) => r.map((c, j) => c.padEnd(widths[j])).join('  ')).join('\n'));
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/latest.json', import.meta.url),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, runs, quick, rows }, null, 2) + '\n',
);
console.log('\nwrote bench/results/latest.json');
rmSync(dir, { recursive: true, force: true });
