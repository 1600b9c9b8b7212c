import { clvAliveChart, clvCalibrationChart, clvHoldoutChart, clvSegmentsChart, type ClvChartData } from '../charts/clvCharts.js';
import { escapeHtml } from '../report/escapeHtml.js';
import { htmlRow as row, scrollTable } from '../report/htmlRow.js';
import type { ReportSection } from '../report/reportSection.js';
import { countText, formatNumber } from '../util/formatNumber.js';
import { comparisonRows } from './comparisonRows.js';
import type { ClvResult } from './clv.js';
import { INDEPENDENCE_LIMIT } from './clvFigures.js';
import { purchaseModelOf } from './clvModel.js';
import { countsOneTimeBuyersAlive } from './purchaseModel.js';

/** The data of the customer-value charts: the P(alive) surface (frequency up to its 99th percentile, at most 30). */
function clvChartData(result: ClvResult): ClvChartData {
  const { customers, model } = result;
  const { model: purchase, params } = purchaseModelOf(model);
  const age = Math.max(...customers.map((c) => c.T));
  const xs = customers.map((c) => c.x).sort((a, b) => a - b);
  const maxX = Math.max(1, Math.min(30, xs[Math.floor(0.99 * (xs.length - 1))]!));
  const steps = 12;
  const cells: Array<{ x: number; recency: number; pAlive: number }> = [];
  for (let x = 0; x <= maxX; x++)
    // With no repeat purchase, recency is 0 by definition: one cell.
    for (let i = 0; i <= (x === 0 ? 0 : steps); i++) {
      const recency = Math.round(((age * i) / steps) * 10) / 10;
      cells.push({ x, recency, pAlive: purchase.pAlive(params, { x, tx: x === 0 ? 0 : recency, T: age }) });
    }
  return {
    unit: model.timeUnit,
    horizonMonths: model.horizonMonths,
    modelLabel: purchase.label,
    surface: { age, cells },
    segments: result.segments,
    holdout: result.holdout,
    calibrationFit: result.calibrationFit,
  };
}

/** auto's comparison: one row per model, the reason under it. */
function comparisonHtml(result: ClvResult): string {
  if (!result.comparison) return '';
  const { head, rows, skipped } = comparisonRows(result.comparison);
  return `${scrollTable(`<table class="plain">${row(head, 'th')}\n${rows.map((r) => row(r)).join('\n')}</table>`, 'Purchase models compared')}
<p>Chosen: ${escapeHtml(result.comparison.reason)}.${skipped.map((s) => ` ${escapeHtml(s)}.`).join('')}</p>`;
}

/** The customer-value section of the report: the fits in words and numbers, value by segment, the holdout check. */
export function clvReportSection(result: ClvResult): ReportSection {
  const data = clvChartData(result);
  const { model, histories: h } = result;
  const { model: purchase, params } = purchaseModelOf(model);
  const unit = model.timeUnit;
  const f = (v: number, digits = 3): string => (Number.isFinite(v) ? v.toPrecision(digits) : '–');
  const money = (v: number): string => countText(Math.round(v));
  const fitRow = (name: string, fit: ClvResult['purchaseFit'], keys: readonly string[]): string =>
    fit
      ? row([
          name,
          keys.map((k) => `${k} = ${f(fit.params[k]!, 4)} (± ${f(fit.standardErrors[k]!, 2)})`).join('; '),
          formatNumber(fit.logLikelihood),
          countText(fit.customers),
        ])
      : '';
  const holdout = result.holdout;
  const corr = result.frequencyValueCorrelation;
  const repeatOnly = countsOneTimeBuyersAlive(purchase.name);
  const given = (keys: readonly string[], p: Readonly<Record<string, number>>): string => keys.map((k) => `${k} = ${f(p[k]!, 4)}`).join(', ');
  const html = `
<p>${countText(result.customers.length)} customers with a first purchase from ${escapeHtml(h.firstDate)} to ${escapeHtml(h.calibrationEnd)} (the calibration period);
time in ${unit}s; a purchase is a day with at least one purchase line. ${h.newInHoldout ? `${countText(h.newInHoldout)} customers who first bought after the calibration period are not modelled.` : ''}</p>
${comparisonHtml(result)}
${
  result.purchaseFit
    ? scrollTable(
        `<table class="plain">${row(['model', 'parameters (± standard error)', 'log-likelihood', 'fitted on (customers)'], 'th')}
${fitRow(`${purchase.label} (purchases and dropout)`, result.purchaseFit, purchase.paramNames)}
${fitRow('Gamma-Gamma (order value)', result.gammaGammaFit, ['p', 'q', 'gamma'])}</table>`,
        'Model parameters',
      )
    : `<p>Scored with a given model (no fit): ${purchase.label} ${given(purchase.paramNames, params)}; Gamma-Gamma ${given(['p', 'q', 'gamma'], { ...model.gammaGamma })}.</p>`
}
${result.warnings.map((w) => `<p class="warning"><strong>Note:</strong> ${escapeHtml(w)}.</p>`).join('\n')}
<p>Gamma-Gamma assumes a customer's order value does not depend on how often they buy: the correlation of repeat purchases and average order value is
${f(corr, 2)}${Math.abs(corr) > INDEPENDENCE_LIMIT ? ' — <strong>too strong for that assumption; read the expected values with care</strong>' : ' (weak enough)'}.</p>
${scrollTable(
  `<table class="plain">${row(['RFM segment', 'customers', 'bought once', repeatOnly ? 'mean P(alive) of repeat buyers' : 'mean P(alive)', `expected purchases (${model.horizonMonths} months)`, `expected value (${model.horizonMonths} months)`], 'th')}
${result.segments.map((s) => row([s.segment, countText(s.customers), countText(s.oneTimeBuyers), f(repeatOnly ? s.meanPAliveRepeat : s.meanPAlive, 2), money(s.expectedPurchases), money(s.expectedValue)])).join('\n')}</table>`,
  'Value by RFM segment',
)}
<p>${escapeHtml(result.pAliveNote)}.${repeatOnly ? ' The P(alive) column above is therefore the repeat buyers’ mean.' : ''}</p>
${
  holdout
    ? `<p>Holdout check over the ${formatNumber(holdout.length)} ${unit}s after the calibration period: ${money(holdout.actualTotal)} purchases made, ${money(holdout.predictedTotal)} predicted
(${formatNumber((100 * (holdout.predictedTotal - holdout.actualTotal)) / Math.max(holdout.actualTotal, 1))}%); mean absolute error ${f(holdout.meanAbsoluteError, 3)} purchases per customer; correlation ${f(holdout.correlation, 2)}.</p>`
    : '<p>No holdout check: give <code>--calibration-end</code> a date before the log ends to compare predictions with what customers then did.</p>'
}`;
  const charts = [clvSegmentsChart(data), clvAliveChart(data), clvCalibrationChart(data), clvHoldoutChart(data)].filter((c) => c !== null);
  return { title: `Customer value ahead (${purchase.label} and Gamma-Gamma)`, html, charts };
}
