import { baselineSentence, baselineStatus } from '../explain/baselineText.js';
import { sourceTitle, type Table } from '../data/table.js';
import { formatNumber } from '../explain/describeSegment.js';
import { shortlistSentence } from '../explain/shortlistText.js';
import { stabilityText } from '../explain/stabilitySentence.js';
import { redactAll } from '../engine/sqlEngine.js';
import type { Segmentation } from '../pipeline/segment.js';
import { formatTable } from './printTable.js';

/** The command line as typed, for the report's reproducibility line (arguments quoted where needed). */
export function commandLine(): string {
  const quote = (v: string): string => (/^[\w./:=,-]+$/.test(v) ? v : `'${v.replaceAll("'", "'\\''")}'`);
  return ['segmenta', ...process.argv.slice(2).map((a) => quote(redactAll(a)))].join(' ');
}

/** The readable terminal summary: data, k and why, a table of segments with key figures, warnings, files. */
export function readableSummary(result: Segmentation, table: Table, written: readonly string[]): string {
  const p = result.preprocessing;
  const source = sourceTitle(table.source);
  const lines = [
    `${source}: ${result.rows} customers, ${p.features.length} features (${p.features.join(', ')}), ${p.scaling} scaling` +
      (result.key.column ? `, key ${result.key.column}` : ''),
  ];
  if (p.imputed.length)
    lines.push(
      `imputed: ${p.imputed.map((i) => `${i.column} ${i.count} cell(s) with ${typeof i.value === 'number' ? formatNumber(i.value) : i.value}`).join('; ')}`,
    );
  if (p.logged.length) lines.push(`log1p: ${p.logged.join(', ')}`);
  const alternatives = shortlistSentence(result.choice.shortlist, result.k, result.choice.votes.length);
  lines.push('', result.choice.reason, ...(alternatives ? [alternatives] : []), ...result.kWarnings.map((w) => `warning (${w.code}): ${w.message}`), '');
  const shown = result.segments[0]!.numeric.map((c, j) => ({ j, c, spread: Math.max(...result.segments.map((s) => Math.abs(s.numeric[j]!.difference))) }))
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
    ...shown.map((j) => `${result.segments[0]!.numeric[j]!.feature} (mean)`),
  ];
  const rows = result.segments.map((s) => [
    String(s.id),
    s.name,
    String(s.size),
    `${formatNumber(s.share * 100)}%`,
    ...(s.stability ? [stabilityText(s.stability)] : []),
    ...(b
      ? [
          baselineStatus(
            b,
            b.segments.find((x) => x.id === s.id)!,
          ),
        ]
      : []),
    ...shown.map((j) => formatNumber(s.numeric[j]!.mean)),
  ]);
  lines.push(formatTable(header, rows), '');
  if (result.stability) {
    lines.push(
      `stability: mean Jaccard similarity of each segment to its best match when ${result.stability.rows === result.rows ? 'the customers are' : `a sample of ${result.stability.rows.toLocaleString('en-US')} customers is`} resampled ${result.stability.bootstraps} times (fpc's clusterboot; ≥ 0.85 highly stable, < 0.6 not stable)`,
      '',
    );
  }
  if (b) lines.push(baselineSentence(b), '');
  for (const s of result.segments) lines.push(`${s.id}. ${s.name}: ${s.description}`);
  if (result.warnings.length) lines.push('', ...result.warnings.map((w) => `warning: ${w}`));
  const charts = written.filter((w) => w.endsWith('.png'));
  lines.push('', `wrote ${written.filter((w) => !w.endsWith('.png')).join(', ')}${charts.length ? ` and ${charts.length} PNG charts` : ''}`);
  return lines.join('\n');
}
