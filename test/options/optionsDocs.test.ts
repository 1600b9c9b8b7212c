import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryOptionsTable, runOptionsTable } from '../../src/cli/optionsTable.js';
import { ROOT } from '../helpers.js';

const between = (text: string, name: string): string =>
  text.slice(text.indexOf(`<!-- ${name} -->`) + `<!-- ${name} -->`.length + 1, text.indexOf(`<!-- /${name} -->`) - 1);

describe('the options tables of the docs are generated from the declarations (npm run docs)', () => {
  it("docs/commands.md's table of run's options is current", () => {
    expect(between(readFileSync(join(ROOT, 'docs/commands.md'), 'utf8'), 'options:run')).toBe(runOptionsTable());
  });
  it("docs/options.md's table of every option is current", () => {
    expect(between(readFileSync(join(ROOT, 'docs/options.md'), 'utf8'), 'options:all')).toBe(libraryOptionsTable());
  });
});
