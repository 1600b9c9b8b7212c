// Segmenta side of `npm run bench`: one timed workload in its own process, printing one JSON line with the
// wall time of the timed part, the peak resident memory and quality figures.
// Usage: node bench/segmenta_bench.mjs WORKLOAD FILE ROWS COLS [K] [N_INIT]
// Workloads: kmeans, size-limited, ml-kmeans, silhouette, ward, e2e, e2e-no-stability, predict (CSV files for the last three).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kmeans, sharedZeros, silhouette } from '../dist/index.js';
import { linkage } from '../dist/cluster/hierarchical/linkage.js';
import { sizeConstrainedKMeans } from '../dist/cluster/sizeConstrainedKMeans.js';

const [workload, path, rowsArg, colsArg, kArg = '8', nInitArg = '1'] = process.argv.slice(2);
const rows = Number(rowsArg),
  cols = Number(colsArg),
  k = Number(kArg),
  nInit = Number(nInitArg);
// In shared memory, as `segmenta run` places its matrix (sharedZeros): k-means' helper threads read it where
// it is. An ordinary Float64Array works too, and is copied into shared memory at each kmeans call that uses helpers.
const load = () => {
  const x = sharedZeros(rows, cols);
  x.data.set(new Float64Array(readFileSync(path).buffer.slice(0)));
  return x;
};
const out = {};

/** Runs a command line as its own process: wall time, and its peak memory when GNU time is present. */
function timedProcess(cli) {
  const timed = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = timed ? spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', ...cli], { encoding: 'utf8' }) : spawnSync(cli[0], cli.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const ms = performance.now() - t0;
  const rss = /maxrss=(\d+)/.exec(r.stderr ?? '');
  return { ms, maxRssMB: rss ? Number(rss[1]) / 1024 : null };
}
if (workload === 'kmeans') {
  const x = load();
  const t0 = performance.now();
  const fit = kmeans(x, { k, nInit, seed: 0 });
  out.ms = performance.now() - t0;
  out.inertia = fit.inertia;
} else if (workload === 'size-limited') {
  // k-means, then size-limited k-means from its centres with every segment ≥ 10% of the rows (as run --min-size 10%).
  const x = load();
  const t0 = performance.now();
  const fit = sizeConstrainedKMeans(x, kmeans(x, { k, nInit, seed: 0 }).centers, { min: Math.ceil(0.1 * rows), max: rows });
  out.ms = performance.now() - t0;
  out.inertia = fit.inertia;
  out.smallest = Math.min(...Array.from({ length: k }, (_, j) => fit.labels.filter((l) => l === j).length));
} else if (workload === 'ml-kmeans') {
  const { kmeans: mlKmeans } = await import('ml-kmeans');
  const x = load();
  const points = Array.from({ length: rows }, (_, i) => Array.from(x.data.subarray(i * cols, (i + 1) * cols)));
  const t0 = performance.now();
  let best = Infinity;
  for (let r = 0; r < nInit; r++) {
    const res = mlKmeans(points, k, { initialization: 'kmeans++', seed: r + 1, maxIterations: 300 });
    let inertia = 0;
    res.clusters.forEach((c, i) => res.centroids[c].forEach((v, t) => (inertia += (points[i][t] - v) ** 2)));
    best = Math.min(best, inertia);
  }
  out.ms = performance.now() - t0;
  out.inertia = best;
} else if (workload === 'silhouette') {
  const x = load();
  const labels = new Int32Array(readFileSync(path + '.labels').buffer.slice(0));
  const t0 = performance.now();
  out.silhouette = silhouette(x, labels).mean;
  out.ms = performance.now() - t0;
} else if (workload === 'ward') {
  const x = load();
  const t0 = performance.now();
  const Z = linkage(x, 'ward');
  out.ms = performance.now() - t0;
  out.topHeight = Z[Z.length - 1].height;
} else if (workload === 'e2e' || workload === 'e2e-no-stability') {
  // Outputs go to a fresh temporary folder: never beside the input (the shared data are read-only).
  const outDir = join(mkdtempSync(join(tmpdir(), 'segmenta-e2e-')), 'out');
  // The CLI in its own process; GNU time (when present) reports that process's peak memory.
  const cli = [
    process.execPath,
    new URL('../dist/cli/main.js', import.meta.url).pathname,
    'run',
    path,
    '--no-report',
    '--quiet',
    '--out',
    outDir,
    ...(workload === 'e2e-no-stability' ? ['--stability', 'off'] : []),
  ];
  Object.assign(out, timedProcess(cli));
  const summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8'));
  out.k = summary.k.chosen;
  // Not timed: the segments (int32, row order) for the agreement with the peer's labels.
  if (process.env.LABELS_OUT) {
    const lines = readFileSync(join(outDir, 'segments.csv'), 'utf8').split('\n').slice(1, -1);
    writeFileSync(process.env.LABELS_OUT, Buffer.from(Int32Array.from(lines, (l) => Number(l.split(',')[1])).buffer));
  }
  rmSync(outDir, { recursive: true, force: true });
}
if (workload === 'predict') {
  // A model from run (not timed), then predict on the same file: read, preprocess, assign, write segments.csv.
  const base = mkdtempSync(join(tmpdir(), 'segmenta-predict-'));
  const main = new URL('../dist/cli/main.js', import.meta.url).pathname;
  const fit = spawnSync(process.execPath, [main, 'run', path, '--k', String(k), '--stability', 'off', '--no-report', '--quiet', '--out', join(base, 'model')], {
    encoding: 'utf8',
  });
  if (fit.status !== 0) throw new Error(fit.stderr);
  const cli = [process.execPath, main, 'predict', join(base, 'model', 'model.json'), path, '--out', join(base, 'scored')];
  Object.assign(out, timedProcess(cli));
  out.k = k;
  rmSync(base, { recursive: true, force: true });
}
if (out.maxRssMB === undefined) out.maxRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(out));
