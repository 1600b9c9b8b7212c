import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText, tableFromRecords } from '../../src/data/table.js';
import { csvText } from '../../src/output/csvText.js';
import { round, roundedText, segmentsCsv } from '../../src/output/segmentsCsv.js';

describe('roundedText', () => {
  it('is String(round(v)) for every double', () => {
    fc.assert(
      fc.property(fc.double(), (v) => roundedText(v) === String(round(v))),
      { numRuns: 20000 },
    );
    const scaled = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -20, max: 20 })).map(([m, e]) => m * 10 ** e);
    fc.assert(
      fc.property(scaled, (v) => roundedText(v) === String(round(v))),
      { numRuns: 20000 },
    );
    for (const v of [0, -0, 1e12, 999999999999.5, 99999999999.95, 1e-6, 9.99999999999995e-7, -1e-7, 0.1 + 0.2, 123456789012, NaN, Infinity])
      expect(roundedText(v)).toBe(String(round(v)));
  });
});

describe('segments.csv', () => {
  it('writes the same text on its fast path as csvText over every cell (guarded and quoted one by one)', () => {
    const table = tableFromRecords([
      { id: 'a,1', x: 1.5, y: null, name: 'say "hi"', n: 3 },
      { id: 'b', x: -0.1 + 0.3, y: 2e-9, name: null, n: 4 },
      { id: 'c', x: NaN, y: 1e21, name: 'plain', n: 5 },
    ]);
    const labels = new Int32Array([1, 0, 1]);
    const distances = new Float64Array([0.1 + 0.2, 1 / 3, 0]);
    const segments = [
      { id: 1, name: 'Low, "x"' },
      { id: 2, name: 'High' },
    ];
    const keys = ['a,1', 'b', 'c'];
    const probabilities = new Float64Array([0.25, 0.75, 1 / 3, 2 / 3, 0, 1]);
    const placed = { percentile: new Float64Array([10, 55.55, 99.9]), unusual: new Uint8Array([0, 0, 1]) };
    for (const [soft, place] of [[], [probabilities], [probabilities, placed], [undefined, placed]] as const) {
      const fast = segmentsCsv(table, 'id', keys, labels, distances, segments, soft, place);
      const header = ['id', 'segment', 'segment_name', 'distance', ...(place ? ['distance_percentile', 'unusual'] : []), 'x', 'y', 'name', 'n'];
      const rows = [0, 1, 2].map((i) => {
        const s = segments[labels[i]!]!;
        return [
          keys[i]!,
          String(s.id),
          s.name,
          roundedText(distances[i]!),
          ...(place ? [place.percentile[i]!.toFixed(1), String(place.unusual[i])] : []),
          ...['x', 'y', 'name', 'n'].map((c) =>
            cellText(
              table.columns.find((x) => x.name === c)!,
              i,
            ),
          ),
          ...(soft ? [roundedText(soft[i * 2]!), roundedText(soft[i * 2 + 1]!)] : []),
        ];
      });
      if (soft) header.push('p_segment_1', 'p_segment_2');
      expect(fast).toBe(csvText(header, rows));
    }
    expect(segmentsCsv(table, 'id', keys, labels, distances, segments)).toBe(
      [
        'id,segment,segment_name,distance,x,y,name,n',
        '"a,1",2,High,0.3,1.5,,"say ""hi""",3',
        'b,1,"Low, ""x""",0.333333333333,0.19999999999999998,2e-9,,4',
        'c,2,High,0,,1e+21,plain,5',
        '',
      ].join('\n'),
    );
  });
});
