import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { segmentsByKey } from '../baseline/loadBaseline.js';
import { loadModel } from '../model/loadModel.js';
import { migrationCsv, type MigrationTable } from '../output/migrationCsv.js';
import { DataError, UsageError } from '../util/errors.js';
import { helpText, parseCommandFlags, type CommandHelp } from './commandFlags.js';
import { formatTable } from './printTable.js';
import { writeStdout } from '../util/terminalText.js';

const DRIFT_HELP: CommandHelp = {
  usage: ['segmenta drift OLD NEW [--json | --csv]'],
  about: `Compares two finished runs' folders (each with model.json and segments.csv, keyed by the same column): how
many of the customers both hold moved from each OLD segment to each NEW segment.`,
  sections: [
    {
      flags: [
        { flag: 'json', doc: 'print {customersInBoth, onlyOld, onlyNew, baseline, current, counts} as JSON' },
        { flag: 'csv', doc: "print migration.csv's columns" },
      ],
    },
  ],
  footer: 'Exit codes: 0 ok, 2 usage error, 3 data error.',
};

/** `segmenta drift OLD NEW`: the migration table of two runs without re-running. Returns the exit code. */
export async function driftCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandFlags(argv, DRIFT_HELP, 'drift');
  if (values['help']) return (console.log(helpText(DRIFT_HELP)), 0);
  if (positionals.length !== 2) throw new UsageError('drift: give two run folders (segmenta drift OLD NEW)');
  const [oldRun, newRun] = await Promise.all(positionals.map(readRun));
  if (oldRun!.key === null || oldRun!.key !== newRun!.key)
    throw new DataError(
      `${positionals[0]} and ${positionals[1]} are not keyed by the same column (${oldRun!.key ?? 'row number'} vs ${newRun!.key ?? 'row number'}); drift matches customers by key`,
    );
  const counts = oldRun!.segments.map(() => new Array<number>(newRun!.segments.length).fill(0));
  let both = 0;
  for (const [key, b] of newRun!.byKey) {
    const a = oldRun!.byKey.get(key);
    if (a !== undefined) (both++, counts[a]![b]!++);
  }
  const table: MigrationTable = { baseline: oldRun!.segments, current: newRun!.segments, counts };
  const onlyOld = oldRun!.byKey.size - both,
    onlyNew = newRun!.byKey.size - both;
  if (values['csv']) writeStdout(migrationCsv(table));
  else if (values['json']) console.log(JSON.stringify({ customersInBoth: both, onlyOld, onlyNew, ...table }, null, 2));
  else {
    const name = (s: { id: number; name: string }): string => `${s.id} · ${s.name}`;
    console.log(
      `${both} customers in both runs (${onlyOld} only in ${positionals[0]}, ${onlyNew} only in ${positionals[1]}); rows: ${positionals[0]}, columns: ${positionals[1]}\n`,
    );
    console.log(
      formatTable(
        ['', ...newRun!.segments.map(name), 'in both'],
        oldRun!.segments.map((s, i) => [name(s), ...counts[i]!.map(String), String(counts[i]!.reduce((x, y) => x + y, 0))]),
      ),
    );
  }
  return 0;
}

/** A run folder's key column (the model's own), segments and each customer's segment position by key. */
async function readRun(dir: string): Promise<{ key: string | null; segments: Array<{ id: number; name: string }>; byKey: Map<string, number> }> {
  const modelPath = join(dir, 'model.json');
  const model = loadModel(modelPath);
  const csv = join(dir, 'segments.csv');
  if (!existsSync(csv)) throw new DataError(`${dir} has no segments.csv; give the folder of a finished segmenta run`);
  const byKey = await segmentsByKey(csv, model, modelPath);
  return { key: model.key, segments: model.segments.map((s) => ({ id: s.id, name: s.name })), byKey };
}
