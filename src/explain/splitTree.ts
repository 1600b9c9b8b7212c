import { leavesAt, type BisectingTree } from '../cluster/bisectingKMeans.js';
import { nameSegments } from './nameSegments.js';
import { profileSegments, type ProfiledColumn } from './profileSegments.js';
import type { Column } from '../data/table.js';
import { countText } from '../util/formatNumber.js';

/** One node of bisecting k-means' tree of splits as summary.json and the report show it. */
export interface SplitTreeNode {
  readonly id: number;
  /** The node it was split from (null for everyone). */
  readonly parent: number | null;
  readonly depth: number;
  readonly size: number;
  /** Its name against all customers, as segments are named ("Everyone" for the root). */
  readonly name: string;
  /** For the final segments: the segment number. */
  readonly segment?: number;
  /** The order of its split (1 = first), for nodes that were split. */
  readonly split?: number;
}

/**
 * The tree of the first k − 1 splits, named at every level: each node is named against all customers with
 * the same words as the segments (a final segment keeps its segment's name and number). `segmentOfLeaf[j]`
 * is the segment (number and name) of the j-th leaf in leaf order. O(nodes · n · d).
 */
export function describeSplitTree(
  tree: BisectingTree,
  k: number,
  columns: ReadonlyArray<Column | ProfiledColumn>,
  rows: number,
  segmentOfLeaf: ReadonlyArray<{ readonly id: number; readonly name: string }>,
): SplitTreeNode[] {
  const leaves = leavesAt(tree, k);
  const splits = tree.splits.slice(0, k - 1);
  const out: SplitTreeNode[] = [];
  const walk = (id: number, depth: number): void => {
    const node = tree.nodes[id]!;
    const leaf = leaves.indexOf(node);
    const order = splits.indexOf(id);
    const name = id === 0 ? 'Everyone' : leaf >= 0 ? segmentOfLeaf[leaf]!.name : nodeName(node.rows, columns, rows);
    out.push({
      id,
      parent: node.parent < 0 ? null : node.parent,
      depth,
      size: node.rows.length,
      name,
      ...(leaf >= 0 ? { segment: segmentOfLeaf[leaf]!.id } : {}),
      ...(order >= 0 ? { split: order + 1 } : {}),
    });
    if (order >= 0) {
      walk(node.left!, depth + 1);
      walk(node.right!, depth + 1);
    }
  };
  walk(0, 0);
  return out;
}

/** A group's name against everyone else, in the segments' words. O(n · d). */
function nodeName(members: Int32Array, columns: ReadonlyArray<Column | ProfiledColumn>, rows: number): string {
  const labels = new Int32Array(rows).fill(1);
  for (const i of members) labels[i] = 0;
  return nameSegments(profileSegments(columns, labels, 2))[0]!;
}

/** The tree as indented text lines for the terminal: "├─ 4 · High income (38)". O(nodes). */
export function splitTreeLines(nodes: readonly SplitTreeNode[]): string[] {
  const lines: string[] = [];
  const label = (n: SplitTreeNode): string => `${n.segment !== undefined ? `${n.segment} · ` : ''}${n.name} (${countText(n.size)})`;
  const walk = (n: SplitTreeNode, prefix: string, last: boolean, root: boolean): void => {
    lines.push(root ? label(n) : `${prefix}${last ? '└─ ' : '├─ '}${label(n)}`);
    const children = nodes.filter((c) => c.parent === n.id);
    children.forEach((c, i) => walk(c, root ? '' : `${prefix}${last ? '   ' : '│  '}`, i === children.length - 1, false));
  };
  const root = nodes.find((n) => n.parent === null);
  if (root) walk(root, '', true, true);
  return lines;
}
