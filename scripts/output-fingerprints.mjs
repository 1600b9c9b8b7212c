// Prints the sha256 of every output a set of runs writes (summary.json, model.json, segments.csv,
// report.html, …), so a restructuring can be checked to change no byte: run it before and after and diff.
// Usage: npm run build && node scripts/output-fingerprints.mjs [OUT_ROOT] > fingerprints.txt
// The repository's and the output folder's paths (which the summary, profile and report name) are replaced by
// placeholders before hashing, so two checkouts in different folders compare; SEGMENTA_ROOT runs another
// checkout's build with this script.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = (process.env['SEGMENTA_ROOT'] ?? new URL('..', import.meta.url).pathname).replace(/\/?$/, '/');
const out = process.argv[2] ?? '/tmp/segmenta-fingerprints';
const mall = join(root, 'data/mall_customers.csv');
const retail = join(root, 'data/online_retail.csv.gz');
const retailColumns = ['--customer', 'CustomerID', '--date', 'InvoiceDate', '--quantity', 'Quantity', '--price', 'UnitPrice', '--invoice', 'InvoiceNo'];
const runs = [
  ['mall', ['run', mall]],
  ['mall-income-spending', ['run', mall, '--features', 'Annual Income (k$),Spending Score (1-100)']],
  ['cc_general', ['run', join(root, 'data/cc_general.csv')]],
  ['marketing_campaign', ['run', join(root, 'data/marketing_campaign.csv')]],
  ['wholesale', ['run', join(root, 'data/wholesale_customers.csv')]],
  ['demo', ['demo']],
  ...['hierarchical', 'gmm', 'kprototypes', 'bisecting'].map((m) => [`mall-${m}`, ['run', mall, '--method', m, '--categories', 'features']]),
  ['mall-db-duckdb', ['run', '--db', 'duckdb:', '--table', mall]],
  ['rfm-online_retail', ['rfm', retail, ...retailColumns]],
  ['clv-online_retail', ['clv', retail, ...retailColumns]],
  ['clv-online_retail-calibration', ['clv', retail, ...retailColumns, '--calibration-end', '2011-09-30', '--purchase-model', 'auto']],
  [
    'clv-cdnow',
    ['clv', join(root, 'data/cdnow_sample.txt'), '--customer', 'column0', '--date', 'column2', '--amount', 'column4', '--calibration-end', '1997-09-30'],
  ],
];
for (const [name, args] of runs) {
  const dir = join(out, name);
  rmSync(dir, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [join(root, 'dist/cli/main.js'), ...args, '--out', dir, '--quiet'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  if (r.status !== 0) {
    console.log(`${name}: exit ${r.status} ${r.stderr.trim()}`);
    continue;
  }
  for (const f of readdirSync(dir).sort()) {
    const path = join(dir, f);
    if (!existsSync(path) || f.startsWith('.')) continue;
    const text = readFileSync(path, 'latin1').replaceAll(root, '<root>/').replaceAll(out, '<out>');
    console.log(`${name}/${f} ${createHash('sha256').update(text, 'latin1').digest('hex')}`);
  }
}
