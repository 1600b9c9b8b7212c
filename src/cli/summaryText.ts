import { baselineSentence, baselineStatus } from '../explain/baselineText.js';
import { sourceTitle, type Table } from '../data/table.js';
import { countText, formatNumber, formatPercent } from '../util/formatNumber.js';
import { formatValue } from '../explain/nameSegments.js';
import type { NumericContrast } from '../explain/profileSegments.js';
import { alternativeSentence } from '../explain/shortlistText.js';
import { stabilityText } from '../explain/stabilitySentence.js';
import { percent } from '../explain/nameSegments.js';
import type { UnusualSummary } from '../explain/unusualCustomers.js';
import { splitTreeLines } from '../explain/splitTree.js';
import { sizeLimitSentence } from '../explain/sizeLimitSentence.js';
import { redactAll } from '../engine/sqlEngine.js';
import type { Segmentation } from '../pipeline/segment.js';
import { formatTable } from './printTable.js';
import { contextLine, noHeaderSentence } from '../explain/dataNotes.js';
import { shellWord } from '../util/shellWord.js';

/** The command line as typed, for the report's reproducibility line (arguments quoted where needed). */
export function commandLine(): string {
  return ['segmenta', ...process.argv.slice(2).map((a) => shellWord(redactAll(a)))].join(' ');
}

/** The readable terminal summary: data, k and why, a table of segments with key figures, warnings, files. */
export function readableSummary(result: Segmentation, table: Table, written: readonly string[]): string {
  const lines = dataLines(result, table);
  const alternatives = alternativeSentence(result.choice);
  const limits = result.method.sizeLimits;
  lines.push(
    '',
    result.choice.reason,
    ...(alternatives ? [alternatives] : []),
    ...(limits ? [sizeLimitSentence(limits, result.inertia)] : []),
    ...result.kWarnings.map((w) => `warning (${w.code}): ${w.message}`),
    '',
  );
  const b = result.baseline;
  lines.push(segmentsTable(result), '');
  if (result.stability) {
    lines.push(
      `stability: mean Jaccard similarity of each segment to its best match when ${result.stability.rows === result.rows ? 'the customers are' : `a sample of ${countText(result.stability.rows)} customers is`} resampled ${result.stability.bootstraps} times (fpc's clusterboot; ≥ 0.85 highly stable, < 0.6 not stable)`,
      '',
    );
  }
  if (b) lines.push(baselineSentence(b), '');
  for (const s of result.segments) lines.push(`${s.id}. ${s.name}: ${s.description}`);
  const tree = result.method.tree;
  if (tree) lines.push('', 'tree of splits (bisecting k-means; each group named against all customers):', ...splitTreeLines(tree));
  if (result.rules?.columns.length) {
    const r = result.rules;
    lines.push(
      '',
      `rules (trees of depth ≤ ${r.depth} on ${r.columns.join(', ')}; ${(100 * r.agreement).toFixed(0)}% of customers match their own segment's rule and no other):`,
      ...r.rules.map((x) => `${x.segment}. ${x.text} — precision ${x.precision.toFixed(2)}, recall ${x.recall.toFixed(2)}`),
    );
  }
  if (result.unusual) lines.push('', ...unusualLines(result.unusual));
  if (result.warnings.length) lines.push('', ...result.warnings.map((w) => `warning: ${w}`));
  const charts = written.filter((w) => w.endsWith('.png'));
  lines.push('', `wrote ${written.filter((w) => !w.endsWith('.png')).join(', ')}${charts.length ? ` and ${charts.length} PNG charts` : ''}`);
  return lines.join('\n');
}

/** The lines about the data: within which segment, the source, features, scaling, key, imputation, logs, clipping, roles, context. */
function dataLines(result: Segmentation, table: Table): string[] {
  const p = result.preprocessing;
  const source = sourceTitle(table.source);
  const w = result.within;
  const lines = [
    ...(w
      ? [
          `within segment ${w.segment} (${w.name}) of ${w.model}${w.givenBy === 'name' ? ', found by its name' : ''}: ${countText(w.customers)} of ${countText(w.of)} customers (membership by ${w.membership})`,
        ]
      : []),
    `${source}: ${countText(result.rows)} customers, ${p.features.length} features (${p.features.join(', ')}), ${p.scaling} scaling` +
      (result.key.column ? `, key ${result.key.column}` : ''),
  ];
  if (p.imputed.length)
    lines.push(
      `imputed: ${p.imputed.map((i) => `${i.column} ${i.count} cell(s) with ${typeof i.value === 'number' ? formatNumber(i.value) : i.value}`).join('; ')}`,
    );
  if (p.logged.length) lines.push(`log1p: ${p.logged.join(', ')}`);
  if (p.clipped)
    lines.push(
      `clipped at the outlier fences (--clip auto): ${p.clipped.length ? p.clipped.map((c) => `${c.column} ${c.count} value(s) to ${formatNumber(c.low)}–${formatNumber(c.high)}`).join('; ') : 'no value was beyond them'}`,
    );
  const roles = rolesLine(result.columns);
  if (roles) lines.push(roles);
  const context = contextLine(result.preprocessing.context, result.columns);
  if (context) lines.push(context);
  if (table.source?.header === false) lines.push(noHeaderSentence(table.columns.map((c) => c.name)));
  return lines;
}

/** The segments as a table: number, name, customers, share, stability, change since the baseline, and the four most separating columns. */
function segmentsTable(result: Segmentation): string {
  const shown = result.segments[0]!.numeric.map((c, j) => ({ j, c, spread: Math.max(...result.segments.map((s) => Math.abs(s.numeric[j]!.strength))) }))
    .sort((a, b) => b.spread - a.spread)
    .slice(0, 4)
    .map((x) => x.j);
  const stable = result.segments[0]!.stability !== undefined;
  const b = result.baseline;
  const header = [
    '#',
    'segment',
    'customers',
    'share',
    ...(stable ? ['stability'] : []),
    ...(b ? ['since baseline'] : []),
    ...shown.map((j) => columnHeading(result.segments[0]!.numeric[j]!)),
  ];
  const rows = result.segments.map((s) => [
    String(s.id),
    s.name,
    countText(s.size),
    formatPercent(s.share),
    ...(s.stability ? [stabilityText(s.stability)] : []),
    ...(b
      ? [
          baselineStatus(
            b,
            b.segments.find((x) => x.id === s.id)!,
          ),
        ]
      : []),
    // Without the unit, which the heading carries; flags as shares, dates as dates.
    ...shown.map((j) => formatValue(s.numeric[j]!.mean, { role: s.numeric[j]!.role })),
  ]);
  return formatTable(header, rows);
}

/** A table heading for a profiled column: "Annual income (k$, mean)", "Accepted cmp5 (share)". */
function columnHeading(c: Pick<NumericContrast, 'label' | 'unit' | 'role'>): string {
  const what = c.role === 'flag' ? 'share' : c.role === 'date' ? 'mean date' : 'mean';
  return `${c.label} (${c.unit ? `${c.unit}, ` : ''}${what})`;
}

/** One line naming the columns the role rule did not take as plain numbers or text: codes and flags. */
function rolesLine(columns: Segmentation['columns']): string {
  const used = columns.filter((c) => c.feature);
  const codes = used.filter((c) => c.role === 'code').map((c) => c.column);
  const flags = used.filter((c) => c.role === 'flag').map((c) => c.column);
  const parts = [
    ...(codes.length ? [`${codes.join(', ')} as categories (codes)`] : []),
    ...(flags.length ? [`${flags.join(', ')} as yes/no flags (shown as shares)`] : []),
  ];
  return parts.length ? `column roles: ${parts.join('; ')} — override with --categorical / --numeric` : '';
}

/** The unusual customers in a few lines: how many, and the three most unusual with why. */
function unusualLines(u: UnusualSummary): string[] {
  const head = `unusual customers: ${countText(u.count)} (the ${percent(u.contamination)} farthest from their segment's centre, relative to its typical member; unusual = 1 in segments.csv)`;
  return [
    u.customers.length ? `${head}; the most unusual:` : head,
    ...u.customers.slice(0, 3).map((c) => `  ${c.key} (segment ${c.segment}, ${c.score.toFixed(1)}× a typical member's distance): ${c.why.join('; ')}`),
  ];
}
