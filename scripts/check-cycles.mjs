// The architecture gate of `npm run lint`: no import cycle between modules of src/ and web/, and none between
// folders of src/ (a folder may use another only if that one does not use it back). Type-only imports are
// erased at run time and do not count. Prints every cycle and exits 1, or prints "no import cycles".
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The repository (or, for the script's own test, the folder given as the first argument).
const root = resolve(process.argv[2] ?? new URL('..', import.meta.url).pathname);
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) files.push(path);
  }
};
for (const dir of ['src', 'web']) if (existsSync(join(root, dir))) walk(join(root, dir));

/** Run-time relative imports of a module (static `import … from`, `export … from`, and `import('…')`). */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'(\.[^']+)'/gm)) if (!m[1]) out.push(m[2]);
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

if (cycles.length) {
  console.error(`import cycles (${cycles.length}):\n${cycles.map((c) => `  ${c}`).join('\n')}`);
  process.exit(1);
}
console.log(`no import cycles (${files.length} modules of src/ and web/)`);
