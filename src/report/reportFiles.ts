import { allCharts } from '../charts/index.js';
import { buildReportData, type RunArtifacts } from './buildReportData.js';
import { renderChartPng } from './renderChartPng.js';
import { renderReportHtml } from './renderReportHtml.js';
import type { ReportSection } from './reportSection.js';

/**
 * The report's output files for a finished run: report.html, and with `png` one PNG per chart in
 * charts/ (named by chart id: elbow, silhouette, scatter, pairs, distributions, correlation, profile, pca3d,
 * and those of extra sections such as rfm-segments, rfm-grid, rfm-distributions).
 */
export async function reportFiles(run: RunArtifacts, png: boolean, ...extras: ReportSection[]): Promise<Array<{ name: string; content: string | Uint8Array }>> {
  const data = buildReportData(run);
  const files: Array<{ name: string; content: string | Uint8Array }> = [{ name: 'report.html', content: renderReportHtml(data, extras) }];
  if (png)
    for (const chart of [...extras.flatMap((e) => e.charts), ...allCharts(data)])
      files.push({ name: `charts/${chart.id}.png`, content: await renderChartPng(chart) });
  return files;
}
