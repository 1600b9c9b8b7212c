import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SAMPLE_FILES, sampleFolder, sampleNamed } from '../data/sampleFiles.js';
import { closestName } from '../util/closestName.js';
import { UsageError } from '../util/errors.js';
import { helpText, parseCommandFlags, type CommandHelp } from './commandFlags.js';
import { formatTable } from './printTable.js';

const SAMPLES_HELP: CommandHelp = {
  usage: ['segmenta samples', 'segmenta samples NAME [--out DIR] [--force]'],
  about: `Lists the public data sets that ship with Segmenta (with their source and licence), or writes one out
(into the current folder, or DIR) to try the commands on, as scikit-learn's datasets and PyCaret's get_data do.`,
  sections: [
    {
      flags: [
        { flag: 'out', value: 'DIR', doc: 'the folder to write the file into', default: 'the current folder' },
        { flag: 'force', doc: 'replace a file of the same name there' },
      ],
    },
  ],
  footer: 'Exit codes: 0 ok, 2 usage error.',
};

/** `segmenta samples [NAME]`: lists the bundled data sets, or writes one out. Returns the exit code. */
export async function samplesCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandFlags(argv, SAMPLES_HELP, 'samples');
  if (values['help']) return (console.log(helpText(SAMPLES_HELP)), 0);
  if (positionals.length === 0) {
    console.log(
      formatTable(
        ['name', 'file', 'what it holds', 'licence'],
        SAMPLE_FILES.map((s) => [s.name, s.file, s.about, s.licence]),
      ),
    );
    console.log(`\nsegmenta samples NAME writes one into the current folder (--out DIR elsewhere). Sources: ${join(sampleFolder(), 'SOURCES.md')}`);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('samples: give one name (see segmenta samples)');
  const sample = sampleNamed(positionals[0]!);
  if (!sample) {
    const near = closestName(
      positionals[0]!,
      SAMPLE_FILES.map((s) => s.name),
    );
    throw new UsageError(
      `samples: no sample "${positionals[0]}"${near ? `; did you mean "${near}"?` : ''} (expected ${SAMPLE_FILES.map((s) => s.name).join(', ')})`,
    );
  }
  const out = resolve((values['out'] as string | undefined) ?? '.');
  const target = join(out, sample.file);
  if (existsSync(target) && values['force'] !== true) throw new UsageError(`samples: ${target} exists; leave it, or add --force to replace it`);
  mkdirSync(out, { recursive: true });
  // Copied beside the target and renamed: never a half-written file under the sample's name.
  const staging = `${target}.segmenta-${process.pid}`;
  copyFileSync(join(sampleFolder(), sample.file), staging);
  renameSync(staging, target);
  console.log(`wrote ${target}: ${sample.about}\nsource: ${sample.source}; licence: ${sample.licence}\ntry: ${sample.tryIt}`);
  return 0;
}
