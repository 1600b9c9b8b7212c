import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kWarnings, type KWarningInput } from '../../src/select/kWarnings.js';
import { cli, MALL, SHARED, tempDir } from '../helpers.js';

const segment = (id: number, size: number, share: number, differences: number[]) => ({
  id,
  size,
  share,
  numeric: differences.map((difference, j) => ({ feature: `f${j}`, difference })),
});
const input = (over: Partial<KWarningInput>): KWarningInput => ({
  choice: {
    k: 3,
    votes: [
      { criterion: 'silhouette', k: 3 },
      { criterion: 'calinski-harabasz', k: 3 },
      { criterion: 'gap', k: 5 },
    ],
    elbow: null,
    reason: '',
    rule: '',
    structure: 'clusters' as const,
    shortlist: [],
  },
  auto: true,
  kMin: 2,
  kMax: 10,
  kMaxRequested: 10,
  byBic: false,
  segments: [segment(1, 50, 0.5, [1, -1]), segment(2, 30, 0.3, [-1, 1]), segment(3, 20, 0.2, [0, 0])],
  ...over,
});
const codes = (over: Partial<KWarningInput>): string[] => kWarnings(input(over)).map((w) => w.code);

describe('kWarnings(segmentation): what to look at twice about the chosen k', () => {
  it('says nothing about a clear majority inside the range with sizable segments', () => {
    expect(codes({})).toEqual([]);
  });
  it('split-vote: the winner has no majority of the criteria (a given k is never warned)', () => {
    const votes = [
      { criterion: 'silhouette', k: 2 },
      { criterion: 'calinski-harabasz', k: 2 },
      { criterion: 'gap', k: 10 },
      { criterion: 'elbow', k: 6 },
      { criterion: 'davies-bouldin', k: 7 },
    ] as const;
    const choice = { k: 2, votes, elbow: 6, reason: '', rule: '', structure: 'clusters' as const, shortlist: [] };
    expect(kWarnings(input({ choice, segments: [segment(1, 50, 0.5, [1, -1]), segment(2, 50, 0.5, [-1, 1])] }))[0]).toEqual({
      code: 'split-vote',
      message: expect.stringMatching(/^k = 2 won only 2 of 5 criteria \(the others preferred k = 6, 7, 10\)/),
    });
    expect(codes({ choice, auto: false, segments: [segment(1, 50, 0.5, [1, -1]), segment(2, 50, 0.5, [-1, 1])] })).toEqual([]);
    // A majority, but a second camp: two criteria agree on another k.
    const camp = {
      ...choice,
      k: 3,
      votes: [
        { criterion: 'silhouette', k: 3 },
        { criterion: 'calinski-harabasz', k: 3 },
        { criterion: 'gap', k: 3 },
        { criterion: 'elbow', k: 6 },
        { criterion: 'davies-bouldin', k: 6 },
      ] as const,
    };
    expect(kWarnings(input({ choice: camp }))[0]).toEqual({
      code: 'split-vote',
      message: expect.stringMatching(/^k = 3 won 3 of 5 criteria, but 2 prefer k = 6; look at k = 6 too \(--k 6\)/),
    });
    const lone = { ...camp, votes: [...camp.votes.slice(0, 4), { criterion: 'davies-bouldin', k: 7 }] as const };
    expect(codes({ choice: lone })).toEqual([]);
  });
  it('no-clear-structure: no k reproduces (prediction strength ≤ 0.8 everywhere); names the best and the need', () => {
    const shortlist = [
      { k: 3, votes: 3, stability: 0.55, smallestShare: 0.2 },
      { k: 2, votes: 0, stability: 0.71, smallestShare: 0.4 },
    ];
    const choice = { ...input({}).choice, structure: 'none' as const, shortlist };
    expect(kWarnings(input({ choice }))).toEqual([
      {
        code: 'no-clear-structure',
        message: expect.stringMatching(
          /^no number of segments from 2 to 10 reproduces on fresh halves of the data \(prediction strength at most 0\.71, at k = 2; 0\.8 is needed\)/,
        ),
      },
    ]);
  });
  it('k-at-range-edge: the largest k tried (not when the data allow no more), or the smallest above 2', () => {
    const at = (k: number) => ({
      k,
      votes: [{ criterion: 'silhouette' as const, k }],
      elbow: null,
      reason: '',
      rule: '',
      structure: 'clusters' as const,
      shortlist: [],
    });
    expect(codes({ choice: at(10) })).toEqual(['k-at-range-edge']);
    expect(codes({ choice: at(10), kMaxRequested: 12 })).toEqual([]);
    expect(codes({ choice: at(4), kMin: 4 })).toEqual(['k-at-range-edge']);
  });
  it('tiny-segment: under 5 customers or under 1%', () => {
    expect(codes({ segments: [segment(1, 500, 0.991, [0.1]), segment(2, 4, 0.008, [2])] })).toEqual(['tiny-segment']);
  });
  it('size-only-split: k = 2 with one segment above average on at least 80% of 3+ features', () => {
    const shortlist = [
      { k: 2, votes: 1, stability: 0.9, smallestShare: 0.4 },
      { k: 3, votes: 0, stability: 0.6, smallestShare: 0.2 },
      { k: 5, votes: 0, stability: 0.82, smallestShare: 0.1 },
    ];
    const choice = { k: 2, votes: [{ criterion: 'silhouette' as const, k: 2 }], elbow: null, reason: '', rule: '', structure: 'clusters' as const, shortlist };
    expect(kWarnings(input({ choice, segments: [segment(1, 60, 0.6, [-0.5, -0.4, -0.6, 0.05]), segment(2, 40, 0.4, [0.7, 0.6, 0.9, 0])] }))).toEqual([
      {
        code: 'size-only-split',
        message: expect.stringMatching(
          /^k = 2 separates customers mostly by overall size: segment 2 is above average on 3 of 3 features; k = 5 is the most stable k ≥ 3 \(prediction strength 0\.82\): --k 5$/,
        ),
      },
    ]);
    expect(codes({ choice, segments: [segment(1, 60, 0.6, [-0.5, 0.4, -0.6]), segment(2, 40, 0.4, [0.7, -0.6, 0.9])] })).toEqual([]);
  });
});

describe('segmenta run names what to look at twice, in summary.json, the table and the report', () => {
  const run = (file: string, ...args: string[]) => {
    const out = join(tempDir(), 'out');
    const r = cli(['run', file, '--out', out, '--stability', 'off', ...args]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      k: {
        chosen: number;
        structure: string;
        warnings: Array<{ code: string }>;
        shortlist: Array<{ k: number; votes: number; stability: number; smallestShare: number }>;
      };
    };
    return { stdout: r.stdout, codes: summary.k.warnings.map((w) => w.code), k: summary.k, report: readFileSync(join(out, 'report.html'), 'utf8') };
  };
  it('wholesale, marketing_campaign, cc_general: the split vote is named and the shortlist shown; Mall with every column: the edge of the range, no clear structure', () => {
    for (const file of ['wholesale_customers.csv', 'marketing_campaign.csv', 'cc_general.csv']) {
      const r = run(join(SHARED, file));
      expect(r.codes, file).toContain('split-vote');
      expect(r.stdout, file).toMatch(/warning \(split-vote\): k = 2 won (only )?\d of \d criteria/);
      expect(r.report, file).toMatch(/<li data-code="split-vote"><strong>Look twice:<\/strong> k = 2 won/);
      // The shortlist: the chosen k first, then alternatives, each with votes, stability and smallest segment.
      expect(r.k.shortlist[0]!.k, file).toBe(r.k.chosen);
      expect(r.k.shortlist.length, file).toBeGreaterThanOrEqual(3);
      for (const c of r.k.shortlist) expect(c.stability >= 0 && c.stability <= 1 && c.smallestShare > 0 && c.smallestShare <= 0.5, file).toBe(true);
      expect(r.stdout, file).toMatch(/Other k worth a look: k = \d+ \(\d of \d votes, stability 0\.\d\d, smallest segment [\d.]+%\)/);
      expect(r.report, file).toMatch(/<table class="plain shortlist" id="k-shortlist">/);
    }
    expect(run(join(SHARED, 'marketing_campaign.csv')).codes).toContain('size-only-split');
    const mall = run(MALL);
    expect(mall.codes).toEqual(expect.arrayContaining(['k-at-range-edge', 'no-clear-structure']));
    expect(mall.k.structure).toBe('none');
  }, 240_000);
  it('Mall income and spending: k = 5 with nothing to warn about', () => {
    const mall = run(MALL, '--features', 'Annual Income (k$),Spending Score (1-100)');
    expect(mall.codes).toEqual([]);
    expect(mall.k.structure).toBe('clusters');
    expect(mall.report).not.toMatch(/id="k-warnings"/);
  });
});
