/** `segmenta/report`: the report and its charts from a finished run (named re-exports only). */
export { reportFiles } from './reportFiles.js';
export { buildReportData, type RunArtifacts } from './buildReportData.js';
export { renderReportHtml } from './renderReportHtml.js';
export { loadRunArtifacts } from './loadRunArtifacts.js';
export { renderChartPng } from './renderChartPng.js';
export {
  allCharts,
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
  segmentColor,
  SEGMENT_COLORS,
  type Chart,
  type ChartSpec,
  type ReportData,
} from '../charts/index.js';
