import { join } from 'node:path';
import { writeFilesAtomically } from '../output/writeFilesAtomically.js';
import { loadRunArtifacts } from '../report/loadRunArtifacts.js';
import { reportFiles } from '../report/reportFiles.js';
import { DataError, SegmentaError, UsageError } from '../util/errors.js';
import { helpText, parseCommandFlags, type CommandHelp } from './commandFlags.js';

const REPORT_HELP: CommandHelp = {
  usage: ['segmenta report OUTDIR [--png]'],
  about: 'Rebuilds OUTDIR/report.html from a finished run (its summary.json, model.json and segments.csv).',
  sections: [{ flags: [{ flag: 'png', doc: 'also write every chart as a PNG into OUTDIR/charts/' }] }],
};

/** `segmenta report OUTDIR`. Returns the exit code. */
export async function reportCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandFlags(argv, REPORT_HELP, 'report');
  if (values['help']) return (console.log(helpText(REPORT_HELP)), 0);
  if (positionals.length !== 1) throw new UsageError('report: give the output folder of a finished run (segmenta report OUTDIR)');
  const dir = positionals[0]!;
  const artifacts = await loadRunArtifacts(dir);
  let files: Awaited<ReturnType<typeof reportFiles>>;
  try {
    files = await reportFiles(artifacts, values['png'] === true);
  } catch (e) {
    if (e instanceof SegmentaError) throw e;
    // The folder's files were read and checked one by one, but do not fit together (edited by hand?).
    throw new DataError(
      `${dir}: its summary.json, model.json and segments.csv do not fit together (${(e as Error).message.split('\n')[0]}); run segmenta run again`,
    );
  }
  writeFilesAtomically(dir, files);
  const pngs = files.length - 1;
  console.log(`wrote ${join(dir, 'report.html')}${pngs ? ` and ${pngs} PNG charts in ${join(dir, 'charts')}` : ''}`);
  return 0;
}
