/** The chart builders shared by the report and the dashboard: each takes ReportData, returns a Chart. */
import type { Chart } from './chartSpec.js';
import { correlationHeatmap } from './correlationHeatmap.js';
import { dendrogramChart } from './dendrogramChart.js';
import { splitTreeChart } from './splitTreeChart.js';
import { distributionsChart } from './distributionsChart.js';
import { elbowChart } from './elbowChart.js';
import { pairPlot } from './pairPlot.js';
import { pca3dStatic } from './pca3dStatic.js';
import { profileHeatmap } from './profileHeatmap.js';
import type { ReportData } from './reportData.js';
import { scatterChart } from './scatterChart.js';
import { silhouetteChart } from './silhouetteChart.js';

export {
  correlationHeatmap,
  dendrogramChart,
  splitTreeChart,
  distributionsChart,
  elbowChart,
  pairPlot,
  pca3dStatic,
  profileHeatmap,
  scatterChart,
  silhouetteChart,
};
export type { Chart, ChartSpec } from './chartSpec.js';
export type { ReportData } from './reportData.js';
export { SEGMENT_COLORS, segmentColor } from './palette.js';

/** Every Vega-Lite chart of the report, in reading order (the dendrogram for hierarchical runs; the 3D plot's PNG stand-in last). */
export function allCharts(data: ReportData): Chart[] {
  const dendrogram = dendrogramChart(data);
  const splitTree = splitTreeChart(data);
  return [
    elbowChart(data),
    ...(dendrogram ? [dendrogram] : []),
    ...(splitTree ? [splitTree] : []),
    silhouetteChart(data),
    scatterChart(data),
    pairPlot(data),
    distributionsChart(data),
    correlationHeatmap(data),
    profileHeatmap(data),
    // Three components need three features: with two there is no PC3 to draw.
    ...(data.pcaRatios.length >= 3 ? [pca3dStatic(data)] : []),
  ];
}
