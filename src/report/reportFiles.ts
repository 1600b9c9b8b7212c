import { allCharts } from '../charts/index.js';
import { buildReportData, type RunArtifacts } from './buildReportData.js';
import { renderChartPng } from './renderChartPng.js';
import { renderReportHtml } from './renderReportHtml.js';

/**
 * The report's output files for a finished run: report.html, and with `png` one PNG per chart in
 * charts/ (named by chart id: elbow, silhouette, scatter, pairs, distributions, correlation, profile, pca3d).
 */
export async function reportFiles(run: RunArtifacts, png: boolean): Promise<Array<{ name: string; content: string | Uint8Array }>> {
  const data = buildReportData(run);
  const files: Array<{ name: string; content: string | Uint8Array }> = [{ name: 'report.html', content: renderReportHtml(data) }];
  if (png) for (const chart of allCharts(data)) files.push({ name: `charts/${chart.id}.png`, content: await renderChartPng(chart) });
  return files;
}
