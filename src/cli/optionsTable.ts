import { OPTION_GROUPS, OPTION_SPECS, shownDefault, type OptionSpec } from '../options/segmentOptions.js';
import type { CommandFlag } from './commandFlags.js';
import { BASELINE_FLAGS, RUN_OUTPUT_FLAGS } from './runFlags.js';

/**
 * The options tables of the docs, generated from the declarations (`npm run docs` writes them into docs/commands.md
 * and docs/options.md; a test checks they are current): run's options for docs/commands.md, and every option of
 * the library with its flag, default, studio control and whether model.json records it.
 */

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const meaning = (spec: OptionSpec): string => cell(spec.more ? `${spec.doc}; ${spec.more}` : spec.doc);
const bySection = (specs: ReadonlyArray<OptionSpec>): OptionSpec[] => OPTION_GROUPS.flatMap((g) => specs.filter((s) => s.group === g));

function flagRow(f: CommandFlag): string {
  return `| \`--${f.flag}${f.value ? ` ${cell(f.value)}` : ''}\` | ${f.default === undefined ? (f.value ? 'none' : 'off') : cell(f.default)} | ${cell(f.doc)} |`;
}

/** The table of run's options in docs/commands.md (and demo's): flag, default, meaning. O(options). */
export function runOptionsTable(specs: ReadonlyArray<OptionSpec> = OPTION_SPECS): string {
  const rows = bySection(specs)
    .filter((s) => s.flag !== null)
    .map((s) => `| \`--${s.flag} ${cell(s.kind.placeholder)}\` | ${cell(shownDefault(s))} | ${meaning(s)} |`);
  return ['| flag | default | meaning |', '| --- | --- | --- |', ...rows, ...[...BASELINE_FLAGS, ...RUN_OUTPUT_FLAGS].map(flagRow)].join('\n');
}

/** docs/options.md's table: every declared option as the library, the CLI, the studio and model.json know it. O(options). */
export function libraryOptionsTable(specs: ReadonlyArray<OptionSpec> = OPTION_SPECS): string {
  const rows = bySection(specs).map(
    (s) =>
      `| \`${s.name}\` | ${s.flag ? `\`--${s.flag}\`` : '—'} | ${cell(shownDefault(s))} | ${s.studio ? `${cell(s.studio.label)} (${s.studio.panel})` : '—'} | ${s.recorded === 'always' ? 'always' : s.recorded ? 'when given' : 'no'} | ${meaning(s)} |`,
  );
  return ['| option | flag | default | studio | in model.json | meaning |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** `text` with the part between `<!-- name -->` and `<!-- /name -->` replaced by `body`; refused when the markers are missing. */
export function replaceBetweenMarkers(text: string, name: string, body: string): string {
  const open = `<!-- ${name} -->`,
    close = `<!-- /${name} -->`;
  const a = text.indexOf(open),
    b = text.indexOf(close);
  if (a < 0 || b < a) throw new Error(`the markers ${open} … ${close} are missing`);
  return `${text.slice(0, a + open.length)}\n${body}\n${text.slice(b)}`;
}
