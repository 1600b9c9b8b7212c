import type { ClusterMethodName } from '../cluster/methods/planMethod.js';
import { compareMethods, methodFigures } from '../compare/compareMethods.js';
import { comparisonSection } from '../compare/comparisonSection.js';
import { readTable } from '../data/readTable.js';
import type { SegmentaModel } from '../model/model.js';
import { csvText } from '../output/csvText.js';
import { roundedText } from '../output/segmentsCsv.js';
import { stableJson } from '../output/stableJson.js';
import { summaryJson, type SummaryDocument } from '../output/summaryJson.js';
import { writeRunFolder } from '../output/runFolder.js';
import { reportFiles } from '../report/reportFiles.js';
import { UsageError } from '../util/errors.js';
import { EXIT_CODES, outFolder, readLimitsFrom, segmentOptionsFrom } from './options.js';
import { helpText, parseCommandFlags, type CommandHelp } from './commandFlags.js';
import { runSections } from './runFlags.js';
import { splitList } from '../options/optionKinds.js';
import { CLUSTER_METHODS } from '../options/segmentOptions.js';
import { formatTable } from './printTable.js';
import { commandProgress } from './progress.js';
import { commandLine } from './summaryText.js';
import { writeStdout } from '../util/terminalText.js';

const COMPARE_HELP: CommandHelp = {
  usage: ["segmenta compare FILE [--methods kmeans,hierarchical,gmm] [run's options]"],
  about: `Runs several methods on the same preprocessing, each choosing its own k (unless --k is given), and prints
a table of k, silhouette, Calinski–Harabasz, Davies–Bouldin and sizes, with the adjusted Rand index and
adjusted mutual information of every pair. Writes into --out: compare.json, comparison.csv and report.html
(the first method's report with a comparison section).`,
  sections: [
    { flags: [{ flag: 'methods', value: 'a,b', doc: `the methods to compare, of ${CLUSTER_METHODS.join(', ')} (default kmeans,hierarchical,gmm)` }] },
    ...runSections(),
  ],
  footer: EXIT_CODES,
};

/** compare.json (each method's figures, segments and labels, and their agreements) and comparison.csv (one row per method). */
function comparisonFiles(comparison: ReturnType<typeof compareMethods>): { jsonText: string; csv: string } {
  const doc = {
    methods: comparison.runs.map((r) => ({
      ...methodFigures(r),
      segments: r.segmentation.segments.map((s) => ({ id: s.id, name: s.name, size: s.size })),
      labels: Array.from(r.segmentation.labels, (l) => l + 1),
    })),
    agreements: comparison.agreements,
  };
  const csv = csvText(
    ['method', 'k', 'silhouette', 'calinski_harabasz', 'davies_bouldin', 'sizes'],
    comparison.runs.map((r) => [
      r.method,
      String(r.k),
      roundedText(r.silhouette),
      roundedText(r.calinskiHarabasz),
      roundedText(r.daviesBouldin),
      r.sizes.join(' '),
    ]),
  );
  return { jsonText: stableJson(doc), csv };
}

/** `segmenta compare FILE`. Returns the exit code. */
export async function compareCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandFlags(argv, COMPARE_HELP, 'compare');
  if (values['help']) return (console.log(helpText(COMPARE_HELP)), 0);
  if (positionals.length !== 1) throw new UsageError('compare: give exactly one data file (segmenta compare FILE [--methods ...])');
  const methods = ((typeof values['methods'] === 'string' ? splitList(values['methods']) : undefined) ?? [
    'kmeans',
    'hierarchical',
    'gmm',
  ]) as ClusterMethodName[];
  segmentOptionsFrom(values); // every option value checked before any work (labels against the columns later)
  const { out, run } = outFolder(values, 'compare', positionals);
  const table = await readTable(positionals[0]!, { limits: readLimitsFrom(values) });
  const options = segmentOptionsFrom(
    values,
    table.columns.map((c) => c.name),
  );
  const quiet = values['quiet'] === true,
    json = values['json'] === true;
  const progress = commandProgress(values);
  const comparison = compareMethods(table, methods, { ...options, onProgress: progress });
  progress('writing the report');
  const { jsonText, csv } = comparisonFiles(comparison);
  const first = comparison.runs[0]!.segmentation;
  const summary = summaryJson(first, table.source, options.seed ?? 0);
  const report = await reportFiles(
    {
      summary: JSON.parse(summary) as SummaryDocument,
      model: JSON.parse(JSON.stringify(first.model)) as SegmentaModel,
      table,
      labels: first.labels,
      matrix: first.matrix,
      pca: first.pca,
      commandLine: commandLine(),
    },
    values['png'] === true,
    comparisonSection(comparison),
  );
  const written = writeRunFolder(out, [{ name: 'compare.json', content: jsonText }, { name: 'comparison.csv', content: csv }, ...report], run);
  progress.end();
  if (json) return (writeStdout(jsonText), 0);
  if (quiet) return 0;
  console.log(
    formatTable(
      ['method', 'k', 'silhouette', 'CH', 'DB', 'sizes'],
      comparison.runs.map((r) => [
        r.method,
        String(r.k),
        r.silhouette.toFixed(3),
        r.calinskiHarabasz.toFixed(1),
        r.daviesBouldin.toFixed(3),
        r.sizes.join('/'),
      ]),
    ),
  );
  console.log('');
  console.log(
    formatTable(
      ['methods', 'ARI', 'AMI'],
      comparison.agreements.map((a) => [`${a.a} vs ${a.b}`, a.adjustedRand.toFixed(3), a.adjustedMutualInfo.toFixed(3)]),
    ),
  );
  console.log(`\nwrote ${written.filter((w) => !w.endsWith('.png')).join(', ')}`);
  return 0;
}
