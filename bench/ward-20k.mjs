// Benchmark (not a test): Ward linkage on 20,000 × 8 seeded rows, Segmenta next to scipy when Debian's
// python3-scipy is present. Prints time and the peak resident memory of each process.
// Run after `npm run build`: node bench/ward-20k.mjs [rows]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const n = Number(process.argv[2] ?? 20_000),
  d = 8;
const dir = mkdtempSync(join(tmpdir(), 'segmenta-bench-ward-'));
const file = join(dir, 'x.f64');
const child = `
  import { readFileSync } from 'node:fs';
  import { linkage } from '${new URL('../dist/cluster/hierarchical/linkage.js', import.meta.url).pathname}';
  import { createRandom } from '${new URL('../dist/util/random.js', import.meta.url).pathname}';
  const rng = createRandom(7), n = ${n}, d = ${d};
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) { const c = rng.int(6); for (let t = 0; t < d; t++) data[i * d + t] = c * (t % 3) + rng.next() * 2; }
  (await import('node:fs')).writeFileSync(${JSON.stringify(file)}, Buffer.from(data.buffer));
  const t0 = performance.now();
  const Z = linkage({ rows: n, cols: d, data }, 'ward');
  console.log(JSON.stringify({ ms: performance.now() - t0, top: Z[Z.length - 1].height, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
`;
const mine = spawnSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' });
if (mine.status !== 0) throw new Error(mine.stderr);
const m = JSON.parse(mine.stdout.trim());
console.log(`Segmenta ward ${n} × ${d}: ${(m.ms / 1000).toFixed(2)} s, peak RSS ${m.maxRssMB.toFixed(0)} MB, top merge height ${m.top.toFixed(6)}`);
if (existsSync('/usr/bin/python3')) {
  const py = `
import time, resource, numpy as np
from scipy.cluster.hierarchy import linkage
X = np.fromfile(${JSON.stringify(file)}, dtype=np.float64).reshape(${n}, ${d})
t = time.perf_counter(); Z = linkage(X, 'ward'); s = time.perf_counter() - t
print(f"{s*1000} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024} {Z[-1,2]}")`;
  const sp = spawnSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8' });
  if (sp.status === 0) {
    const [ms, rss, top] = sp.stdout.trim().split(' ').map(Number);
    console.log(
      `scipy    ward ${n} × ${d}: ${(ms / 1000).toFixed(2)} s, peak RSS ${rss.toFixed(0)} MB, top merge height ${top.toFixed(6)}; ratio Segmenta/scipy ${(m.ms / ms).toFixed(2)}×`,
    );
  } else console.log('scipy not available (apt-get install -y python3-scipy): skipped');
}
writeFileSync(join(dir, 'done'), '');
rmSync(dir, { recursive: true, force: true });
