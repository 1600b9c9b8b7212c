// RFM mode: an order log's customers by recency, frequency and monetary value.
import type { DataAnswer, RfmAnswer, RfmGroup, RfmRequest, RfmSummary } from '../src/server/api.js';
import { pollJob, postJson, type PolledJob } from './apiClient.js';
import { draw } from './charts.js';
import { $, captioned, el, fill, plain, scrollRegion, showError, table } from './dom.js';
import { enable, show } from './tabs.js';

const RFM_ROLES: ReadonlyArray<readonly [keyof RfmRequest, string]> = [
  ['customer', 'Customer'],
  ['date', 'Order date'],
  ['invoice', 'Invoice or order number'],
  ['quantity', 'Quantity'],
  ['price', 'Unit price'],
  ['amount', 'Amount (instead of quantity × price)'],
];

/** Shows the order-log panel (with the server's guesses of which column holds what), or hides it. */
export function showOrderLog(data: DataAnswer): void {
  $('order-log').hidden = data.orderLog === null;
  $('tab-rfm').hidden = true;
  $('tab-clv').hidden = true;
  if (!data.orderLog) return;
  const guess = data.orderLog as Partial<Record<keyof RfmRequest, string>>;
  fill(
    $('rfm-mapping'),
    ...RFM_ROLES.map(([role, title]) => {
      const select = el('select', {}, el('option', {}, ''), ...data.columns.map((c) => el('option', {}, c.name))) as HTMLSelectElement;
      select.id = `rfm-${role}`;
      select.value = guess[role] ?? '';
      return el('label', {}, `${title} `, select);
    }),
  );
}

/** The figures of an RFM segment or cluster, after its name. */
const GROUP_FIGURES = ['customers', 'share', 'orders', 'revenue', 'revenue share', 'average order'] as const;

/** An RFM segment's or cluster's row: its name, customers and share of them, orders, revenue and its share, average order. */
function groupRow(g: RfmGroup): string[] {
  const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
  const money = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 0 });
  return [
    g.name,
    g.customers.toLocaleString('en-US'),
    pct(g.shareOfCustomers),
    g.orders.toLocaleString('en-US'),
    money(g.revenue),
    pct(g.shareOfRevenue),
    money(g.averageOrderValue),
  ];
}

/** The clusters on log R, F, M: why this k, each cluster's customers and value, and where each RFM segment's customers fall. */
function showClusters(s: RfmSummary): void {
  $('rfm-clusters-reason').textContent = s.clustering.reason;
  const cross = s.crossTable.map((r) => [r.segment, ...r.counts.map((n) => n.toLocaleString('en-US'))]);
  fill(
    $('rfm-clusters'),
    scrollRegion(
      plain(
        captioned(table(['cluster', ...GROUP_FIGURES], s.clusters.map(groupRow)), `${s.clustering.k} clusters on log recency, frequency and monetary value`),
      ),
      'RFM clusters',
    ),
    scrollRegion(
      plain(captioned(table(['RFM segment', ...s.clusters.map((c) => c.name)], cross), 'Customers of each RFM segment in each cluster')),
      'RFM segments by cluster',
    ),
  );
}

async function showRfm(job: RfmAnswer): Promise<void> {
  const s = job.summary!;
  fill(
    $('rfm-summary'),
    el(
      'p',
      {},
      `${s.cleaning.lines.toLocaleString('en-US')} order lines → ${s.cleaning.customers.toLocaleString('en-US')} customers; recency counted to ${s.asOf}.`,
    ),
    scrollRegion(
      plain(captioned(table(['RFM segment', ...GROUP_FIGURES], s.segments.map(groupRow)), 'RFM segments (named by rules on the R, F and M scores)')),
      'RFM segments',
    ),
  );
  showClusters(s);
  const charts = job.charts ?? {};
  $('tab-rfm').hidden = false;
  enable('rfm');
  show('rfm');
  await Promise.all(
    ['rfm-segments', 'rfm-grid', 'rfm-cluster-scatter'].map((id) => (charts[id] ? draw(id, charts[id]!.spec, charts[id]!.table) : Promise.resolve())),
  );
  document.body.dataset['rfm'] = String(s.cleaning.customers);
}

/** The columns chosen in the order-log panel (roles left empty are not sent). */
export function orderLogRequest(): RfmRequest {
  return Object.fromEntries(RFM_ROLES.map(([role]) => [role, $<HTMLSelectElement>(`rfm-${role}`).value]).filter(([, v]) => v !== '')) as RfmRequest;
}

/**
 * Wires a button of the order-log panel: it sends `request()` to `path`, follows the analysis in the status
 * text `id`-text and hands the finished answer to `show`; the button is disabled meanwhile.
 */
export function wireOrderLogJob<T extends PolledJob>(id: 'rfm' | 'clv', request: () => object, show: (job: T) => Promise<void>): void {
  const button = $<HTMLButtonElement>(`${id}-run`);
  button.addEventListener('click', async () => {
    button.disabled = true;
    showError(null);
    try {
      await postJson(`/api/${id}`, request());
      const job = await pollJob<T>(
        `/api/${id}`,
        (j) => ($(`${id}-text`).textContent = j.status === 'running' ? j.stage : j.status === 'done' ? 'done' : ''),
        300,
      );
      await show(job);
    } catch (e) {
      $(`${id}-text`).textContent = '';
      showError((e as Error).message);
    } finally {
      button.disabled = false;
    }
  });
}

/** "Compute RFM" sends the chosen columns, follows the analysis and shows it. */
export function wireRfmView(): void {
  wireOrderLogJob('rfm', orderLogRequest, showRfm);
}
