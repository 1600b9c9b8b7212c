import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/data/readTable.js';
import { segment, type Segmentation } from '../../src/pipeline/segment.js';
import { MALL, DATA_DIR } from '../helpers.js';

/** Every distinction a run shows (cards, descriptions), with the contrast behind it. */
function shown(result: Segmentation) {
  return result.segments.flatMap((s) =>
    s.distinguishing.map((d) => ({
      segment: s,
      d,
      numeric: s.numeric.find((c) => c.feature === d.feature && d.level === undefined),
      level: s.levels.find((l) => l.feature === d.feature && l.level === d.level),
    })),
  );
}

describe('segments described in business terms, on the shared real files (no flags)', () => {
  it('wholesale: Channel and Region are codes (categories), described by level and never "high/low channel"; clustered on with --categories features', async () => {
    const table = await readTable(join(DATA_DIR, 'wholesale_customers.csv'));
    const described = segment(table, { stability: 'off' });
    expect(described.preprocessing.context.map((c) => c.column)).toEqual(['Channel', 'Region']);
    expect(described.segments.some((s) => /mostly channel \d \(\d+% Channel \d vs \d+% overall\)/.test(s.description))).toBe(true);
    const result = segment(table, { stability: 'off', categories: 'features' });
    const roles = Object.fromEntries(result.columns.map((c) => [c.column, c.role]));
    expect(roles).toMatchObject({ Channel: 'code', Region: 'code', Fresh: 'number', Milk: 'number' });
    expect(result.pipeline.steps.filter((s) => s.kind === 'category').map((s) => s.column)).toEqual(['Channel', 'Region']);
    for (const s of [...result.segments, ...described.segments]) {
      expect(s.name).not.toMatch(/(high|low) (channel|region)/i);
      expect(s.description).not.toMatch(/(high|low) (channel|region)/i);
    }
    // Money columns are compared by ratio: no "slightly" for a gap of 1.5× or more.
    const ratios = shown(result).filter((x) => x.numeric?.ratio != null);
    expect(ratios.length).toBeGreaterThan(0);
    for (const x of ratios) if (Math.max(x.numeric!.ratio!, 1 / x.numeric!.ratio!) >= 1.5) expect(x.d.phrase).not.toMatch(/^slightly/);
  });

  it('marketing_campaign: flags as shares, no "slightly" for 1.5× or more; --categorical / --numeric override the rule', async () => {
    const table = await readTable(join(DATA_DIR, 'marketing_campaign.csv'));
    const result = segment(table, { stability: 'off', k: 4, categories: 'features' });
    const roles = Object.fromEntries(result.columns.map((c) => [c.column, c.role]));
    for (const f of ['AcceptedCmp1', 'AcceptedCmp2', 'AcceptedCmp3', 'AcceptedCmp4', 'AcceptedCmp5', 'Complain', 'Response']) expect(roles[f]).toBe('flag');
    expect(roles).toMatchObject({ Kidhome: 'number', Income: 'number', Education: 'category', Dt_Customer: 'date' });
    const all = shown(result);
    for (const x of all) {
      if (x.numeric?.ratio != null && Math.max(x.numeric.ratio, 1 / x.numeric.ratio) >= 1.5) expect(x.d.phrase).not.toMatch(/^slightly/);
      if (x.numeric?.role === 'flag') expect(x.d.detail).toMatch(/^\d+(\.\d)?% vs \d+(\.\d)?% overall$/);
    }
    expect(all.some((x) => x.numeric?.role === 'flag')).toBe(true);
    for (const s of result.segments) expect(s.description).not.toMatch(/accepted cmp\d \(mean/i);
    const overridden = segment(table, {
      stability: 'off',
      k: 2,
      categorical: ['Kidhome'],
      numeric: ['AcceptedCmp1'],
      features: ['Kidhome', 'AcceptedCmp1', 'Income'],
    });
    expect(Object.fromEntries(overridden.columns.map((c) => [c.column, c.reason]))).toMatchObject({
      Kidhome: 'named in --categorical',
      AcceptedCmp1: 'named in --numeric',
    });
    expect(overridden.pipeline.steps.map((s) => s.kind)).toEqual(['category', 'number', 'number']);
    expect(() => segment(table, { categorical: ['Kidhom'] })).toThrow('--categorical column "Kidhom" is not in');
    expect(() => segment(table, { categorical: ['Kidhome'], numeric: ['Kidhome'] })).toThrow('named in both --categorical and --numeric');
  });

  it('Mall, all columns clustered on (--categories features): "all female" only when every customer of the segment is female', async () => {
    const result = segment(await readTable(MALL), { stability: 'off', categories: 'features' });
    for (const x of shown(result)) {
      if (x.d.phrase.startsWith('all ')) expect(x.level?.share ?? x.numeric?.mean).toBe(1);
      if (x.d.phrase.startsWith('mostly ')) expect(x.level?.share ?? x.numeric?.mean).toBeGreaterThanOrEqual(0.8);
    }
    // The 92.86% female segment of the issue is "mostly", not "all".
    expect(shown(result).some((x) => x.level && x.level.share < 1 && x.level.share >= 0.9 && x.d.phrase.startsWith('mostly'))).toBe(true);
  });

  it('Mall, income + spending: every segment has the age profile (mean, median, quartiles), apart from the features', async () => {
    const result = segment(await readTable(MALL), { stability: 'off', features: ['Annual Income (k$)', 'Spending Score (1-100)'] });
    for (const s of result.segments) {
      expect(s.numeric.map((c) => c.feature)).toEqual(['Annual Income (k$)', 'Spending Score (1-100)']);
      const age = s.context.numeric.find((c) => c.feature === 'Age')!;
      expect(age.q1).toBeLessThanOrEqual(age.median);
      expect(age.median).toBeLessThanOrEqual(age.q3);
      expect(age.populationMean).toBeCloseTo(38.85, 10);
      expect(s.context.levels.map((l) => l.level).sort()).toEqual(['Female', 'Male']);
      expect(s.name).not.toMatch(/\bage\b|female|\bmale/i);
    }
    // Features keep the order they were asked in, the pipeline's (the 2D chart pairs centres with them).
    const reversed = segment(await readTable(MALL), { stability: 'off', features: ['Spending Score (1-100)', 'Annual Income (k$)'] });
    expect(reversed.segments[0]!.numeric.map((c) => c.feature)).toEqual(reversed.pipeline.steps.map((s) => s.column));
    expect(reversed.segments[0]!.numeric.map((c) => c.feature)).toEqual(['Spending Score (1-100)', 'Annual Income (k$)']);
    // The young big spenders: their age is described, clearly apart from the clustering traits.
    const young = result.segments.find((s) => s.name === 'Low annual income · High spending score')!;
    expect(young.description).toMatch(/Not used to form the segments: low age \(mean 25\.27 vs 38\.85 overall; middle half 21\.25–29\.75\)/);
  });
});
