#!/usr/bin/env node
import { redactAll } from '../engine/sqlEngine.js';
import { OptionError, SegmentaError } from '../util/errors.js';
import { VERSION } from '../util/version.js';
import { exitOnInterrupt, interruptedBy } from '../util/interruption.js';
import { guardConsole } from '../util/terminalText.js';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const HELP = `segmenta ${VERSION}: customer segmentation

  segmenta run FILE [options]       segment customers; writes segments.csv, summary.json, model.json, report.html, …
  segmenta run --db URL --table T   the same inside DuckDB, PostgreSQL or ClickHouse (--write-table S puts the segments there)
  segmenta profile FILE             profile every column (EDA); writes profile.json (or --db URL --table T)
  segmenta predict MODEL FILE       assign new customers to a model's segments; writes segments.csv
  segmenta drift OLD NEW            how customers moved between two runs' segments (the migration table)
  segmenta compare FILE             k-means, hierarchical and Gaussian mixtures side by side (--methods)
  segmenta export-sql MODEL --dialect D   the SQL that scores customers inside your database
  segmenta demo [options]           run on a built-in synthetic customer set
  segmenta report OUTDIR [--png]    rebuild report.html (and PNG charts) from a finished run
  segmenta serve [FILE]             the dashboard in your browser (http://127.0.0.1:8080/)
  segmenta rfm FILE --customer C --date D (--amount A | --quantity Q --price P)
                                    RFM scores, named segments and clusters from an order log (or --db URL --table T)
  segmenta clv FILE --customer C --date D (--amount A | --quantity Q --price P)
                                    customer value ahead: P(alive), expected purchases and value (BG/NBD, Pareto/NBD, …; Gamma-Gamma)
  segmenta samples [NAME]           the public data sets that ship with Segmenta; writes one out to try (mall, cdnow, …)

segmenta COMMAND --help shows a command's options.`;

type Command = (argv: readonly string[]) => Promise<number>;

/** Each command's module, loaded only when it runs: `segmenta --version` loads none of them. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./runCommand.js')).runCommand,
  profile: async () => (await import('./profileCommand.js')).profileCommand,
  predict: async () => (await import('./predictCommand.js')).predictCommand,
  demo: async () => (await import('./demoCommand.js')).demoCommand,
  report: async () => (await import('./reportCommand.js')).reportCommand,
  serve: async () => (await import('./serveCommand.js')).serveCommand,
  rfm: async () => (await import('./rfmCommand.js')).rfmCommand,
  clv: async () => (await import('./clvCommand.js')).clvCommand,
  compare: async () => (await import('./compareCommand.js')).compareCommand,
  drift: async () => (await import('./driftCommand.js')).driftCommand,
  'export-sql': async () => (await import('./exportSqlCommand.js')).exportSqlCommand,
  samples: async () => (await import('./samplesCommand.js')).samplesCommand,
};

/** Runs the CLI on argv (without node and script) and returns the exit code; errors are one line on stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return (console.log(HELP), 0);
  if (command === '--version' || command === '-v') return (console.log(VERSION), 0);
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    console.error(`segmenta: error: unknown command "${command}" (expected ${Object.keys(COMMANDS).join(', ')}; see segmenta --help)`);
    return 2;
  }
  // Ctrl-C in a command that writes removes its temporary tables and staging folders (serve stops on its own).
  if (command !== 'serve') exitOnInterrupt();
  // Names, labels and cells from files and models reach the terminal: no control character acts on it.
  guardConsole();
  try {
    return await (
      await load()
    )(rest);
  } catch (e) {
    // After Ctrl-C, a cancelled statement's error is the interruption's echo: its handler says what happened.
    if (interruptedBy()) await new Promise(() => undefined);
    // A progress line may be on the terminal: the error starts on a clean line.
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    if (e instanceof SegmentaError) {
      // A bad option value is named by its flag, as the user typed it.
      const message = e instanceof OptionError && e.names.flag ? e.namedAs(`--${e.names.flag}`) : e.message;
      console.error(`segmenta: error: ${oneLine(redactAll(message))}`);
      return e.exitCode;
    }
    const err = e as NodeJS.ErrnoException;
    if (
      err?.code === 'EACCES' ||
      err?.code === 'ENOSPC' ||
      err?.code === 'EROFS' ||
      err?.code === 'ENOTDIR' ||
      err?.code === 'EISDIR' ||
      err?.code === 'ENOENT'
    ) {
      console.error(`segmenta: error: ${oneLine(redactAll(err.message))}; check the paths and permissions`);
      return 3;
    }
    console.error(
      `segmenta: internal error: ${redactAll(err?.message ?? String(e))}${process.env['SEGMENTA_DEBUG'] ? `\n${err?.stack}` : ' (set SEGMENTA_DEBUG=1 for details)'}`,
    );
    return 1;
  }
}

/** A message on one line (a database or file error may hold several). */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** True when this module is the program that runs (node dist/cli/main.js, or the `segmenta` link to it). */
function isEntryPoint(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Imported (a test, a script), it only offers main(); run as the program, it runs it.
if (isEntryPoint())
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
