import type { ReportData } from '../charts/reportData.js';
import type { Scatter3dData } from './scatter3d.js';

/** The interactive 3D plot's data (report and dashboard): drawn points on PC1–3, segment colours, axis titles. O(points). */
export function scatter3dData(data: Pick<ReportData, 'points' | 'segments' | 'pcaRatios'>): Scatter3dData {
  const index = new Map(data.segments.map((s, j) => [s.label, j]));
  return {
    x: data.points.map((q) => q.pc1),
    y: data.points.map((q) => q.pc2),
    z: data.points.map((q) => q.pc3),
    segment: data.points.map((q) => index.get(q.segment) ?? 0),
    colors: data.segments.map((s) => s.color),
    labels: data.segments.map((s) => s.label),
    axes: [0, 1, 2].map((c) => `PC${c + 1} (${((data.pcaRatios[c] ?? 0) * 100).toFixed(1)}%)`) as unknown as Scatter3dData['axes'],
  };
}
