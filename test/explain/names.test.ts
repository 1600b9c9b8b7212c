import { describe, expect, it } from 'vitest';
import { columnLabel, readableLabel } from '../../src/explain/columnLabels.js';
import { describeSegment } from '../../src/explain/describeSegment.js';
import { nameSegments } from '../../src/explain/nameSegments.js';
import { profileSegments, type ProfiledColumn } from '../../src/explain/profileSegments.js';
import { bandOf, ratioStrength, ratioWords, shareWord, WORDING_THRESHOLDS } from '../../src/explain/wording.js';
import type { Column } from '../../src/data/table.js';

const num = (name: string, values: number[]): Column => ({ name, kind: 'number', values: Float64Array.from(values), integer: values.every(Number.isInteger) });
const text = (name: string, values: string[]): Column => ({ name, kind: 'string', values });

/**
 * Eight customers in two segments of four, built so every figure can be worked out by hand:
 * - Age 30/32/34/36 vs 40/42/44/46: means 33 and 43, overall 38, population sd √30 = 5.48 → ∓0.91 sd ("low"/"high");
 * - Spend ($) 10/20/30/40 vs 10/20/30/740: skewed, so by ratio: means 25 and 200, overall 112.5 →
 *   0.22 (4.5× less: "very low") and 1.78 ("high", 1.8× the average);
 * - Newsletter 1/1/1/1 vs 0/0/0/1 (a 0/1 flag): 100% and 25% vs 62.5% (∓0.77 sd): "all", "fewer";
 * - Gender F/F/F/M vs M/M/M/F: 75% female and 75% male vs 50% (+0.5 sd): "more".
 */
function twoSegments(labels?: Parameters<typeof columnLabel>[1]) {
  const columns: Column[] = [
    num('Age', [30, 32, 34, 36, 40, 42, 44, 46]),
    num('Spend ($)', [10, 20, 30, 40, 10, 20, 30, 740]),
    num('Newsletter', [1, 1, 1, 1, 0, 0, 0, 1]),
    text('Gender', ['Female', 'Female', 'Female', 'Male', 'Male', 'Male', 'Male', 'Female']),
  ];
  const roles = ['number', 'number', 'flag', 'category'] as const;
  const profiled: ProfiledColumn[] = columns.map((column, j) => ({ column, role: roles[j]!, feature: true, label: columnLabel(column.name, labels) }));
  return profileSegments(profiled, Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]), 2);
}

describe('readable labels (docs/how-it-works.md, "Readable labels")', () => {
  it('split camelCase and underscores, sentence case, units from brackets', () => {
    expect(readableLabel('Annual Income (k$)')).toEqual({ label: 'Annual income', unit: 'k$' });
    expect(readableLabel('Spending Score (1-100)')).toEqual({ label: 'Spending score' });
    expect(readableLabel('MntWines')).toEqual({ label: 'Mnt wines' });
    expect(readableLabel('PURCHASES_TRX')).toEqual({ label: 'Purchases trx' });
    expect(readableLabel('NumWebVisitsMonth')).toEqual({ label: 'Num web visits month' });
    expect(readableLabel('AcceptedCmp5')).toEqual({ label: 'Accepted cmp5' });
  });
  it('labels.json overrides the label, and may add a unit, a direction and level names', () => {
    expect(columnLabel('MntWines', { MntWines: 'Wine spend' })).toEqual({ label: 'Wine spend' });
    expect(columnLabel('Channel', { Channel: { levels: { '1': 'Horeca', '2': 'Retail' } } })).toEqual({
      label: 'Channel',
      levels: { '1': 'Horeca', '2': 'Retail' },
    });
    expect(columnLabel('Annual Income (k$)', { 'Annual Income (k$)': { better: 'higher' } })).toEqual({ label: 'Annual income', unit: 'k$', better: 'higher' });
  });
});

describe('wording thresholds (docs/how-it-works.md, "Wording of segments")', () => {
  it('bands on the standardized scale: none < 0.25 ≤ slight < 0.5 ≤ plain < 1.5 ≤ very', () => {
    expect([0.24, 0.25, 0.49, 0.5, 1.49, 1.5, -2].map(bandOf)).toEqual(['none', 'slight', 'slight', 'plain', 'plain', 'very', 'very']);
  });
  it('ratios map onto the same bands: 1.25× slight, 1.5× plain, 3× very — never "slightly" from 1.5×', () => {
    expect(bandOf(ratioStrength(1.2))).toBe('none');
    expect(bandOf(ratioStrength(1.3))).toBe('slight');
    expect(bandOf(ratioStrength(1 / 1.3))).toBe('slight');
    for (const f of [1.5, 2, 2.9]) expect([bandOf(ratioStrength(f)), bandOf(ratioStrength(1 / f))]).toEqual(['plain', 'plain']);
    for (const f of [3, 3.6, 10]) expect(bandOf(ratioStrength(1 / f))).toBe('very');
    expect(ratioStrength(1.5)).toBeCloseTo(WORDING_THRESHOLDS.standardized.plain, 12);
    expect(ratioStrength(1 / 3)).toBeCloseTo(-WORDING_THRESHOLDS.standardized.very, 12);
    expect(ratioWords(798.8 / 2881)).toBe('3.6× less than average');
    expect(ratioWords(17005 / 7951)).toBe('2.1× the average');
  });
  it('"all" only at 100%, "mostly" from 80%', () => {
    expect([1, 0.9286, 0.8, 0.79].map(shareWord)).toEqual(['all', 'mostly', 'mostly', 'more']);
  });
});

describe('names and descriptions, worked out by hand', () => {
  it('describe skewed money by ratio, symmetric columns in means, flags and levels as shares', () => {
    const [a, b] = twoSegments({ Newsletter: 'on the newsletter' });
    expect(a!.numeric[1]).toMatchObject({ scale: 'ratio', mean: 25, populationMean: 112.5 });
    expect(a!.numeric[0]).toMatchObject({ scale: 'standardized', mean: 33, populationMean: 38 });
    expect(describeSegment(a!)).toBe(
      '4 customers (50%) with very low spend (mean $25 vs $112.5 overall, 4.5× less than average), low age (mean 33 vs 38 overall) and all on the newsletter (100% vs 63% overall).',
    );
    expect(describeSegment(b!)).toBe(
      '4 customers (50%) with high age (mean 43 vs 38 overall), fewer on the newsletter (25% vs 63% overall) and high spend (mean $200 vs $112.5 overall, 1.8× the average).',
    );
    expect(nameSegments([a!, b!])).toEqual(['Low age · Very low spend', 'High age · Fewer on the newsletter']);
  });
  it('leaves differences below "slight" out, and names an average segment "Average profile"', () => {
    const columns = [num('Age', [30, 40, 30, 40, 31, 39, 30, 40])];
    const [a] = profileSegments(columns, Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]), 2);
    expect(Math.abs(a!.numeric[0]!.difference)).toBeLessThan(0.25);
    expect(describeSegment(a!)).toBe('4 customers (50%) close to the average on every feature.');
    expect(nameSegments([a!])).toEqual(['Average profile']);
  });
  it('names a code by its label and level (never as a yes/no), or by the name labels.json gives the level', () => {
    const channel = num('Channel', [1, 1, 1, 1, 2, 2, 2, 1]);
    const profiled = (labels?: Parameters<typeof columnLabel>[1]): ProfiledColumn[] => [
      { column: channel, role: 'code', feature: true, label: columnLabel('Channel', labels) },
    ];
    const labels = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
    // Channel 1: 100% vs 62.5% in segment 1; channel 2: 75% vs 37.5% in segment 2.
    expect(nameSegments(profileSegments(profiled(), labels, 2))).toEqual(['All channel 1', 'More channel 2']);
    const named = profileSegments(profiled({ Channel: { levels: { '1': 'Horeca', '2': 'Retail' } } }), labels, 2);
    expect(nameSegments(named)).toEqual(['All horeca', 'More retail']);
    expect(describeSegment(named[1]!)).toBe('4 customers (50%) with more retail (75% Retail vs 38% overall).');
  });

  it('keeps names unique by adding the next distinction', () => {
    const [a, b] = twoSegments();
    const twin = { ...b!, numeric: a!.numeric.map((c, j) => (j === 2 ? { ...c, strength: -c.strength, mean: 0 } : c)) };
    const names = nameSegments([a!, twin]);
    expect(names[0]).not.toBe(names[1]);
    expect(names[0]).toBe('Low age · Very low spend · All newsletter');
  });
  it('columns that were not features are described apart, clearly labelled, and never name a segment', () => {
    const [age, spend] = [num('Age', [20, 22, 24, 26, 50, 52, 54, 56]), num('Spend', [10, 11, 12, 13, 30, 31, 32, 33])];
    const profiled: ProfiledColumn[] = [
      { column: spend, role: 'number', feature: true },
      { column: age, role: 'number', feature: false },
    ];
    // Age: means 23 vs 38, population sd √230 = 15.2 → −0.99 sd; Spend: 11.5 vs 21.5, sd √101.25 → −0.99 sd.
    const [young] = profileSegments(profiled, Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]), 2);
    expect(young!.numeric.map((c) => c.feature)).toEqual(['Spend']);
    expect(young!.context.numeric[0]).toMatchObject({ feature: 'Age', mean: 23, median: 23, q1: 21.5, q3: 24.5 });
    expect(describeSegment(young!)).toMatch(/ Not used to form the segments: low age \(mean 23 vs 38 overall; middle half 21\.5–24\.5\)\.$/);
    expect(nameSegments([young!])).toEqual(['Low spend']);
  });
});
