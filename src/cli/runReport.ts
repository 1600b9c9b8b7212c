import type { Table } from '../data/table.js';
import type { SegmentaModel } from '../model/model.js';
import type { SummaryDocument } from '../output/summaryJson.js';
import type { OutputFile } from '../output/writeFilesAtomically.js';
import type { Segmentation } from '../pipeline/segmentation.js';
import type { ColumnProfile } from '../profile/columnProfile.js';
import type { FlagValues } from './commandFlags.js';
import { commandLine } from './summaryText.js';
import { reportChoice } from './options.js';

/**
 * report.html of a run (and its charts as PNG with --png), drawn from the summary.json and model.json it
 * writes, so that the report says what the files say; none with --no-report. The report's modules (Vega,
 * Vega-Lite, the PNG renderer: a third of a small run's start-up) load only when a report is drawn.
 */
export async function runReport(
  result: Segmentation,
  table: Table,
  files: { readonly summary: string; readonly modelText: string; readonly profile?: readonly ColumnProfile[] },
  values: FlagValues,
): Promise<OutputFile[]> {
  const report = reportChoice(values);
  if (report === 'none') return [];
  const { reportFiles } = await import('../report/reportFiles.js');
  return reportFiles(
    {
      summary: JSON.parse(files.summary) as SummaryDocument,
      model: JSON.parse(files.modelText) as SegmentaModel,
      table,
      labels: result.labels,
      matrix: result.matrix,
      pca: result.pca,
      ...(files.profile ? { profile: files.profile } : {}),
      commandLine: commandLine(),
    },
    report.png,
  );
}
