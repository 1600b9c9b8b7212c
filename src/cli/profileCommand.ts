import { join } from 'node:path';
import { orderLogCommandsFromHeader, orderLogFromTable, orderLogMessage, type OrderLogCommands } from '../data/orderLogHint.js';
import { noHeaderSentence } from '../explain/dataNotes.js';
import { readTable } from '../data/readTable.js';
import { formatNumber } from '../util/formatNumber.js';
import { writeRunFolder } from '../output/runFolder.js';
import type { ReadLimits } from '../data/readLimits.js';
import { profileTable, type TableProfile } from '../profile/profileTable.js';
import { formatProfileValue, unusualValueLines } from '../profile/outliers.js';
import { sourceTitle, type SourceInfo } from '../data/table.js';
import { profileInEngine } from '../engine/profileInEngine.js';
import { openEngine } from '../engine/openEngine.js';
import { redact } from '../engine/sqlEngine.js';
import { DataError, UsageError } from '../util/errors.js';
import { EXIT_CODES, MAX_COLUMNS_FLAG, OUT_FLAGS, outFolder, readLimitsFrom } from './options.js';
import { helpText, parseCommandFlags, type CommandHelp } from './commandFlags.js';
import { formatTable } from './printTable.js';
import { writeStdout } from '../util/terminalText.js';

const PROFILE_HELP: CommandHelp = {
  usage: ['segmenta profile FILE [--out DIR] [--json] [--quiet]', 'segmenta profile --db URL --table NAME [--out DIR] [--json] [--quiet]'],
  about: `Profiles every column of FILE (type, count, missing, distinct, min/max/mean/std/quartiles, skewness,
top categories; Pearson and Spearman correlations), prints it as a table and writes DIR/profile.json
(default ./segmenta-out).`,
  sections: [
    {
      title: 'Inside a database',
      flags: [
        {
          flag: 'db',
          value: 'URL',
          doc: 'postgres://…, clickhouse://… or duckdb:path.db: the profile is computed by SQL inside the database; only a seeded sample of 200,000 rows leaves it, for the Spearman correlations',
        },
        { flag: 'table', value: 'NAME', doc: 'the table to profile (schema.table allowed)' },
      ],
    },
    { title: 'Output', flags: [...OUT_FLAGS, MAX_COLUMNS_FLAG] },
  ],
  footer: EXIT_CODES,
};

/** `segmenta profile FILE`. Returns the exit code. */
export async function profileCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandFlags(argv, PROFILE_HELP, 'profile');
  if (values['help']) return (console.log(helpText(PROFILE_HELP)), 0);
  const db = values['db'] as string | undefined,
    tableName = values['table'] as string | undefined;
  if (db !== undefined ? positionals.length > 0 || !tableName : positionals.length !== 1 || tableName !== undefined) {
    throw new UsageError('profile: give exactly one data file (segmenta profile FILE), or --db URL --table NAME');
  }
  const { out, run } = outFolder(values, 'profile', positionals, db === undefined ? undefined : `${redact(db)}#${tableName}`);
  const { profile, source, orderLog } = db !== undefined ? await profileDatabase(db, tableName!) : await profileFile(positionals[0]!, readLimitsFrom(values));
  const text = JSON.stringify({ source, ...profile }, null, 2) + '\n';
  writeRunFolder(out, [{ name: 'profile.json', content: text }], run);
  // An order log is profiled, then refused as customers (exit 2) with the commands that work on it.
  const done = (): number => (orderLog ? (console.error(orderLogMessage(positionals[0]!, orderLog)), 2) : 0);
  if (values['json']) return (writeStdout(text), done());
  if (values['quiet']) return done();
  const rows = profile.columns.map((c) => {
    const f = (v: number | undefined): string => (v === undefined ? '' : formatProfileValue(c.name, v));
    return [
      c.name,
      c.type,
      String(c.count),
      String(c.missing),
      String(c.distinct),
      f(c.min),
      f(c.q1),
      f(c.median),
      f(c.mean),
      f(c.q3),
      f(c.max),
      f(c.std),
      f(c.skewness),
      c.top
        ? c.top
            .slice(0, 3)
            .map((t) => `${t.value} (${t.count})`)
            .join(', ')
        : c.first
          ? `${c.first} … ${c.last}`
          : '',
    ];
  });
  console.log(`${sourceTitle(source)}: ${profile.rows} rows, ${profile.columns.length} columns`);
  console.log(formatTable(['column', 'type', 'count', 'missing', 'distinct', 'min', 'q1', 'median', 'mean', 'q3', 'max', 'std', 'skew', 'top / range'], rows));
  const strong: string[] = [];
  const cc = profile.correlations;
  cc.columns.forEach((a, i) =>
    cc.columns.forEach((b, j) => j > i && Math.abs(cc.pearson[i]![j]!) >= 0.7 && strong.push(`${a} ~ ${b} (r = ${formatNumber(cc.pearson[i]![j]!)})`)),
  );
  if (strong.length) console.log(`\nstrong correlations: ${strong.join('; ')}`);
  const unusual = unusualValueLines(profile.columns);
  if (unusual.length) console.log(`\nunusual values (check them; run --clip auto winsorizes outliers at the fences):\n${unusual.join('\n')}`);
  if (source?.header === false) console.log(`\n${noHeaderSentence(profile.columns.map((c) => c.name))}`);
  console.log(`\nwrote ${join(out, 'profile.json')}`);
  return done();
}

async function profileFile(
  path: string,
  limits: ReadLimits,
): Promise<{ profile: TableProfile; source: SourceInfo | undefined; orderLog: OrderLogCommands | null }> {
  const table = await readTable(path, { limits }).catch(async (e: unknown) => {
    const commands = e instanceof DataError ? await orderLogCommandsFromHeader(path) : null;
    throw commands ? new DataError(`${(e as Error).message}; the file looks like an order log: segment its customers with ${commands.rfm}`) : e;
  });
  return { profile: profileTable(table), source: table.source, orderLog: orderLogFromTable(table, path) };
}

async function profileDatabase(db: string, table: string): Promise<{ profile: TableProfile; source: SourceInfo; orderLog: null }> {
  const engine = await openEngine(db);
  try {
    return { profile: await profileInEngine(engine, table), source: { path: engine.label, format: 'database', table }, orderLog: null };
  } finally {
    await engine.close();
  }
}
