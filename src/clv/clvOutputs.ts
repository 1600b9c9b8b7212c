import type { ClvResult } from './clv.js';
import { clvReportSection } from './clvReportSection.js';
import { csvText } from '../output/csvText.js';
import { rfmReportFiles, type ReportChoice } from '../rfm/rfmOutputs.js';
import { roundedText } from '../output/segmentsCsv.js';
import { stableJson } from '../output/stableJson.js';
import { PURCHASE_MODELS } from './purchaseModels.js';

/**
 * clv.csv: per customer the RFM scores and segment (of the calibration period), the models' frequency
 * (repeat purchase days), recency (first to last purchase) and T (first purchase to the calibration end) in
 * the time unit, the average repeat order value, P(alive), expected purchases, average order value and value
 * over the horizon; with a holdout, the purchases made and predicted there.
 */
function clvCsv(result: ClvResult): string {
  const holdout = result.holdout !== null;
  const header = [
    'customer',
    'r_score',
    'f_score',
    'm_score',
    'rfm_segment',
    'frequency',
    'recency',
    'T',
    'average_order_value',
    'p_alive',
    'expected_purchases',
    'expected_average_value',
    'expected_value',
    ...(holdout ? ['holdout_purchases', 'predicted_holdout_purchases'] : []),
  ];
  const num = (v: number): string => (Number.isFinite(v) ? roundedText(v) : '');
  const rows = result.customers.map((c) => [
    c.customer,
    c.rfm ? String(c.rfm.r) : '',
    c.rfm ? String(c.rfm.f) : '',
    c.rfm ? String(c.rfm.m) : '',
    c.rfm?.segment ?? '',
    String(c.x),
    num(c.tx),
    num(c.T),
    num(c.mx),
    num(c.pAlive),
    num(c.expectedPurchases),
    num(c.expectedAverageValue),
    num(c.expectedValue),
    ...(holdout ? [String(c.holdoutPurchases), num(c.predictedHoldout)] : []),
  ]);
  return csvText(header, rows);
}

/**
 * clv_summary.json: periods, cleaning, the purchase model's name and fit under its name (parameters, standard
 * errors, log-likelihood), Gamma-Gamma's, auto's comparison, the calibration fit histogram, the independence
 * check, segment values, the holdout check.
 */
function clvSummaryJson(result: ClvResult): string {
  const h = result.histories;
  return stableJson({
    timeUnit: result.model.timeUnit,
    horizonMonths: result.model.horizonMonths,
    periodDays: result.periodDays,
    discountRate: result.model.discountRate,
    periods: { firstDate: h.firstDate, calibrationEnd: h.calibrationEnd, lastDate: h.lastDate, holdoutLength: h.holdoutLength },
    customers: result.customers.length,
    repeatCustomers: result.customers.filter((c) => c.x > 0).length,
    newInHoldout: h.newInHoldout,
    cleaning: result.rfm.cleaning,
    dateFormat: h.dateFormat,
    purchaseModel: result.purchaseModel,
    purchaseModelLabel: PURCHASE_MODELS[result.purchaseModel].label,
    [result.purchaseModel]: result.purchaseFit ?? { params: result.model[result.purchaseModel], given: true },
    gammaGamma: result.gammaGammaFit ?? { params: result.model.gammaGamma, given: true },
    ...(result.comparison ? { comparison: result.comparison } : {}),
    calibrationFit: result.calibrationFit,
    pAliveNote: result.pAliveNote,
    frequencyValueCorrelation: result.frequencyValueCorrelation,
    segments: result.segments,
    holdout: result.holdout,
    warnings: result.warnings,
  });
}

/** Every file of a customer-value run: clv.csv, clv_summary.json, model.json (the CLV model) and report.html (value section, then RFM; none with 'none'). */
export async function clvRunFiles(
  result: ClvResult,
  seed: number,
  commandLine: string,
  report: ReportChoice = { png: false },
): Promise<Array<{ name: string; content: string | Uint8Array }>> {
  return [
    { name: 'clv.csv', content: clvCsv(result) },
    { name: 'clv_summary.json', content: clvSummaryJson(result) },
    { name: 'model.json', content: JSON.stringify(result.model, null, 2) + '\n' },
    ...(report === 'none' ? [] : await rfmReportFiles(result.rfm, seed, commandLine, report.png, clvReportSection(result))),
  ];
}
