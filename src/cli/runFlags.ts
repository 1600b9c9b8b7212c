import { OPTION_SPECS, type OptionSpec } from '../options/segmentOptions.js';
import type { CommandFlag, CommandHelp, FlagSection } from './commandFlags.js';
import { EXIT_CODES, MAX_COLUMNS_FLAG, NO_REPORT_FLAG, OUT_FLAGS, PNG_FLAG, segmentFlagSections } from './options.js';

/** The flags of run's database mode. */
const DATABASE_FLAGS: readonly CommandFlag[] = [
  {
    flag: 'db',
    value: 'URL',
    doc: 'postgres://user:password@host:port/database, clickhouse://host:port/database, or duckdb:path.db (duckdb: alone reads a file given as --table, e.g. --table big.parquet): the work runs inside the database and only a sample and the centres leave it',
  },
  { flag: 'table', value: 'NAME', doc: 'the table of customers (schema.table allowed)' },
  {
    flag: 'write-table',
    value: 'NAME',
    doc: 'write key, segment, segment_name, distance of every customer into this table (replaced at the end; without it they are streamed into DIR/segments.csv)',
  },
  {
    flag: 'init',
    value: 'sample|kmeans|||both',
    default: 'sample',
    doc: "where k-means in the database starts: the sample's best centres, k-means|| seeds drawn in the database (12 more scans, for tables a sample may not represent), or both, keeping the lower whole-table inertia",
  },
];

/** The flags of runs over time: a baseline to keep segment identities, a segment to re-segment. */
export const BASELINE_FLAGS: readonly CommandFlag[] = [
  {
    flag: 'baseline',
    value: 'MODEL',
    doc: "a previous run's model.json (or its folder): segments that continue one of its segments keep their number and name; writes migration.csv",
  },
  { flag: 'within', value: 'SEGMENT', doc: 'with --baseline MODEL: re-segment only the customers of that segment of MODEL (its number, or its name)' },
];

/** run's outputs. */
export const RUN_OUTPUT_FLAGS: readonly CommandFlag[] = [
  ...OUT_FLAGS,
  MAX_COLUMNS_FLAG,
  { ...PNG_FLAG, doc: 'also write every chart as a PNG (rendered in Node, no browser) into DIR/charts/' },
  NO_REPORT_FLAG,
];

/**
 * The sections of run's options, shared by demo and compare: the declared segmentation options (`specs`,
 * by group), runs over time, outputs.
 */
export function runSections(specs: ReadonlyArray<OptionSpec> = OPTION_SPECS): FlagSection[] {
  return [...segmentFlagSections(specs), { title: 'Runs over time', flags: BASELINE_FLAGS }, { title: 'Output', flags: RUN_OUTPUT_FLAGS }];
}

/** run's `--help`, generated from its flags and the declared options. */
export function runHelp(specs: ReadonlyArray<OptionSpec> = OPTION_SPECS): CommandHelp {
  return {
    usage: ['segmenta run FILE [options]', 'segmenta run --db URL --table NAME [--write-table NAME] [options]'],
    about: `Segments the customers in FILE (CSV/TSV, Parquet, JSON/NDJSON; gzipped too) and writes into --out:
segments.csv, summary.json, model.json, profile.json, pca.csv and report.html.`,
    sections: [{ title: 'Inside a database', flags: DATABASE_FLAGS }, ...runSections(specs)],
    footer: EXIT_CODES,
  };
}
