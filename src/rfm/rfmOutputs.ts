import type { SegmentaModel } from '../model/model.js';
import { reportFiles } from '../report/reportFiles.js';
import type { RfmResult } from './rfm.js';
import { rfmReportSection } from './rfmReportSection.js';
import type { ReportSection } from '../report/reportSection.js';
import { csvText } from '../output/csvText.js';
import { summaryJson, type SummaryDocument } from '../output/summaryJson.js';
import { roundedText } from '../output/segmentsCsv.js';
import { stableJson } from '../output/stableJson.js';

/** rfm.csv: per customer R, F, M and the figures around them, the scores, the rule segment and the cluster. */
function rfmCsv(result: RfmResult): string {
  const header = [
    'customer',
    'recency_days',
    'frequency',
    'monetary',
    'first_purchase',
    'last_purchase',
    'tenure_days',
    'average_order_value',
    'r_score',
    'f_score',
    'm_score',
    'rfm_score',
    'rfm_segment',
    'cluster',
    'cluster_name',
  ];
  const rows = result.customers.map((c) => [
    c.customer,
    String(c.recency),
    String(c.frequency),
    roundedText(c.monetary),
    c.firstPurchase,
    c.lastPurchase,
    String(c.tenure),
    roundedText(c.averageOrderValue),
    String(c.r),
    String(c.f),
    String(c.m),
    `${c.r}${c.f}${c.m}`,
    c.segment,
    String(c.cluster),
    c.clusterName,
  ]);
  return csvText(header, rows);
}

/**
 * rfm_summary.json: cleaning counts, date format, as-of date, cut points, rules, per-segment and
 * per-cluster customers/orders/revenue/average order value/share of revenue, the cross-table and how k was
 * chosen. No timestamps: the same log and options give the same bytes.
 */
function rfmSummaryJson(result: RfmResult): string {
  const doc = {
    cleaning: result.cleaning,
    dateFormat: result.dateFormat,
    dateFormatNote: result.dateFormatNote,
    asOf: result.asOf,
    bins: result.bins,
    cuts: result.cuts,
    cutsSource: result.cutsSource,
    rules: result.rules,
    segments: result.segments,
    clusters: result.clusters,
    crossTable: result.crossTable,
    clustering: { k: result.clustering.k, reason: result.clustering.choice.reason, perK: result.clustering.sweep },
  };
  return stableJson(doc);
}

/** Which report an order-log run writes: report.html (and its charts as PNG with `png`), or none (`--no-report`). */
export type ReportChoice = { readonly png: boolean } | 'none';

/**
 * Every file of an RFM run: rfm.csv, rfm_summary.json, model.json and the report (with its RFM section first;
 * chart PNGs with `png`; none with 'none'). Shared by `segmenta rfm` and the studio's RFM mode.
 */
export async function rfmRunFiles(
  result: RfmResult,
  seed: number,
  commandLine: string,
  report: ReportChoice = { png: false },
): Promise<Array<{ name: string; content: string | Uint8Array }>> {
  const seg = result.clustering;
  const modelText = JSON.stringify(seg.model, null, 2) + '\n';
  return [
    { name: 'rfm.csv', content: rfmCsv(result) },
    { name: 'rfm_summary.json', content: rfmSummaryJson(result) },
    { name: 'model.json', content: modelText },
    ...(report === 'none' ? [] : await rfmReportFiles(result, seed, commandLine, report.png)),
  ];
}

/**
 * report.html of an RFM analysis (the clustering on log R, F, M as the main run) with `sections` first and
 * the RFM section after them; chart PNGs with `png`. Shared by `segmenta rfm` and `segmenta clv`.
 */
export async function rfmReportFiles(
  result: RfmResult,
  seed: number,
  commandLine: string,
  png: boolean,
  ...sections: ReportSection[]
): Promise<Array<{ name: string; content: string | Uint8Array }>> {
  const seg = result.clustering;
  return reportFiles(
    {
      summary: JSON.parse(summaryJson(seg, result.clusteringTable.source, seed)) as SummaryDocument,
      model: JSON.parse(JSON.stringify(seg.model)) as SegmentaModel,
      table: result.clusteringTable,
      labels: seg.labels,
      matrix: seg.matrix,
      pca: seg.pca,
      commandLine,
    },
    png,
    ...sections,
    rfmReportSection(result),
  );
}
