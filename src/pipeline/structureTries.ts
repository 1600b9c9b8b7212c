import type { Column, Table } from '../data/table.js';
import type { FeatureFamilies } from '../explain/featureFamilies.js';
import { fitPipeline, type PipelineOptions } from '../preprocess/pipeline.js';
import { structureAdvice, type StructureAdvice, type StructureTry } from '../select/structureAdvice.js';
import type { KChoice } from '../select/chooseK.js';
import { shellWord } from '../util/shellWord.js';
import { mention } from '../options/optionMentions.js';

/**
 * The changes worth measuring when no k reproduces (issue 29), in order of preference: `--log auto` when it
 * would log skewed columns the run did not log, and one feature per family of correlated features when the
 * features hold such families (a family counts once instead of several times). Each try refits the
 * pipeline on the same table. O(tries · n · features) when their matrices are asked for.
 */
export function structureTries(table: Table, features: readonly Column[], options: PipelineOptions, families: FeatureFamilies): StructureTry[] {
  const tries: StructureTry[] = [];
  if (options.log !== 'auto') {
    const logged = fitPipeline(table, features, { ...options, log: 'auto' });
    if (logged.report.logged.length > 0)
      tries.push({
        flags: mention('log', 'auto'),
        why: `${logged.report.logged.length} skewed money-like column${logged.report.logged.length === 1 ? '' : 's'} on a log scale`,
        matrix: () => logged.matrix,
      });
  }
  const followers = new Set(families.groups.flatMap((g) => g.slice(1)));
  const kept = features.filter((c) => !followers.has(c.name));
  // A log list names columns of the run (RFM logs all three); the columns left out are no longer logged.
  const keptLog = Array.isArray(options.log) ? { ...options, log: options.log.filter((name) => !followers.has(name)) } : options;
  if (followers.size > 0 && kept.length >= 2)
    tries.push({
      flags: `${mention('features')} ${shellWord(kept.map((c) => c.name).join(','))}`,
      why: `one feature of each family of correlated features (|Spearman| ≥ ${families.threshold})`,
      matrix: () => fitPipeline(table, kept, keptLog).matrix,
    });
  return tries;
}

/**
 * When k was chosen automatically and no k reproduces (`structure: 'none'`), what would make one reproduce,
 * measured on this table over the same ks; undefined otherwise (and for mixtures, whose k is chosen by BIC).
 */
export function adviceWhenNoGroups(
  choice: KChoice,
  table: Table,
  features: readonly Column[],
  options: PipelineOptions & {
    readonly auto: boolean;
    readonly byBic: boolean;
    readonly seed: number;
    readonly gapSampleSize: number;
    readonly strengthSplits: number;
    readonly threads?: number | undefined;
  },
  families: FeatureFamilies,
  ks: readonly number[],
): StructureAdvice | undefined {
  if (choice.structure !== 'none' || !options.auto || options.byBic) return undefined;
  const tries = structureTries(table, features, options, families);
  return structureAdvice(tries, ks, { seed: options.seed, sampleRows: options.gapSampleSize, splits: options.strengthSplits, threads: options.threads });
}
