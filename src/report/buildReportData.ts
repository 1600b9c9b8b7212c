import type { SegmentRules } from '../explain/segmentRules.js';
import { sizeLimitSentence } from '../explain/sizeLimitSentence.js';
import { labelWithUnit, readableLabel } from '../explain/columnLabels.js';
import type { PlotPoint, ReportData, ReportSegment, SuggestedAction } from '../charts/reportData.js';
import { segmentColor } from '../charts/palette.js';
import { cellText, findColumn, sourceTitle, type Column, type SourceInfo, type Table } from '../data/table.js';
import { unusualValueLines } from '../profile/outliers.js';
import { profileColumn, type ColumnProfile } from '../profile/profileTable.js';
import { silhouette } from '../metrics/silhouette.js';
import type { SegmentaModel } from '../model/model.js';
import type { SummaryDocument } from '../output/summaryJson.js';
import { pca, pcaScore, type PcaResult } from '../reduce/pca.js';
import { takeRows, type Matrix } from '../util/matrix.js';
import { createRandom } from '../util/random.js';
import { sampleIndices } from '../util/sample.js';
import { rowsBySegment } from '../util/rowsBySegment.js';
import { suggestAction } from '../explain/suggestAction.js';
import { contextLine, noHeaderSentence } from '../explain/dataNotes.js';
import { contextProfile } from '../explain/contextProfile.js';
import { distributionOf, orderedCorrelation } from './tableOverview.js';
import { shellWord } from '../util/shellWord.js';
import { allRows, gather } from '../util/gather.js';

/** Point charts draw at most this many customers (a seeded sample stratified by segment above it). */
const MAX_PLOT_POINTS = 2000;

/** What a finished run left: its summary and model, the input table, labels and the scaled matrix. */
export interface RunArtifacts {
  readonly summary: SummaryDocument;
  readonly model: SegmentaModel;
  readonly table: Table;
  /** 0-based segment index per row. */
  readonly labels: Int32Array;
  readonly matrix: Matrix;
  readonly commandLine?: string;
  /** The PCA of `matrix` when the caller has it already (a finished segmentation); else computed here. */
  readonly pca?: PcaResult;
  /** The table's column profile when the caller has it already (profile.json); else computed here. */
  readonly profile?: readonly ColumnProfile[];
}

/**
 * Computes everything the charts and the report need from a finished run: a seeded stratified sample of
 * points with PCA coordinates, histograms over all rows, silhouettes (exact on the drawn customers),
 * correlations in clustered order, and suggested actions. Deterministic. O(n · d² + m² · d).
 */
export function buildReportData(run: RunArtifacts): ReportData {
  const { summary, model, table, labels, matrix } = run;
  const n = table.rowCount,
    k = model.segments.length;
  const segments = reportSegments(summary);
  const labelOf = (i: number): string => segments[labels[i]!]!.label;
  const numericSteps = model.pipeline.steps.filter((s) => s.kind === 'number' && s.source === 'number');
  // Axis titles by the columns' labels and units ("Annual income (k$)"); `column` finds the values.
  const fields = numericSteps.map((s, j) => ({ field: `f${j}`, title: displayName(summary, s.column), column: s.column }));
  const columnOf = (name: string) => table.columns.find((c) => c.name === name)!;
  const keyColumn = model.key === null ? undefined : findColumn(table, model.key);

  const separation = fields.map((f) => ({
    f: f.field,
    eta: segments.reduce((s, g) => s + g.share * (g.numeric.find((c) => c.feature === f.column)?.difference ?? 0) ** 2, 0),
  }));
  separation.sort((a, b) => b.eta - a.eta);
  // Points carry only the 8 most separating features, so the report stays light on wide tables.
  const plotted = fields.filter((f) => separation.slice(0, 8).some((s) => s.f === f.field));
  const sample = stratifiedSample(labels, k, MAX_PLOT_POINTS, summary.seed);
  const fit = run.pca ?? pca(matrix, 3);
  const dims = Math.min(3, fit.components.length);
  const pc = (i: number, c: number): number => (c < dims ? pcaScore(fit, matrix, i, c) : 0);
  const points: PlotPoint[] = Array.from(sample, (i) => {
    const p: Record<string, string | number> = {
      key: keyColumn ? cellText(keyColumn, i) : String(i + 1),
      segment: labelOf(i),
      pc1: pc(i, 0),
      pc2: pc(i, 1),
      pc3: pc(i, 2),
    };
    plotted.forEach((f) => {
      const c = columnOf(f.column);
      p[f.field] = c.kind === 'number' ? c.values[i]! : NaN;
    });
    return p as PlotPoint;
  });

  const scatter = scatterAxes(model, fields, segments, fit, labels, pc);
  const ranked = separation.slice(0, 6).map((s) => s.f);
  const pairFields = ranked.length >= 2 ? ranked : ['pc1', 'pc2', 'pc3'].slice(0, Math.max(2, Math.min(3, matrix.cols)));

  const sil = silhouetteBars(matrix, labels, sample, segments);
  const distributions = model.features.map((name) => ({
    ...distributionOf(
      columnOf(name),
      labels,
      segments.map((s) => s.label),
    ),
    feature: displayName(summary, name),
  }));

  return {
    ...runFacts(run),
    segments,
    fields: plotted,
    points,
    pointsSampled: sample.length < n,
    scatter,
    pcaRatios: fit.explainedVarianceRatio.slice(0, 3),
    pairFields,
    silhouette: { ...sil, rows: sample.length, sampled: sample.length < n },
    distributions,
    correlation: orderedCorrelation(model.features.map(columnOf)),
    ...(summary.method.tree ? { splitTree: summary.method.tree } : {}),
    ...(summary.method.method === 'hierarchical' && summary.method.dendrogram ? { dendrogram: summary.method.dendrogram } : {}),
  };
}

/** What the report says about the run beside its charts: the data, the choice of k, preprocessing, notes. */
function runFacts(run: RunArtifacts) {
  const { summary, model, table } = run;
  const limits = summary.method.sizeLimits;
  return {
    title: sourceTitle(summary.data as SourceInfo),
    rows: summary.data.rows,
    ...(typeof (summary.data as SourceInfo).sampledRows === 'number' && (summary.data as SourceInfo).sampledRows! < summary.data.rows
      ? { sampledRows: (summary.data as SourceInfo).sampledRows! }
      : {}),
    keyColumn: model.key,
    features: model.features,
    dataNotes: [
      ...((summary.data as SourceInfo).header === false ? [noHeaderSentence(table.columns.map((c) => c.name))] : []),
      // Runs made before summary.json kept the context columns have none.
      contextLine(summary.preprocessing.context ?? [], summary.columns ?? []),
    ].filter((n) => n !== ''),
    k: model.segments.length,
    reason: summary.k.reason,
    kWarnings: summary.k.warnings ?? [],
    shortlist: summary.k.shortlist ?? [],
    criteria: summary.k.votes.length,
    alternative: (summary.k as { alternative?: { k: number } | null }).alternative?.k ?? null,
    structure: summary.k.structure ?? 'clusters',
    ...(summary.baseline ? { baseline: summary.baseline } : {}),
    rule: summary.k.rule,
    seed: summary.seed,
    version: summary.segmenta,
    commandLine: run.commandLine ?? equivalentCommand(summary.data.path, model),
    preprocessing: summary.preprocessing,
    columns: summary.columns ?? [],
    ...(summary.unusual ? { unusual: summary.unusual } : {}),
    ...(summary.within ? { within: summary.within } : {}),
    ...(limits ? { sizeLimits: sizeLimitSentence(limits, summary.inertia) } : {}),
    unusualValues: unusualValueLines(
      (summary.columns ?? [])
        .map((c) => run.profile?.find((p) => p.name === c.column) ?? profileOf(findColumn(table, c.column)))
        .filter((c): c is ColumnProfile => c !== undefined),
    ),
    perK: summary.k.perK,
    elbow: summary.k.votes.find((v) => v.criterion === 'elbow')?.k ?? null,
  };
}

/** The report's segments from summary.json: label, colour, profile, suggestion, stability and rule. */
function reportSegments(summary: RunArtifacts['summary']): ReportSegment[] {
  const rules = (summary as { rules?: SegmentRules }).rules;
  return summary.segments.map((s) => ({
    id: s.id,
    name: s.name,
    label: `${s.id} · ${s.name}`,
    color: segmentColor(s.id),
    size: s.size,
    share: s.share,
    description: s.description,
    distinguishing: s.distinguishing,
    numeric: s.numeric,
    levels: s.levels,
    context: s.context ?? { numeric: [], levels: [] },
    contextProfile: contextProfile({ context: s.context ?? { numeric: [], levels: [] } }),
    // Runs made before summary.json kept the suggestion: read it again from the differences.
    suggestion: (s as { suggestion?: SuggestedAction }).suggestion ?? suggestAction(s.numeric),
    ...(s.stability ? { stability: s.stability } : {}),
    ...(rules?.columns.length ? { rule: rules.rules.find((r) => r.segment === s.id)! } : {}),
  }));
}

/** The silhouette plot's bars of the drawn customers (exact silhouettes among them), segment by segment, and their mean. */
function silhouetteBars(matrix: Matrix, labels: Int32Array, sample: Int32Array, segments: readonly ReportSegment[]): { bars: SilhouetteBar[]; mean: number } {
  const k = segments.length;
  const silX = takeRows(matrix, sample);
  const silLabels = gather(labels, sample);
  const sil = silhouette(silX, silLabels, k);
  const bars: SilhouetteBar[] = [];
  let position = 0;
  for (let j = k - 1; j >= 0; j--) {
    const values = Array.from(sample.keys())
      .filter((t) => silLabels[t] === j)
      .map((t) => sil.values[t]!)
      .sort((a, b) => a - b);
    for (const v of values) bars.push({ segment: segments[j]!.label, position: position++, value: v });
    position += Math.max(2, Math.round(sample.length / 100));
  }

  return { bars, mean: sil.mean };
}

/** One bar of the silhouette plot. */
type SilhouetteBar = { segment: string; position: number; value: number };

/**
 * The cluster plot's axes: the two features themselves when the model has exactly two, else PC1 and PC2 with
 * the biplot's arrows (each input's weight) and each segment's centre in those coordinates. O(n).
 */
function scatterAxes(
  model: RunArtifacts['model'],
  fields: ReadonlyArray<{ field: string; title: string; column: string }>,
  segments: readonly ReportSegment[],
  fit: PcaResult,
  labels: Int32Array,
  pc: (i: number, c: number) => number,
): ReportData['scatter'] {
  const n = labels.length;
  const twoFeatures = model.pipeline.steps.length === 2 && fields.length === 2;
  return twoFeatures
    ? {
        x: fields[0]!,
        y: fields[1]!,
        centroids: segments.map((s) => ({ segment: s.label, x: s.numeric[0]!.mean, y: s.numeric[1]!.mean })),
      }
    : {
        x: { field: 'pc1', title: pcAxisTitle(fit, model.pipeline.outputNames, 0) },
        y: { field: 'pc2', title: pcAxisTitle(fit, model.pipeline.outputNames, 1) },
        // The biplot's arrows: each input's weight on PC1 and PC2.
        loadings: model.pipeline.outputNames.map((name, t) => ({ input: inputLabel(name), x: fit.components[0]?.[t] ?? 0, y: fit.components[1]?.[t] ?? 0 })),
        centroids: segments.map((s, j) => {
          let x = 0,
            y = 0,
            m = 0;
          for (let i = 0; i < n; i++) if (labels[i] === j) ((x += pc(i, 0)), (y += pc(i, 1)), m++);
          return { segment: s.label, x: x / m, y: y / m };
        }),
      };
}

/**
 * A principal component's axis title that says what it means: its share of variance and the two inputs with
 * the largest loadings, signed ("PC1, 45.2% of variance: + Spending score, − Age"), as factoextra's biplots let
 * users read them.
 */
export function pcAxisTitle(fit: Pick<PcaResult, 'components' | 'explainedVarianceRatio'>, inputs: readonly string[], c: number): string {
  const share = `${((fit.explainedVarianceRatio[c] ?? 0) * 100).toFixed(1)}% of variance`;
  const top = (fit.components[c] ?? [])
    .map((w, t) => ({ w, name: inputLabel(inputs[t] ?? `input ${t + 1}`) }))
    .sort((a, b) => Math.abs(b.w) - Math.abs(a.w))
    .slice(0, 2)
    .map(({ w, name }) => `${w >= 0 ? '+' : '−'} ${name}`);
  return `PC${c + 1}, ${share}${top.length ? `: ${top.join(', ')}` : ''}`;
}

/** A pipeline input as a reader names it: "Annual income", "Gender Male", "Balance (log)". */
function inputLabel(output: string): string {
  const log = /^log1p\((.*)\)$/.exec(output);
  if (log) return `${readableLabel(log[1]!).label} (log)`;
  const eq = output.indexOf('=');
  return eq > 0 ? `${readableLabel(output.slice(0, eq)).label} ${output.slice(eq + 1)}` : readableLabel(output).label;
}

/** A column as charts title it: its label and unit from the summary ("Annual income (k$)"), else its name. */
function displayName(summary: SummaryDocument, column: string): string {
  const c = summary.segments[0]?.numeric.find((x) => x.feature === column);
  return c?.label ? labelWithUnit(c.label, c.unit) : column;
}

function profileOf(column: Column | undefined): ColumnProfile | undefined {
  return column && profileColumn(column);
}

/** Up to m row indices, each segment represented in proportion to its size (at least one row), seeded. */
function stratifiedSample(labels: Int32Array, k: number, m: number, seed: number): Int32Array {
  const n = labels.length;
  if (n <= m) return allRows(n);
  const rng = createRandom(seed ^ 0xa11ce);
  const picked: number[] = [];
  for (const rows of rowsBySegment(labels, k)) {
    const take = Math.max(1, Math.round((rows.length / n) * m));
    for (const t of sampleIndices(rows.length, Math.min(take, rows.length), rng)) picked.push(rows[t]!);
  }
  return Int32Array.from(picked.sort((a, b) => a - b));
}

/** The command line that reproduces a run, from the options stored in its model. */
function equivalentCommand(path: string | undefined, model: SegmentaModel): string {
  const flag = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const parts = ['segmenta', 'run', shellWord(path ?? 'FILE')];
  for (const [name, value] of Object.entries(model.options)) {
    const text = name === 'labels' ? 'labels.json' : Array.isArray(value) ? value.join(',') : String(value);
    parts.push(`--${flag(name)}`, shellWord(text));
  }
  parts.push('--seed', String(model.seed));
  return parts.join(' ');
}
