import { withConfig, type Chart } from './chartSpec.js';
import { segmentColorEncoding } from './palette.js';
import type { ReportData } from './reportData.js';

/**
 * A fixed oblique view of the first three principal components as a 2D Vega-Lite chart: the PNG stand-in
 * for the interactive 3D plot (same projection as its starting view: yaw −35°, pitch 20°).
 */
export function pca3dStatic(data: ReportData): Chart {
  const labels = data.segments.map((s) => s.label);
  const yaw = (-35 * Math.PI) / 180,
    pitch = (20 * Math.PI) / 180;
  const values = data.points.map((p) => {
    const x1 = p.pc1 * Math.cos(yaw) - p.pc2 * Math.sin(yaw);
    const z1 = p.pc1 * Math.sin(yaw) + p.pc2 * Math.cos(yaw);
    return { segment: p.segment, u: x1, v: p.pc3 * Math.cos(pitch) - z1 * Math.sin(pitch), depth: z1 };
  });
  const r = data.pcaRatios.map((v) => `${(v * 100).toFixed(1)}%`);
  return {
    id: 'pca3d',
    title: '3D PCA',
    spec: withConfig({
      title: {
        text: 'Segments on the first three principal components',
        subtitle: `PC1 ${r[0] ?? ''}, PC2 ${r[1] ?? ''}, PC3 ${r[2] ?? '—'} of variance; a fixed oblique view (the HTML report rotates).`,
      },
      width: 480,
      height: 380,
      data: { values },
      mark: { type: 'point', filled: true, size: 30, opacity: 0.75 },
      encoding: {
        x: { field: 'u', type: 'quantitative', title: 'view axis 1 (PC1–PC2 plane, rotated; scaled units)', scale: { zero: false } },
        y: { field: 'v', type: 'quantitative', title: 'view axis 2 (PC3 tilted; scaled units)', scale: { zero: false } },
        color: segmentColorEncoding(labels),
        order: { field: 'depth' },
      },
    }),
  };
}
