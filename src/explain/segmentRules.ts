import type { Column } from '../data/table.js';

/** One condition of a rule, in the column's own units: `column ≤ value` or `column > value`. */
export interface RuleCondition {
  readonly column: string;
  readonly op: '<=' | '>';
  readonly value: number;
}

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
  /** The numeric columns the trees split on (categories are left out). */
  readonly columns: readonly string[];
  readonly rules: readonly SegmentRule[];
  readonly agreement: number;
}

/** A node of a fitted tree: a split (`column` index, threshold; rows ≤ go left) or a leaf with its answer. */
export type TreeNode =
  | { readonly leaf: true; readonly inSegment: boolean; readonly rows: number }
  | { readonly leaf: false; readonly feature: number; readonly threshold: number; readonly left: TreeNode; readonly right: TreeNode };

/**
 * Every column's complete rows (none missing in any column; of `rows` when given) in ascending order of its
 * values, ties by row: sorted once and shared by all the trees grown on these columns. O(d · n log n).
 */
export function sortedRows(columns: ReadonlyArray<Float64Array>, rows?: ArrayLike<number>): Int32Array[] {
  const candidates = rows ?? Int32Array.from({ length: columns[0]?.length ?? 0 }, (_, i) => i);
  const complete: number[] = [];
  for (let r = 0; r < candidates.length; r++) {
    const i = candidates[r]!;
    if (columns.every((c) => !Number.isNaN(c[i]!))) complete.push(i);
  }
  return columns.map((col) => Int32Array.from([...complete].sort((a, b) => col[a]! - col[b]! || a - b)));
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
    const left = node.map((o) => o.filter((i) => goesLeft[i] === 1));
    const right = node.map((o) => o.filter((i) => goesLeft[i] === 0));
    const l = grow(left, level + 1),
      r = grow(right, level + 1);
    // Two leaves with the same answer say nothing: one leaf.
    if (l.leaf && r.leaf && l.inSegment === r.inSegment) return { leaf: true, inSegment: l.inSegment, rows: rows.length };
    return { leaf: false, feature: best.feature, threshold: best.threshold, left: l, right: r };
  };
  return grow(orders, 0);
}

/**
 * Readable rules for every segment: per segment a tree of at most `depth` levels (`fitTree`) on the numeric
 * feature columns in their own units, one segment against the rest; its "in the segment" leaves become the
 * rule (bounds on one column merged), with precision and recall against the segment (all rows). The trees are
 * fitted on `fitRows` when given (a large table's seeded sample). O(d · m log m + k · depth · d · m + k · n).
 */
export function segmentRules(columns: readonly Column[], labels: Int32Array, k: number, depth = 3, fitRows?: ArrayLike<number>): SegmentRules {
  const numeric = columns.filter((c): c is Extract<Column, { kind: 'number' }> => c.kind === 'number');
  const values = numeric.map((c) => Float64Array.from(c.values));
  const names = numeric.map((c) => c.name);
  const orders = sortedRows(values, fitRows);
  const n = labels.length;
  const matches: Uint8Array[] = [];
  const rules: SegmentRule[] = [];
  for (let j = 0; j < k; j++) {
    const target = Uint8Array.from(labels, (l) => (l === j ? 1 : 0));
    const tree = numeric.length ? fitTree(values, target, depth, orders) : ({ leaf: true, inSegment: false, rows: n } as TreeNode);
    const paths: RuleCondition[][] = [];
    const walk = (node: TreeNode, path: RuleCondition[]): void => {
      if (node.leaf) {
        if (node.inSegment) paths.push(mergeBounds(path));
        return;
      }
      walk(node.left, [...path, { column: names[node.feature]!, op: '<=', value: node.threshold }]);
      walk(node.right, [...path, { column: names[node.feature]!, op: '>', value: node.threshold }]);
    };
    walk(tree, []);
    const matched = new Uint8Array(n);
    for (let i = 0; i < n; i++)
      matched[i] = paths.some((p) =>
        p.every((c) => {
          const v = values[names.indexOf(c.column)]![i]!;
          return c.op === '<=' ? v <= c.value : v > c.value;
        }),
      )
        ? 1
        : 0;
    matches.push(matched);
    let both = 0,
      hit = 0,
      size = 0;
    for (let i = 0; i < n; i++) {
      hit += matched[i]!;
      size += target[i]!;
      both += matched[i]! & target[i]!;
    }
    rules.push({ segment: j + 1, paths, text: ruleText(paths), precision: hit ? both / hit : 0, recall: size ? both / size : 0 });
  }
  let agree = 0;
  for (let i = 0; i < n; i++) if (matches[labels[i]!]![i] && matches.every((m, j) => j === labels[i] || !m[i])) agree++;
  return { depth, columns: names, rules, agreement: n ? agree / n : 0 };
}

/** A path's conditions with the bounds on each column merged (the highest "more than", the lowest "at most"). */
function mergeBounds(path: readonly RuleCondition[]): RuleCondition[] {
  const out: RuleCondition[] = [];
  for (const c of path) {
    const same = out.findIndex((o) => o.column === c.column && o.op === c.op);
    if (same < 0) out.push(c);
    else if (c.op === '<=' ? c.value < out[same]!.value : c.value > out[same]!.value) out[same] = c;
  }
  return out;
}

/** "39.5 < Annual Income (k$) ≤ 69.5 and Spending Score (1-100) > 60.5, or …"; "no rule found" for none. */
export function ruleText(paths: ReadonlyArray<readonly RuleCondition[]>): string {
  if (paths.length === 0) return 'no rule found (the segment has no leaf of its own at this depth)';
  const num = (v: number): string => String(Number(v.toPrecision(6)));
  return paths
    .map((p) => {
      if (p.length === 0) return 'everyone';
      const columns = [...new Set(p.map((c) => c.column))];
      return columns
        .map((column) => {
          const above = p.find((c) => c.column === column && c.op === '>');
          const atMost = p.find((c) => c.column === column && c.op === '<=');
          if (above && atMost) return `${num(above.value)} < ${column} ≤ ${num(atMost.value)}`;
          return above ? `${column} > ${num(above.value)}` : `${column} ≤ ${num(atMost!.value)}`;
        })
        .join(' and ');
    })
    .join(', or ');
}
