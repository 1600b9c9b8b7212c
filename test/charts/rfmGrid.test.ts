import { describe, expect, it } from 'vitest';
import { chartDataTable } from '../../src/charts/chartDataTable.js';
import { rfmGridChart } from '../../src/charts/rfmCharts.js';

describe('rfmGridChart', () => {
  it('colours on a stated log scale that survives a dominant cell, with white text only on the darkest cells', () => {
    // One cell of 3.9M beside cells of thousands, as in the Online Retail grid.
    const grid = [1, 2].flatMap((r) => [1, 2].map((f) => ({ r, f, customers: 10 * r * f, revenue: r === 2 && f === 2 ? 3_900_000 : 1_000 * r * f })));
    const chart = rfmGridChart({ bins: 2, distributions: [], grid, segments: [] });
    const spec = chart.spec as any;
    const revenue = spec.hconcat[1];
    expect(revenue.layer[0].encoding.color.scale.type).toBe('symlog');
    expect(revenue.layer[0].encoding.color.title).toMatch(/log scale/);
    expect(spec.title.subtitle).toMatch(/log scale/);
    const ink = Object.fromEntries(revenue.data.values.map((c: any) => [`${c.r}${c.f}`, c.inkRevenue]));
    expect(ink).toEqual({ '11': 'black', '12': 'black', '21': 'black', '22': 'white' });
    // The "show the data" table holds what is drawn, not the text colours ("inkCustomers: white" told a reader nothing).
    expect(chartDataTable(chart)!.header).toEqual(['Recency (2 = latest)', 'Frequency (1 = fewest)', 'Customers (log scale)', 'Net revenue (log scale)']);
  });
});
