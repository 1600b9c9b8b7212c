import { correlationHeatmap } from '../charts/correlationHeatmap.js';
import { distributionsChart } from '../charts/distributionsChart.js';
import { detectKey } from '../data/detectKey.js';
import { orderLogFromTable } from '../data/orderLogHint.js';
import { selectFeatures } from '../preprocess/selectFeatures.js';
import { cellText, type Table } from '../data/table.js';
import { profileColumns } from '../profile/profileTable.js';
import { distributionOf, orderedCorrelation } from '../report/tableOverview.js';
import { toVega, type ChartLayout } from '../report/vegaAssets.js';

/** Numeric columns drawn in the Data view's correlation heatmap (the first ones of the file). */
const MAX_HEATMAP = 40;

/**
 * What the dashboard's Data view shows: columns with kinds, the detected key, the first 20 rows, the
 * profile, and distribution and correlation charts (compiled Vega for `layout`, from the report's chart builders).
 */
export function dataOverview(table: Table, name: string, layout: ChartLayout = 'wide') {
  const key = detectKey(table);
  // The features a run takes by default (categories and flags are described, not clustered on); none when the
  // file cannot be segmented as it is (the Setup view then says why).
  const defaults = (() => {
    try {
      return new Set(selectFeatures(table, key).columns.map((c) => c.name));
    } catch {
      return new Set<string>();
    }
  })();

  const shown = table.columns.filter((c) => !key.identifierColumns.includes(c.name));
  return {
    name,
    rows: table.rowCount,
    columns: table.columns.map((c) => ({ name: c.name, kind: c.kind, identifier: key.identifierColumns.includes(c.name), feature: defaults.has(c.name) })),
    key: key.column,
    // An order log (one row per order line) is segmented by RFM: the studio offers that mode with these guesses.
    orderLog: orderLogFromTable(table, name)?.columns ?? null,
    keyReason: key.reason,
    preview: Array.from({ length: Math.min(20, table.rowCount) }, (_, i) => table.columns.map((c) => cellText(c, i))),
    // Per column only: the correlations of every pair (m² · n) are not shown here, and 1,000 columns would take minutes.
    profile: profileColumns(table),
    charts: {
      distributions: toVega(
        distributionsChart({
          segments: [],
          distributions: shown
            .filter((c) => c.kind !== 'date')
            .slice(0, 24)
            .map((c) => distributionOf(c)),
        }).spec,
        layout,
      ),
      // At most MAX_HEATMAP numeric columns: a 1,000-column upload must not answer a million-cell chart.
      correlation: toVega(correlationHeatmap({ correlation: orderedCorrelation(shown.filter((c) => c.kind === 'number').slice(0, MAX_HEATMAP)) }).spec, layout),
    },
  };
}
