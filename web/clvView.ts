// CLV: customer value ahead from the order log, as `segmenta clv` computes it: the fits with their standard
// errors, P(alive) and value by RFM segment, the holdout check, and the downloads.
import type { ClvAnswer, ClvFit, ClvRequest, ClvSummary } from '../src/server/api.js';
import { comparisonRows } from '../src/clv/comparisonRows.js';
import { countsOneTimeBuyersAlive } from '../src/clv/purchaseModel.js';
import { formatNumber } from '../src/util/formatNumber.js';
import { draw } from './charts.js';
import { $, captioned, el, fill, plain, scrollRegion, table } from './dom.js';
import { orderLogRequest, wireOrderLogJob } from './rfmView.js';
import { enable, show } from './tabs.js';

/** Four significant digits, as the CLI prints the parameters. */
const sig = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '–' : v.toPrecision(4));
const whole = (v: number): string => Math.round(v).toLocaleString('en-US');

/** One model's parameters with their standard errors, one row each. */
function fitRows(model: string, fit: ClvFit, names: ReadonlyArray<readonly [string, string]>): string[][] {
  return names.map(([key, shown]) => [model, shown, sig(fit.params[key]), sig(fit.standardErrors?.[key])]);
}

/** Parameters as the papers write them. */
const GREEK: Record<string, string> = { alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ' };

const pAliveCell = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '–');

/** auto's comparison of the purchase models, and why the chosen one won. */
function comparisonNodes(s: ClvSummary): HTMLElement[] {
  if (!s.comparison) return [];
  const { head, rows, skipped } = comparisonRows(s.comparison);
  return [
    scrollRegion(plain(captioned(table(head, rows), 'Purchase models compared')), 'Purchase models compared'),
    el('p', {}, `Chosen: ${s.comparison.reason}.${skipped.map((k) => ` ${k}.`).join('')}`),
  ];
}

/** The holdout check: purchases made against predicted, overall and by calibration frequency (a hint without a holdout). */
function holdoutNodes(h: ClvSummary['holdout'], unit: string): HTMLElement[] {
  return h
    ? [
        el(
          'p',
          {},
          `Holdout (${formatNumber(h.length)} ${unit}s after the calibration end): ${whole(h.actualTotal)} purchases made, ${whole(h.predictedTotal)} predicted; mean absolute error ${h.meanAbsoluteError.toFixed(3)} per customer.`,
        ),
        scrollRegion(
          plain(
            captioned(
              table(
                ['repeat purchases in calibration', 'customers', 'holdout purchases (mean)', 'predicted (mean)'],
                h.byFrequency.map((b) => [b.frequency, b.customers.toLocaleString('en-US'), b.actual.toFixed(2), b.predicted.toFixed(2)]),
              ),
              'The holdout check: purchases made against predicted, by calibration frequency',
            ),
          ),
          'Holdout check',
        ),
      ]
    : [el('p', { className: 'hint' }, 'No holdout: choose a calibration end before the log’s last day to check the predictions against what customers did.')];
}

/** The summary: periods, the fits, the notes, the holdout check and the value by RFM segment. */
function summaryNodes(s: ClvSummary): HTMLElement[] {
  const unit = s.timeUnit;
  const purchase = s[s.purchaseModel]!;
  const fits = [
    ...fitRows(
      s.purchaseModelLabel,
      purchase,
      Object.keys(purchase.params).map((k) => [k, GREEK[k] ?? k] as const),
    ),
    ...fitRows('Gamma-Gamma', s.gammaGamma, [
      ['p', 'p'],
      ['q', 'q'],
      ['gamma', 'γ'],
    ]),
  ];
  const repeatOnly = countsOneTimeBuyersAlive(s.purchaseModel);
  const segments = s.segments.map((g) => [
    g.segment,
    g.customers.toLocaleString('en-US'),
    g.oneTimeBuyers.toLocaleString('en-US'),
    pAliveCell(repeatOnly ? g.meanPAliveRepeat : g.meanPAlive),
    formatNumber(g.expectedPurchases),
    formatNumber(g.expectedValue),
  ]);
  return [
    el(
      'p',
      {},
      `${s.customers.toLocaleString('en-US')} customers, ${s.repeatCustomers.toLocaleString('en-US')} of them repeat buyers; calibration ${s.periods.firstDate} to ${s.periods.calibrationEnd}; time in ${unit}s; value over ${s.horizonMonths} months.`,
    ),
    ...comparisonNodes(s),
    scrollRegion(
      plain(captioned(table(['model', 'parameter', 'estimate', 'standard error'], fits), `Fitted by maximum likelihood (time in ${unit}s)`)),
      'Model parameters',
    ),
    ...s.warnings.map((w) => el('p', { className: 'warning' }, el('strong', {}, 'Note: '), `${w}.`)),
    el('p', {}, `${s.pAliveNote}.`),
    ...holdoutNodes(s.holdout, unit),
    scrollRegion(
      plain(
        captioned(
          table(
            [
              'RFM segment',
              'customers',
              'bought once',
              repeatOnly ? 'P(alive) of repeat buyers' : 'mean P(alive)',
              `expected purchases (${s.horizonMonths} mo)`,
              `expected value (${s.horizonMonths} mo)`,
            ],
            segments,
          ),
          'Value ahead by RFM segment',
        ),
      ),
      'Value by RFM segment',
    ),
  ];
}

async function showClv(job: ClvAnswer): Promise<void> {
  const s = job.summary!;
  fill($('clv-summary'), ...summaryNodes(s));
  const charts = job.charts ?? {};
  $('tab-clv').hidden = false;
  enable('clv');
  show('clv');
  await Promise.all(
    ['clv-segments', 'clv-alive', 'clv-calibration', 'clv-holdout'].map((id) =>
      charts[id] ? draw(id, charts[id]!.spec, charts[id]!.table) : Promise.resolve(),
    ),
  );
  $('chart-clv-holdout').hidden = !charts['clv-holdout'];
  document.body.dataset['clv'] = String(s.customers);
}

/** The CLV request: the order-log columns and the model's settings. */
function clvRequest(): ClvRequest {
  const end = $<HTMLInputElement>('clv-calibration-end').value;
  const holdoutEnd = $<HTMLInputElement>('clv-holdout-end').value;
  return {
    ...orderLogRequest(),
    purchaseModel: $<HTMLSelectElement>('clv-purchase-model').value,
    ...(end ? { calibrationEnd: end } : {}),
    ...(holdoutEnd ? { holdoutEnd } : {}),
    horizon: Number($<HTMLInputElement>('clv-horizon').value),
    timeUnit: $<HTMLSelectElement>('clv-time-unit').value,
  };
}

/** "Compute customer value" sends the columns and settings, follows the fit and shows it. */
export function wireClvView(): void {
  wireOrderLogJob('clv', clvRequest, showClv);
}
