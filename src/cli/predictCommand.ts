import { join } from 'node:path';
import { readTable } from '../data/readTable.js';
import { findColumn, rowKeys } from '../data/table.js';
import { fingerprint } from '../model/fingerprint.js';
import { loadModel } from '../model/loadModel.js';
import { predict } from '../model/predict.js';
import { percent } from '../explain/nameSegments.js';
import { placeWithModel, UNUSUAL_PERCENTILE, type UnusualRule } from '../stats/distancePercentile.js';
import { segmentsCsvLines } from '../output/segmentsCsv.js';
import { writeRunFolder } from '../output/runFolder.js';
import { UsageError } from '../util/errors.js';
import { MAX_COLUMNS_FLAG, OUT_FLAGS, outFolder, readLimitsFrom } from './options.js';
import { helpText, parseCommandFlags, type CommandHelp } from './commandFlags.js';
import { formatTable } from './printTable.js';
import { countText } from '../util/formatNumber.js';

/** predict's default output folder: never the training run's ./segmenta-out. */
const PREDICT_OUT = 'segmenta-scored';

const PREDICT_HELP: CommandHelp = {
  usage: ['segmenta predict MODEL FILE [--out DIR] [--json] [--quiet] [--excel] [--force]'],
  about: `Assigns the customers in FILE to the segments of MODEL (a model.json written by segmenta run) and writes
DIR/segments.csv (default ./segmenta-scored): the columns run writes, then distance_percentile (where the
customer's distance to its segment's centre falls among the training customers of that segment, 0–100) and
unusual (1 beyond the 99th percentile: a customer the segment does not describe well). A folder holding
another run (e.g. the training run's outputs) is refused unless --force.`,
  sections: [{ flags: [...OUT_FLAGS, MAX_COLUMNS_FLAG] }],
  footer: 'Exit codes: 0 ok, 2 usage error, 3 data error.',
};

/** `segmenta predict MODEL FILE`. Returns the exit code. */
export async function predictCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandFlags(argv, PREDICT_HELP, 'predict');
  if (values['help']) return (console.log(helpText(PREDICT_HELP)), 0);
  if (positionals.length !== 2) throw new UsageError('predict: give a model and a data file (segmenta predict MODEL FILE)');
  const { out, run } = outFolder(values, 'predict', positionals, undefined, PREDICT_OUT);
  const model = loadModel(positionals[0]!);
  const table = await readTable(positionals[1]!, { limits: readLimitsFrom(values) });
  const { labels, distances, probabilities } = predict(model, table);
  const key = model.key === null ? undefined : findColumn(table, model.key);
  const keyColumn = key ? key.name : null;
  const keys = rowKeys(key, table.rowCount);
  const placed = placeWithModel(model, labels, distances);
  writeRunFolder(
    out,
    [{ name: 'segments.csv', content: segmentsCsvLines(table, keyColumn, keys, labels, distances, model.segments, probabilities, placed) }],
    run,
  );
  const { minSize, maxSize } = model.options as { minSize?: string | number; maxSize?: string | number };
  const limitsNote =
    minSize !== undefined || maxSize !== undefined
      ? `the model's segments were found with size limits (--min-size ${minSize ?? 'none'}, --max-size ${maxSize ?? 'none'}); predict assigns each customer to the nearest centre, so these sizes need not meet them`
      : null;
  const counts = model.segments.map((_, j) => labels.reduce((s, l) => s + (l === j ? 1 : 0), 0));
  const unusual = placed ? placed.unusual.reduce((s, u) => s + u, 0) : null;
  const columns = model.features.map((f) => table.columns.find((c) => c.name === f)!);
  const sameData = fingerprint(columns, table.rowCount) === model.training.fingerprint;
  if (values['quiet']) return 0;
  if (values['json']) {
    console.log(
      JSON.stringify(
        {
          rows: table.rowCount,
          sameDataAsTraining: sameData,
          unusual,
          ...(limitsNote ? { sizeLimits: limitsNote } : {}),
          segments: model.segments.map((s, j) => ({ id: s.id, name: s.name, customers: counts[j] })),
        },
        null,
        2,
      ),
    );
    return 0;
  }
  console.log(
    `${table.source?.path}: ${table.rowCount} customers assigned to ${model.segments.length} segments${sameData ? ' (this is the training data)' : ''}`,
  );
  console.log(
    formatTable(
      ['#', 'segment', 'customers'],
      model.segments.map((s, j) => [String(s.id), s.name, String(counts[j])]),
    ),
  );
  if (unusual !== null)
    console.log(
      `\n${countText(unusual)} of ${countText(table.rowCount)} customers are unusual: ${unusualWords(model.unusual)} (unusual = 1 in segments.csv)${unusual > 0.05 * table.rowCount ? '; that many suggests the new customers differ from the training data: consider re-running segmenta run' : ''}`,
    );
  else console.log('\nthe model was made before distance percentiles were stored: re-run segmenta run to get distance_percentile and unusual');
  if (limitsNote) console.log(`\n${limitsNote}`);
  console.log(`\nwrote ${join(out, 'segments.csv')}`);
  return 0;
}

/** What "unusual" means for this model, in words. */
function unusualWords(rule: UnusualRule | undefined): string {
  if (!rule) return `further from their segment's centre than ${UNUSUAL_PERCENTILE}% of its training customers`;
  return `as far from their segment's centre, relative to its typical member, as the ${percent(rule.contamination)} most unusual training customers (--contamination)`;
}
