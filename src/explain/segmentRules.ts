import { byFrequency, levelCounts } from '../stats/levelCounts.js';
import { radixOrderFloat64 } from '../stats/radixSort.js';
import { allRows } from '../util/gather.js';
import type { Column } from '../data/table.js';
import { isNumberCondition, ruleText, type NumberCondition, type RuleCondition } from './ruleText.js';

/** A segment's rule: the leaves of its tree that say "in the segment", each an AND of conditions, OR-ed. */
export interface SegmentRule {
  readonly segment: number;
  /** Alternatives (OR) of condition lists (AND); empty when the tree found no leaf for the segment. */
  readonly paths: ReadonlyArray<readonly RuleCondition[]>;
  readonly text: string;
  /** Of the customers the rule matches, the share in the segment. */
  readonly precision: number;
  /** Of the segment's customers, the share the rule matches. */
  readonly recall: number;
}

/** Every segment's rule, and the share of customers matched by their own segment's rule and no other. */
export interface SegmentRules {
  readonly depth: number;
  /** The columns the trees split on: numbers (by value) and categories (one level against the others). */
  readonly columns: readonly string[];
  readonly rules: readonly SegmentRule[];
  readonly agreement: number;
}

/** A feature column as the trees see it: a number column split by value, or a category (codes included) split by level. */
export interface RuleFeature {
  readonly column: Column;
  readonly categorical: boolean;
}

/** Levels of a category the trees consider: the most frequent ones (as one-hot encoding keeps them). */
const MAX_RULE_LEVELS = 20;

/** A node of a fitted tree: a split (`column` index, threshold; rows ≤ go left) or a leaf with its answer. */
export type TreeNode =
  | { readonly leaf: true; readonly inSegment: boolean; readonly rows: number }
  | { readonly leaf: false; readonly feature: number; readonly threshold: number; readonly left: TreeNode; readonly right: TreeNode };

/**
 * Every column's complete rows (none missing in any column; of `rows` when given) in ascending order of its
 * values, ties by row: sorted once and shared by all the trees grown on these columns. O(d · n log n).
 */
function sortedRows(columns: ReadonlyArray<Float64Array>, rows?: ArrayLike<number>): Int32Array[] {
  const candidates = rows ? Int32Array.from(rows).sort() : allRows(columns[0]?.length ?? 0);
  let m = 0;
  for (let r = 0; r < candidates.length; r++) {
    const i = candidates[r]!;
    if (columns.every((c) => !Number.isNaN(c[i]!))) candidates[m++] = i;
  }
  const complete = candidates.subarray(0, m);
  // Ascending rows sorted stably by value: ties stay in row order.
  return columns.map((col) => (m < 1024 ? Int32Array.from(complete).sort((a, b) => col[a]! - col[b]! || a - b) : radixOrderFloat64(col, complete)));
}

/**
 * A binary classification tree as scikit-learn's DecisionTreeClassifier grows one (Gini impurity, thresholds
 * halfway between consecutive distinct values, rows ≤ threshold to the left, a node split while impure and
 * shallower than `depth`, leaves answering their majority, ties "no"); among equally good splits the first
 * feature, then the lowest threshold. Rows with a missing value in any column are left out. `orders` are the
 * columns' `sortedRows` (computed when not given); each split partitions them in order, so no node sorts.
 * O(d · n log n) for the orders, then O(depth · d · n).
 */
export function fitTree(columns: ReadonlyArray<Float64Array>, target: Uint8Array, depth: number, orders = sortedRows(columns)): TreeNode {
  const goesLeft = new Uint8Array(target.length);
  const gini = (p: number, m: number): number => (m === 0 ? 0 : 1 - (p / m) ** 2 - ((m - p) / m) ** 2);
  const grow = (node: readonly Int32Array[], level: number): TreeNode => {
    const rows = node[0] ?? new Int32Array(0);
    let pos = 0;
    for (const i of rows) pos += target[i]!;
    const leaf: TreeNode = { leaf: true, inSegment: pos * 2 > rows.length, rows: rows.length };
    if (level >= depth || pos === 0 || pos === rows.length || rows.length < 2) return leaf;
    const parent = gini(pos, rows.length);
    let best = { gain: 1e-12, feature: -1, threshold: 0 };
    columns.forEach((col, f) => {
      const sorted = node[f]!;
      let leftPos = 0;
      for (let s = 0; s < sorted.length - 1; s++) {
        leftPos += target[sorted[s]!]!;
        const v = col[sorted[s]!]!,
          next = col[sorted[s + 1]!]!;
        if (v === next) continue;
        const nl = s + 1,
          nr = sorted.length - nl;
        const child = (nl * gini(leftPos, nl) + nr * gini(pos - leftPos, nr)) / sorted.length;
        const gain = parent - child;
        if (gain > best.gain + 1e-12) best = { gain, feature: f, threshold: v / 2 + next / 2 };
      }
    });
    if (best.feature < 0) return leaf;
    const col = columns[best.feature]!;
    for (const i of rows) goesLeft[i] = col[i]! <= best.threshold ? 1 : 0;
    const left = node.map((o) => rowsWhere(o, goesLeft, 1));
    const right = node.map((o) => rowsWhere(o, goesLeft, 0));
    const l = grow(left, level + 1),
      r = grow(right, level + 1);
    // Two leaves with the same answer say nothing: one leaf.
    if (l.leaf && r.leaf && l.inSegment === r.inSegment) return { leaf: true, inSegment: l.inSegment, rows: rows.length };
    return { leaf: false, feature: best.feature, threshold: best.threshold, left: l, right: r };
  };
  return grow(orders, 0);
}

/** The rows whose `flag` is `value`, in their order (a loop: TypedArray `filter` with a callback is ~10× slower). O(|rows|). */
function rowsWhere(rows: Int32Array, flag: Uint8Array, value: number): Int32Array {
  let m = 0;
  for (let r = 0; r < rows.length; r++) if (flag[rows[r]!] === value) m++;
  const out = new Int32Array(m);
  for (let r = 0, o = 0; r < rows.length; r++) if (flag[rows[r]!] === value) out[o++] = rows[r]!;
  return out;
}

/**
 * Readable rules for every segment: per segment a tree of at most `depth` levels (`fitTree`) on the feature
 * columns in their own units — numbers by value, categories as one level against the others (a 0/1 column per
 * level, as scikit-learn on one-hot columns) — one segment against the rest; its "in the segment" leaves become
 * the rule (bounds on one column merged), with precision and recall against the segment (all rows). The trees
 * are fitted on `fitRows` when given (a large table's seeded sample); `ids` are the segments' numbers (label j
 * is `ids[j]`). O(d · m log m + k · depth · d · m + k · n).
 */
export function segmentRules(
  features: readonly RuleFeature[],
  labels: Int32Array,
  k: number,
  depth = 3,
  fitRows?: ArrayLike<number>,
  ids: readonly number[] = Array.from({ length: k }, (_, j) => j + 1),
): SegmentRules {
  const splitters = features.flatMap(ruleSplitters);
  const values = splitters.map((t) => t.values);
  const raw = new Map(features.map((f) => [f.column.name, f.column.values as ArrayLike<number | string | null>]));
  const orders = sortedRows(values, fitRows);
  const n = labels.length;
  const matches: Uint8Array[] = [];
  const rules: SegmentRule[] = [];
  for (let j = 0; j < k; j++) {
    const target = new Uint8Array(n);
    for (let i = 0; i < n; i++) target[i] = labels[i] === j ? 1 : 0;
    const tree = splitters.length ? fitTree(values, target, depth, orders) : ({ leaf: true, inSegment: false, rows: n } as TreeNode);
    const paths: RuleCondition[][] = [];
    const walk = (node: TreeNode, path: RuleCondition[]): void => {
      if (node.leaf) {
        if (node.inSegment) paths.push(mergeBounds(path));
        return;
      }
      const { column, level, only } = splitters[node.feature]!;
      const [left, right]: RuleCondition[] =
        level === undefined
          ? [
              { column, op: '<=', value: node.threshold },
              { column, op: '>', value: node.threshold },
            ]
          : [only === undefined ? { column, op: 'is not', level } : { column, op: 'is', level: only }, { column, op: 'is', level }];
      walk(node.left, [...path, left!]);
      walk(node.right, [...path, right!]);
    };
    walk(tree, []);
    const kept = withoutSlivers(paths, target, (i, column) => raw.get(column)![i]);
    const matched = new Uint8Array(n);
    for (let i = 0; i < n; i++) matched[i] = ruleMatches(kept, (column) => raw.get(column)![i]) ? 1 : 0;
    matches.push(matched);
    let both = 0,
      hit = 0,
      size = 0;
    for (let i = 0; i < n; i++) {
      hit += matched[i]!;
      size += target[i]!;
      both += matched[i]! & target[i]!;
    }
    rules.push({ segment: ids[j]!, paths: kept, text: ruleText(kept), precision: hit ? both / hit : 0, recall: size ? both / size : 0 });
  }
  let agree = 0;
  for (let i = 0; i < n; i++) if (matches[labels[i]!]![i] && matches.every((m, j) => j === labels[i] || !m[i])) agree++;
  return { depth, columns: [...new Set(splitters.map((t) => t.column))], rules, agreement: n ? agree / n : 0 };
}

/** A path of a rule is kept when it finds at least this share of the segment (and 2 customers). */
const MIN_PATH_SHARE = 0.02;

/**
 * A rule's paths without slivers: a path that finds fewer than 2% of the segment's customers (or fewer than
 * 2) is a tree's answer to a handful of customers ("55.5 < Age ≤ 56.5"), not a condition to act on; it is
 * dropped (the largest path always stays), which costs at most that much recall. O(paths · n).
 */
function withoutSlivers(
  paths: ReadonlyArray<readonly RuleCondition[]>,
  target: Uint8Array,
  cell: (row: number, column: string) => number | string | null | undefined,
): Array<readonly RuleCondition[]> {
  if (paths.length <= 1) return [...paths];
  let size = 0;
  for (const t of target) size += t;
  const found = paths.map((p) => {
    let c = 0;
    for (let i = 0; i < target.length; i++) if (target[i] && ruleMatches([p], (column) => cell(i, column))) c++;
    return c;
  });
  const largest = found.indexOf(Math.max(...found));
  return paths.filter((_, q) => q === largest || found[q]! >= Math.max(2, MIN_PATH_SHARE * size));
}

/**
 * The columns a tree splits on for one feature: the number column itself, or per level of a category (the
 * MAX_RULE_LEVELS most frequent, ties by name) a 0/1 column; missing cells are NaN. A two-level category is
 * one column whose sides are named by their levels (`only`: the other level). Dates are left out. O(n).
 */
function ruleSplitters(f: RuleFeature): Array<{ column: string; level?: string; only?: string; values: Float64Array }> {
  const c = f.column;
  if (c.kind === 'date') return [];
  // The column's own values (read, never written): no copy of ten million numbers per feature.
  if (c.kind === 'number' && !f.categorical) return [{ column: c.name, values: c.values }];
  const text = Array.from(c.values as ArrayLike<number | string | null>, levelOf);
  const levels = byFrequency(levelCounts(text)).slice(0, MAX_RULE_LEVELS);
  const indicator = (level: string): Float64Array => {
    const out = new Float64Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text[i] === null ? NaN : text[i] === level ? 1 : 0;
    return out;
  };
  // A category with one level splits nothing; with two, one indicator says everything ("is Female" / "is Male").
  if (levels.length < 2) return [];
  if (levels.length === 2) return [{ column: c.name, level: levels[0]![0], only: levels[1]![0], values: indicator(levels[0]![0]) }];
  return levels.map(([level]) => ({ column: c.name, level, values: indicator(level) }));
}

/** A cell as a category level: its text, or null when missing. */
function levelOf(v: number | string | null | undefined): string | null {
  if (v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) return null;
  return String(v);
}

/**
 * Whether a customer meets a rule: some path (OR) whose every condition (AND) holds for the customer's cell
 * `valueOf(column)` (a number, or text as a file holds it). A missing cell (null, "", NaN) meets no
 * condition, as NULL in SQL. O(conditions).
 */
function ruleMatches(paths: SegmentRule['paths'], valueOf: (column: string) => number | string | null | undefined): boolean {
  return paths.some((p) =>
    p.every((c) => {
      const cell = valueOf(c.column);
      if (!isNumberCondition(c)) {
        const level = levelOf(cell);
        return level !== null && (level === c.level) === (c.op === 'is');
      }
      const v = cell === null || cell === undefined || cell === '' ? NaN : Number(cell);
      return c.op === '<=' ? v <= c.value : v > c.value;
    }),
  );
}

/** The segment of the first rule (in segment order) a customer meets, or null: what `export-sql --rules` computes. O(rules). */
export function segmentByRules(rules: SegmentRules, valueOf: (column: string) => number | string | null | undefined): number | null {
  return rules.rules.find((r) => ruleMatches(r.paths, valueOf))?.segment ?? null;
}

/**
 * A path's conditions with the bounds on each column merged (the highest "more than", the lowest "at most");
 * a category's "is not" conditions dropped where the path says what it is.
 */
function mergeBounds(path: readonly RuleCondition[]): RuleCondition[] {
  const out: RuleCondition[] = [];
  for (const c of path) {
    if (!isNumberCondition(c)) {
      if (c.op === 'is') for (let o = out.length - 1; o >= 0; o--) if (out[o]!.column === c.column) out.splice(o, 1);
      if (c.op === 'is' || !out.some((o) => o.column === c.column && o.op === 'is')) out.push(c);
      continue;
    }
    const same = out.findIndex((o) => o.column === c.column && o.op === c.op);
    const old = out[same] as NumberCondition | undefined;
    if (!old) out.push(c);
    else if (c.op === '<=' ? c.value < old.value : c.value > old.value) out[same] = c;
  }
  return out;
}
