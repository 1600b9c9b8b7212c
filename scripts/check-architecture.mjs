// The architecture gate of `npm run lint`: no import cycle between modules of src/ and web/, none between
// folders of src/, and every import between folders allowed by the layer table of docs/architecture.md
// ("Who owns what": a folder may use its own layer and the layers below; "Never:" pairs are refused), and no
// branch on a dialect's name outside the dialect tables.
// Type-only imports count too: a type cycle is a cycle of ideas. Prints every problem and exits 1, or
// prints "no import cycles, every import within its layers".
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { sourceFiles } from './sourceFiles.mjs';

// The repository (or, for the script's own test, the folder given as the first argument).
const root = resolve(process.argv[2] ?? new URL('..', import.meta.url).pathname);
const files = sourceFiles(root);

/** Relative imports of a module (static `import … from`, `export … from`, type-only ones too, and `import('…')`). */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?'(\.[^']+)'/gm)) out.push(m[1]);
  for (const m of text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g)) out.push(m[1]);
  return out.map((spec) => resolve(dirname(file), spec.replace(/\.js$/, '.ts'))).filter((p) => files.includes(p));
}
const graph = new Map(files.map((f) => [f, importsOf(f)]));

// Strongly connected components (Tarjan): each of more than one module is a cycle.
const cycles = [];
let counter = 0;
const index = new Map(),
  low = new Map(),
  stack = [],
  onStack = new Set();
function visit(v) {
  index.set(v, counter);
  low.set(v, counter++);
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v)) {
    if (!index.has(w)) (visit(w), low.set(v, Math.min(low.get(v), low.get(w))));
    else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) === index.get(v)) {
    const component = [];
    let w;
    do ((w = stack.pop()), onStack.delete(w), component.push(w));
    while (w !== v);
    if (component.length > 1)
      cycles.push(
        `modules: ${component
          .map((f) => relative(root, f))
          .sort()
          .join(' ↔ ')}`,
      );
  }
}
for (const v of graph.keys()) if (!index.has(v)) visit(v);

// Folder cycles inside src/ (src/index.ts, the public barrel, stands above every folder).
const folderOf = (f) => relative(join(root, 'src'), dirname(f));
const uses = new Map();
for (const [f, deps] of graph) {
  if (!f.startsWith(join(root, 'src')) || f === join(root, 'src', 'index.ts')) continue;
  for (const d of deps) {
    const [a, b] = [folderOf(f), folderOf(d)];
    if (a === b) continue;
    if (!uses.has(a)) uses.set(a, new Map());
    if (!uses.get(a).has(b)) uses.get(a).set(b, `${relative(root, f)} → ${relative(root, d)}`);
  }
}
for (const [a, targets] of uses)
  for (const [b, why] of targets) if (a < b && uses.get(b)?.has(a)) cycles.push(`folders: src/${a} ↔ src/${b} (${why}; ${uses.get(b).get(a)})`);

// Layers: the table of docs/architecture.md (rows "| n | `a/`, `b/` | …"), and its "Never: `x/` → `y/`" lines.
const doc = existsSync(join(root, 'docs/architecture.md')) ? readFileSync(join(root, 'docs/architecture.md'), 'utf8') : '';
const layerOf = new Map();
for (const m of doc.matchAll(/^\|\s*(\d+)\s*\|([^|]*)\|/gm)) for (const f of m[2].matchAll(/`([\w-]+)\/`/g)) layerOf.set(f[1], Number(m[1]));
const never = [...doc.matchAll(/^- Never: `([\w-]+)\/` → `([\w-]+)\/`/gm)].map((m) => [m[1], m[2]]);
const layers = [];
if (layerOf.size) {
  const top = (folder) => folder.split('/')[0];
  const folders = new Set(files.filter((f) => f.startsWith(join(root, 'src') + '/') && dirname(f) !== join(root, 'src')).map((f) => top(folderOf(f))));
  for (const a of [...folders].sort())
    if (!layerOf.has(a)) layers.push(`layers: src/${a} has no layer in docs/architecture.md ("Who owns what"); add it to the table`);
  for (const [sub, targets] of uses) {
    const a = top(sub);
    for (const [subB, why] of targets) {
      const b = top(subB);
      if (never.some(([x, y]) => x === a && y === b)) layers.push(`layers: src/${a} never uses src/${b}: ${why}`);
      if (layerOf.has(a) && layerOf.has(b) && layerOf.get(b) > layerOf.get(a))
        layers.push(`layers: src/${a} (layer ${layerOf.get(a)}) may not use src/${b} (layer ${layerOf.get(b)}): ${why}`);
    }
  }
}

// Dialects: no code outside the two dialect tables branches on a dialect's name (issue 31); a difference
// between engines is a property of the dialect.
const DIALECT_TABLES = ['src/engine/sqlDialect.ts', 'src/engine/engineDialect.ts'];
const dialectBranches = [];
for (const f of files) {
  if (DIALECT_TABLES.includes(relative(root, f))) continue;
  readFileSync(f, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (/\.name\s*[!=]==?\s*'(duckdb|postgres|clickhouse|trino|bigquery)'/.test(line))
        dialectBranches.push(
          `dialects: ${relative(root, f)}:${i + 1} branches on a dialect's name; make the difference a property of the dialect table (src/engine/engineDialect.ts)`,
        );
    });
}

const problems = [...cycles, ...layers, ...dialectBranches];
if (problems.length) {
  console.error(`architecture problems (${problems.length}):\n${problems.map((c) => `  ${c}`).join('\n')}`);
  process.exit(1);
}
console.log(`no import cycles, every import within its layers (${files.length} modules of src/ and web/)`);
