import { withConfig, type Chart } from './chartSpec.js';
import type { DendrogramMerge, ReportData } from './reportData.js';

/** A line of the dendrogram; `label`: the 0-based segment its customers all belong to (below the cut), or −1. */
interface DendrogramLine {
  x: number;
  x2: number;
  y: number;
  y2: number;
  label: number;
}

/**
 * Line segments of a dendrogram drawn from the top merges of a linkage. With `k`, lines below the cut into k
 * segments carry their segment (as scipy's `color_threshold` colours them); the top k − 1 merges carry −1.
 */
export function dendrogramSegments(
  merges: ReadonlyArray<DendrogramMerge>,
  n: number,
  k = 0,
): {
  lines: DendrogramLine[];
  leaves: Array<{ x: number; size: number; y: number }>;
} {
  const m = merges.length;
  const firstId = n + (n - 1 - m); // ids below this are leaves of the truncated tree
  const node = (id: number) => (id >= firstId ? merges[id - firstId]! : undefined);
  // Below the cut: a leaf of the truncated tree, or a merge before the last k − 1.
  const below = (id: number): boolean => k >= 2 && (id < firstId || id - firstId < m - (k - 1));
  const lines: DendrogramLine[] = [];
  const leaves: Array<{ x: number; size: number; y: number }> = [];
  const leafSize = new Map<number, number>();
  for (const mg of merges) (leafSize.set(mg.a, mg.sizeA ?? 1), leafSize.set(mg.b, mg.sizeB ?? 1));
  // Leaves take x = 0, 1, 2, … in the order of a depth-first walk; a merge sits above the mean of its children.
  const place = (id: number): { x: number; y: number } => {
    const merge = node(id);
    if (!merge) {
      const x = leaves.length;
      leaves.push({ x, size: leafSize.get(id) ?? 1, y: 0 });
      return { x, y: 0 };
    }
    const left = place(merge.a),
      right = place(merge.b);
    const labelA = below(merge.a) ? (merge.labelA ?? -1) : -1,
      labelB = below(merge.b) ? (merge.labelB ?? -1) : -1;
    lines.push(
      { x: left.x, x2: left.x, y: left.y, y2: merge.height, label: labelA },
      { x: right.x, x2: right.x, y: right.y, y2: merge.height, label: labelB },
      { x: left.x, x2: right.x, y: merge.height, y2: merge.height, label: below(id) ? labelA : -1 },
    );
    return { x: (left.x + right.x) / 2, y: merge.height };
  };
  if (m > 0) place(n + n - 2);
  return { lines, leaves };
}

/**
 * Dendrogram of a hierarchical clustering, truncated to its last merges (about 50 leaves for large data),
 * with the cut that gives the chosen k as a dashed line.
 */
export function dendrogramChart(data: Pick<ReportData, 'dendrogram' | 'rows' | 'k' | 'segments'>): Chart | undefined {
  const merges = data.dendrogram;
  if (!merges || merges.length === 0) return undefined;
  const { lines: raw, leaves } = dendrogramSegments(merges, data.rows, data.k);
  // Below the cut each branch takes its segment's colour (the palette of every other chart); above it grey.
  const lines = raw.map((l) => ({ ...l, colour: data.segments[l.label]?.color ?? '#555', segment: data.segments[l.label]?.label ?? 'above the cut' }));
  const m = merges.length;
  const cut = data.k >= 2 && data.k - 1 <= m ? (merges[m - data.k + 1]!.height + (merges[m - data.k]?.height ?? 0)) / 2 : undefined;
  return {
    id: 'dendrogram',
    title: 'Dendrogram',
    spec: withConfig({
      title: {
        text: 'Dendrogram (the last merges)',
        subtitle: `${leaves.length} leaves${leaves.length < data.rows ? ' (each a group of customers; the number below is its size)' : ''}; dashed: the cut giving k = ${data.k}; branches below it in their segment's colour.`,
      },
      width: Math.max(360, Math.min(900, leaves.length * 16)),
      height: 280,
      layer: [
        {
          data: { values: lines },
          mark: { type: 'rule', strokeWidth: 1.5 },
          encoding: {
            color: { field: 'colour', type: 'nominal', scale: null },
            tooltip: [{ field: 'segment', title: 'Segment' }],
            x: { field: 'x', type: 'quantitative', axis: null },
            x2: { field: 'x2' },
            y: { field: 'y', type: 'quantitative', title: 'Merge height (linkage distance, scaled units)' },
            y2: { field: 'y2' },
          },
        },
        {
          data: { values: leaves },
          mark: { type: 'text', baseline: 'top', dy: 4, fontSize: 9 },
          encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'size' } },
        },
        ...(cut === undefined
          ? []
          : [
              {
                data: { values: [{ cut }] },
                mark: { type: 'rule', strokeDash: [6, 4], color: '#D55E00', size: 2 },
                encoding: { y: { field: 'cut', type: 'quantitative' } },
              },
            ]),
      ],
    }),
  };
}
