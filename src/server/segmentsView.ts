import { baselineTables } from '../explain/baselineText.js';
import type { KCandidate } from '../select/chooseK.js';
import { SHORTLIST_CAPTION, SHORTLIST_HEADER, shortlistCells } from '../explain/shortlistText.js';
import { elbowChart } from '../charts/elbowChart.js';
import { chartDataTable } from '../charts/chartDataTable.js';
import { dendrogramChart } from '../charts/dendrogramChart.js';
import { splitTreeChart } from '../charts/splitTreeChart.js';
import { pairPlot } from '../charts/pairPlot.js';
import { profileHeatmap } from '../charts/profileHeatmap.js';
import { scatterChart } from '../charts/scatterChart.js';
import { silhouetteChart } from '../charts/silhouetteChart.js';
import { findColumn, rowKeys, type Table } from '../data/table.js';
import { distancesToOwnCentre } from '../model/predict.js';
import { placeWithModel } from '../stats/distancePercentile.js';
import { segmentsCsv } from '../output/segmentsCsv.js';
import { buildReportData } from '../report/buildReportData.js';
import { columnProfileTables } from '../report/columnProfileSection.js';
import { scatter3dData } from '../report/scatter3dData.js';
import { toVega, type ChartLayout } from '../report/vegaAssets.js';
import { fromRows } from '../util/matrix.js';
import type { SessionRun } from './sessions.js';
import type { SegmentationMethod } from '../pipeline/segmentation.js';
import { inStudioWords } from '../options/optionMentions.js';
import { unusualTable } from '../explain/unusualCustomers.js';

/** The shortlist of k as the studio's tables show it: caption, header, rows, the shown k and the alternative. */
export function shortlistView(shortlist: readonly KCandidate[], criteria: number, shown: number, alternative: number | null) {
  return { header: SHORTLIST_HEADER, caption: SHORTLIST_CAPTION, rows: shortlist.map((c) => shortlistCells(c, criteria)), chosen: shown, alternative };
}

/** The Segments view: cards, the compiled charts (same builders as the report) and the 3D plot's data. */
export function segmentsView(run: SessionRun, table: Table, layout: ChartLayout = 'wide') {
  const data = buildReportData({ ...run, table });
  const dendrogram = dendrogramChart(data);
  const unusual = data.unusual && unusualTable(data.unusual, data.segments);
  const splitTree = splitTreeChart(data);
  const charts = [
    scatterChart(data),
    pairPlot(data),
    silhouetteChart(data),
    profileHeatmap(data),
    elbowChart(data),
    ...(dendrogram ? [dendrogram] : []),
    ...(splitTree ? [splitTree] : []),
  ];
  return {
    k: data.k,
    reason: data.reason,
    kWarnings: data.kWarnings.map((w) => ({ ...w, message: inStudioWords(w.message) })),
    ...(data.baseline ? { baseline: baselineTables(data.baseline) } : {}),
    shortlist: shortlistView(data.shortlist, data.criteria, data.k, data.alternative),
    segments: data.segments.map((s) => ({
      id: s.id,
      name: s.name,
      label: s.label,
      color: s.color,
      size: s.size,
      share: s.share,
      description: s.description,
      contextProfile: s.contextProfile,
      suggestion: s.suggestion,
      distinguishing: s.distinguishing.slice(0, 3).map((d) => ({ phrase: d.phrase, detail: d.detail })),
      ...(s.stability ? { stability: s.stability } : {}),
      ...(s.rule ? { rule: { text: s.rule.text, precision: s.rule.precision, recall: s.rule.recall } } : {}),
    })),
    method: methodWords(run.summary.method),
    charts: Object.fromEntries(charts.map((c) => [c.id, toVega(c.spec, layout)])),
    /** Each chart's "show data" table. */
    tables: Object.fromEntries(charts.map((c) => [c.id, chartDataTable(c)])),
    // Null with fewer than three principal components (two features): there is no PC3 to draw.
    scatter3d: data.pcaRatios.length >= 3 ? scatter3dData(data) : null,
    columnProfiles: columnProfileTables(data),
    unusual: unusual ? { ...unusual, sentence: inStudioWords(unusual.sentence) } : null,
  };
}

/** The method in words: "k-means", "hierarchical clustering (Ward linkage)", … */
function methodWords(m: SegmentationMethod): string {
  switch (m.method) {
    case 'hierarchical':
      return `hierarchical clustering (${m.linkage} linkage)`;
    case 'gmm':
      return `Gaussian mixture (${m.covariance} covariance)`;
    case 'kprototypes':
      return 'k-prototypes';
    case 'bisecting':
      return 'bisecting k-means';
    default:
      return 'k-means';
  }
}

/** segments.csv for download, with the session's segment names and every cell neutralized against formula injection. */
export function segmentsCsvExport(run: SessionRun, table: Table): string {
  const key = run.model.key === null ? undefined : findColumn(table, run.model.key);
  const keys = rowKeys(key, table.rowCount);
  const distances = distancesToOwnCentre(run.matrix, fromRows(run.model.centroids), run.labels);
  const placed = placeWithModel(run.model, run.labels, distances);
  return segmentsCsv(table, key ? key.name : null, keys, run.labels, distances, run.model.segments, undefined, placed);
}

/** Renames segment `id` in the run's summary and model (so every export carries the new name). */
export function renameSegment(run: SessionRun, id: number, name: string): void {
  const inSummary = run.summary.segments.find((s) => s.id === id);
  const inModel = run.model.segments.find((s) => s.id === id);
  if (!inSummary || !inModel) throw new RangeError(`no segment ${id}`);
  (inSummary as { name: string }).name = name;
  (inModel as { name: string }).name = name;
}
