import { join } from 'node:path';
import { writeFilesAtomically } from '../output/writeFilesAtomically.js';
import { loadRunArtifacts } from '../report/loadRunArtifacts.js';
import { reportFiles } from '../report/reportFiles.js';
import { UsageError } from '../util/errors.js';
import { parseFlags } from './options.js';

export const REPORT_HELP = `segmenta report OUTDIR [--png]

Rebuilds OUTDIR/report.html from a finished run (its summary.json, model.json and segments.csv);
with --png also writes every chart as a PNG into OUTDIR/charts/.`;

const FLAGS = { png: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** `segmenta report OUTDIR`. Returns the exit code. */
export async function reportCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, 'report');
  if (values['help']) return console.log(REPORT_HELP), 0;
  if (positionals.length !== 1) throw new UsageError('report: give the output folder of a finished run (segmenta report OUTDIR)');
  const dir = positionals[0]!;
  const files = await reportFiles(await loadRunArtifacts(dir), values['png'] === true);
  writeFilesAtomically(dir, files);
  const pngs = files.length - 1;
  console.log(`wrote ${join(dir, 'report.html')}${pngs ? ` and ${pngs} PNG charts in ${join(dir, 'charts')}` : ''}`);
  return 0;
}
