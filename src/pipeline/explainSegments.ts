import type { Column, Table } from '../data/table.js';
import { findColumn } from '../data/table.js';
import { columnLabel, type LabelMap } from '../explain/columnLabels.js';
import type { FeatureFamilies } from '../explain/featureFamilies.js';
import { profileSegments, type ProfiledColumn } from '../explain/profileSegments.js';
import { segmentRules, type SegmentRules } from '../explain/segmentRules.js';
import type { RoleDecision } from '../preprocess/columnRoles.js';
import type { Pipeline } from '../preprocess/pipelineSteps.js';
import type { SegmentStability } from '../stability/bootstrapJaccard.js';
import type { Segment } from './segmentation.js';
import { namedSegments } from './segmentationResult.js';

/** What the explain step needs, from a file or from a database table's sample. */
export interface ExplainInput {
  /** The rows the profiles and rules are read off (the file, or a database table's sample). */
  readonly table: Table;
  /** Their columns to profile, features first (see `profiledColumn`). */
  readonly profiled: readonly ProfiledColumn[];
  /** The features (the rules' columns), in the pipeline's order. */
  readonly features: readonly string[];
  readonly pipeline: Pipeline;
  /** 0-based segment of each row of `table`, in segment order. */
  readonly labels: Int32Array;
  readonly k: number;
  readonly families: FeatureFamilies;
  /** Each segment's bootstrap Jaccard, when measured. */
  readonly stability?: readonly SegmentStability[];
  /** A baseline's numbers and names for kept segments. */
  readonly kept?: { readonly ids: readonly number[]; readonly names: ReadonlyArray<string | null> };
  /** Sizes over a whole database table when `table` is its sample. */
  readonly whole?: { readonly sizes: readonly number[]; readonly rows: number };
  readonly rulesDepth: number;
  /** Rows the rule trees grow on (a large file's sweep sample); all rows when absent. */
  readonly ruleRows?: Int32Array;
}

/**
 * The explain step both back ends share: profile every column per segment, name, describe and number the
 * segments (with their stability), and grow the readable rules on the features, each column categorical when
 * the pipeline encodes it as categories. O(n · columns + rules).
 */
export function explainSegments(input: ExplainInput): { segments: Segment[]; rules: SegmentRules } {
  const { table, labels, k, whole, stability } = input;
  const profiles = profileSegments(input.profiled, labels, k).map((s, j) => (whole ? { ...s, size: whole.sizes[j]!, share: whole.sizes[j]! / whole.rows } : s));
  const segments = namedSegments(profiles, input.kept, input.families).map((s, j) => (stability ? { ...s, stability: stability[j]! } : s));
  const kinds = new Map(input.pipeline.steps.map((s) => [s.column, s.kind]));
  const rules = segmentRules(
    input.features.map((name) => ({ column: findColumn(table, name)!, categorical: kinds.get(name) === 'category' })),
    labels,
    k,
    input.rulesDepth,
    input.ruleRows,
    segments.map((s) => s.id),
  );
  return { segments, rules };
}

/** A column to profile with its role (from the feature selection), whether it is a feature, and its label. */
export function profiledColumn(column: Column, roles: readonly RoleDecision[], features: ReadonlySet<string>, labels?: LabelMap): ProfiledColumn {
  return { column, role: roles.find((r) => r.column === column.name)!.role, feature: features.has(column.name), label: columnLabel(column.name, labels) };
}

/** The warning of each column a run left out, with the reason. */
export function droppedWarnings(dropped: ReadonlyArray<{ readonly column: string; readonly reason: string }>): string[] {
  return dropped.map((d) => `column "${d.column}" not used: ${d.reason}`);
}
