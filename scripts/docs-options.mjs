// Writes the options tables generated from the option declarations (src/options/optionSpecs.ts) into the
// docs: run's options in docs/commands.md (between <!-- options:run --> markers) and every option in
// docs/options.md. Run after `npm run build`: `npm run docs`. test/options/optionsDocs.test.ts fails when
// they are not current.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { runOptionsTable, libraryOptionsTable, replaceBetweenMarkers } = await import(join(root, 'dist/cli/optionsTable.js'));

const readmePath = join(root, 'docs/commands.md');
writeFileSync(readmePath, replaceBetweenMarkers(readFileSync(readmePath, 'utf8'), 'options:run', runOptionsTable()));
const optionsPath = join(root, 'docs/options.md');
writeFileSync(optionsPath, replaceBetweenMarkers(readFileSync(optionsPath, 'utf8'), 'options:all', libraryOptionsTable()));
console.log('docs/commands.md and docs/options.md: options tables written');
