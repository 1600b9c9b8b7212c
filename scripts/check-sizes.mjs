// The size gate of `npm run lint` (issue 31): no file of src/ longer than 300 lines and no function of src/ or
// web/ longer than 80, measured with the TypeScript parser, except the ones listed below with the reason
// docs/decisions.md gives ("Size limits of the code, and their exceptions"). Prints every problem and exits 1,
// or prints how many files and functions it measured.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';
import { sourceFiles } from './sourceFiles.mjs';

const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;
/** Files allowed to be longer: the option declarations (one table). */
const LONG_FILES = new Set(['src/options/optionSpecs.ts']);
/** Functions allowed to be longer: the 3D view the report carries as its own source. */
const LONG_FUNCTIONS = new Set(['src/report/scatter3d.ts mountScatter3d']);

// The repository (or, for the script's own test, the folder given as the first argument).
const root = resolve(process.argv[2] ?? new URL('..', import.meta.url).pathname);
const files = sourceFiles(root);

const problems = [];
let functions = 0;
for (const file of files) {
  const name = relative(root, file);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (name.startsWith('src/') && lines > MAX_FILE_LINES && !LONG_FILES.has(name)) problems.push(`${name}: ${lines} lines (at most ${MAX_FILE_LINES})`);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node, named) => {
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      functions++;
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const fn = node.name?.getText() ?? named ?? '(anonymous)';
      if (last - first + 1 > MAX_FUNCTION_LINES && !LONG_FUNCTIONS.has(`${name} ${fn}`))
        problems.push(`${name}:${first + 1}: function ${fn} has ${last - first + 1} lines (at most ${MAX_FUNCTION_LINES})`);
    }
    const next = ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node) ? node.name.getText() : named;
    ts.forEachChild(node, (child) => visit(child, next));
  };
  visit(source, undefined);
}
if (problems.length) {
  console.error(`size problems (${problems.length}):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`every file within ${MAX_FILE_LINES} lines and every function within ${MAX_FUNCTION_LINES} (${files.length} files, ${functions} functions)`);
