import type { SplitTreeNode } from '../explain/splitTree.js';
import { withConfig, type Chart } from './chartSpec.js';
import { segmentColor } from './palette.js';
import type { ReportData } from './reportData.js';
import { countText } from '../util/formatNumber.js';

/** Where each node of the tree sits: x its depth, y its leaf's rank (a split node halfway between its children). O(nodes). */
function splitTreeLayout(nodes: readonly SplitTreeNode[]): Map<number, { x: number; y: number }> {
  const at = new Map<number, { x: number; y: number }>();
  let leaf = 0;
  const place = (node: SplitTreeNode): { x: number; y: number } => {
    const children = nodes.filter((c) => c.parent === node.id);
    const y = children.length ? children.map(place).reduce((s, c) => s + c.y, 0) / children.length : leaf++;
    const p = { x: node.depth, y };
    at.set(node.id, p);
    return p;
  };
  const root = nodes.find((n) => n.parent === null);
  if (root) place(root);
  return at;
}

/**
 * Bisecting k-means' tree of splits, left to right: everyone, then each split's two parts, named at every
 * level with their sizes; the final segments in their colours with their numbers.
 */
export function splitTreeChart(data: Pick<ReportData, 'splitTree'>): Chart | undefined {
  const nodes = data.splitTree;
  if (!nodes || nodes.length < 3) return undefined;
  const at = splitTreeLayout(nodes);
  const depth = Math.max(...nodes.map((n) => n.depth));
  const leaves = nodes.filter((n) => n.segment !== undefined).length;
  const points = nodes.map((n) => ({
    label: `${n.segment !== undefined ? `${n.segment} · ` : ''}${n.name} (${countText(n.size)})`,
    colour: n.segment !== undefined ? segmentColor(n.segment) : '#777',
    customers: n.size,
    split: n.split ?? null,
    ...at.get(n.id)!,
    leaf: n.segment !== undefined,
  }));
  const edges = nodes
    .filter((n) => n.parent !== null)
    .map((n) => ({ x: at.get(n.parent!)!.x, y: at.get(n.parent!)!.y, x2: at.get(n.id)!.x, y2: at.get(n.id)!.y }));
  const x = { field: 'x', type: 'quantitative', axis: null, title: 'Splits from everyone', scale: { domain: [-0.1, depth + 1.6] } } as const;
  const y = { field: 'y', type: 'quantitative', axis: null, title: 'Row', scale: { domain: [leaves - 0.5, -0.5] } } as const;
  return {
    id: 'split-tree',
    title: 'Tree of splits',
    spec: withConfig({
      title: {
        text: 'Tree of splits (bisecting k-means)',
        subtitle:
          'Left to right: each split cuts one group in two; every group is named against all customers; the final segments in colour, with their numbers.',
      },
      width: Math.max(420, Math.min(900, (depth + 2) * 200)),
      height: Math.max(160, leaves * 44),
      // The groups first: the chart's "show data" table lists them (group, customers, level, split).
      layer: [
        {
          data: { values: points },
          mark: { type: 'circle', opacity: 1 },
          encoding: {
            x,
            y,
            size: { field: 'customers', type: 'quantitative', scale: { range: [40, 400] }, legend: null, title: 'Customers' },
            color: { field: 'colour', type: 'nominal', scale: null },
            tooltip: [
              { field: 'label', title: 'Group' },
              { field: 'split', title: 'Split (order)' },
            ],
          },
        },
        { data: { values: edges }, mark: { type: 'rule', color: '#999', strokeWidth: 1.5 }, encoding: { x, y, x2: { field: 'x2' }, y2: { field: 'y2' } } },
        // Final segments: the name to the right; groups split further: the name above, clear of the lines.
        {
          data: { values: points.filter((p) => p.leaf) },
          mark: { type: 'text', align: 'left', dx: 12, fontSize: 11 },
          encoding: { x, y, text: { field: 'label' }, color: { value: '#222' } },
        },
        {
          data: { values: points.filter((p) => !p.leaf) },
          mark: { type: 'text', align: 'left', baseline: 'bottom', dx: -6, dy: -10, fontSize: 11 },
          encoding: { x, y, text: { field: 'label' }, color: { value: '#444' } },
        },
      ],
    }),
  };
}
