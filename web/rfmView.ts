// RFM mode: an order log's customers by recency, frequency and monetary value.
import type { DataAnswer, RfmAnswer, RfmRequest } from '../src/server/api.js';
import { pollJob, postJson } from './apiClient.js';
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

async function showRfm(job: RfmAnswer): Promise<void> {
  const s = job.summary!;
  const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
  const money = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const rows = s.segments.map((g) => [
    g.name,
    g.customers.toLocaleString('en-US'),
    pct(g.shareOfCustomers),
    g.orders.toLocaleString('en-US'),
    money(g.revenue),
    pct(g.shareOfRevenue),
    money(g.averageOrderValue),
  ]);
  fill(
    $('rfm-summary'),
    el(
      'p',
      {},
      `${s.cleaning.lines.toLocaleString('en-US')} order lines → ${s.cleaning.customers.toLocaleString('en-US')} customers; recency counted to ${s.asOf}.`,
    ),
    scrollRegion(
      plain(
        captioned(
          table(['RFM segment', 'customers', 'share', 'orders', 'revenue', 'revenue share', 'average order'], rows),
          'RFM segments (named by rules on the R, F and M scores)',
        ),
      ),
      'RFM segments',
    ),
    el('p', {}, `Clusters on log R, F, M: ${s.clustering.reason}`),
  );
  const charts = job.charts ?? {};
  $('tab-rfm').hidden = false;
  enable('rfm');
  show('rfm');
  await Promise.all(['rfm-segments', 'rfm-grid'].map((id) => (charts[id] ? draw(id, charts[id]!.spec, charts[id]!.table) : Promise.resolve())));
  document.body.dataset['rfm'] = String(s.cleaning.customers);
}

/** "Compute RFM" sends the chosen columns, follows the analysis and shows it. */
export function wireRfmView(): void {
  $('rfm-run').addEventListener('click', async () => {
    const button = $<HTMLButtonElement>('rfm-run');
    button.disabled = true;
    showError(null);
    try {
      const request = Object.fromEntries(
        RFM_ROLES.map(([role]) => [role, $<HTMLSelectElement>(`rfm-${role}`).value]).filter(([, v]) => v !== ''),
      ) as RfmRequest;
      await postJson('/api/rfm', request);
      const job = await pollJob<RfmAnswer>(
        '/api/rfm',
        (j) => ($('rfm-text').textContent = j.status === 'running' ? j.stage : j.status === 'done' ? 'done' : ''),
        300,
      );
      await showRfm(job);
    } catch (e) {
      $('rfm-text').textContent = '';
      showError((e as Error).message);
    } finally {
      button.disabled = false;
    }
  });
}
