import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kWarnings, type KWarningInput } from '../../src/select/kWarnings.js';
import { MALL, DATA_DIR, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

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
    alternative: null,
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

const candidate = (k: number, votes: number, stability: number, smallestShare: number) => ({ k, votes, stability, smallestShare });

describe('kWarnings(segmentation): what to look at twice about the chosen k', () => {
  it('says nothing about a clear majority inside the range with sizable segments', () => {
    expect(codes({})).toEqual([]);
  });
  it('split-vote: no majority points to the one alternative, or says no other k is worth it (a given k is never warned)', () => {
    const votes = [
      { criterion: 'silhouette', k: 2 },
      { criterion: 'calinski-harabasz', k: 2 },
      { criterion: 'gap', k: 10 },
      { criterion: 'elbow', k: 6 },
      { criterion: 'davies-bouldin', k: 7 },
      { criterion: 'prediction-strength', k: null },
    ] as const;
    const two = [segment(1, 50, 0.5, [1, -1]), segment(2, 50, 0.5, [-1, 1])];
    const choice = { k: 2, votes, elbow: 6, reason: '', rule: '', structure: 'clusters' as const, shortlist: [], alternative: candidate(6, 1, 0.7, 0.1) };
    expect(kWarnings(input({ choice, segments: two }))[0]).toEqual({
      code: 'split-vote',
      message:
        'k = 2 won only 2 of 6 criteria; look at k = 6 too (--k 6: 1 of 6 votes, reproducibility 0.70, smallest segment 10.0%) before acting on 2 segments',
    });
    expect(kWarnings(input({ choice: { ...choice, alternative: null }, segments: two }))[0]!.message).toBe(
      'k = 2 won only 2 of 6 criteria; no other k is worth recommending (each has a segment under 2% or a reproducibility under 0.6)',
    );
    expect(codes({ choice, auto: false, segments: two })).toEqual([]);
    // A majority, but a second camp: two criteria agree on the alternative.
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
      alternative: candidate(6, 2, 0.65, 0.05),
    };
    expect(kWarnings(input({ choice: camp }))[0]!.message).toMatch(
      /^k = 3 won 3 of 5 criteria, but 2 of 5 prefer k = 6; look at k = 6 too \(--k 6: 2 of 5 votes/,
    );
    // A camp on a k that is not worth recommending (a sliver segment, or it does not reproduce) is never pointed to.
    expect(codes({ choice: { ...camp, alternative: null } })).toEqual([]);
  });
  it('no-clear-structure: names the best reproducibility, what stable segments mean, and the advice measured on the file (never a wider range)', () => {
    const shortlist = [candidate(3, 3, 0.55, 0.2), candidate(2, 0, 0.71, 0.4)];
    const choice = { ...input({}).choice, k: 10, structure: 'none' as const, shortlist, alternative: candidate(2, 0, 0.71, 0.4) };
    const stable = [1, 2].map((id) => ({ ...segment(id, 50, 0.5, [0]), stability: { jaccard: 0.9 } }));
    const advice = {
      tried: [{ flags: '--log auto', why: '3 skewed money-like columns on a log scale', k: 3, reproducibility: 0.86 }],
      helps: { flags: '--log auto', why: '3 skewed money-like columns on a log scale', k: 3, reproducibility: 0.86 },
    };
    const [w, ...rest] = kWarnings(input({ choice, segments: stable, advice }));
    expect(w!.code).toBe('no-clear-structure');
    expect(w!.message).toMatch(
      /^no number of segments from 2 to 10 reproduces on fresh halves of the data \(reproducibility at most 0\.71, at k = 2; above 0\.8 is needed\)/,
    );
    expect(w!.message).toContain('Each segment is stable on its own');
    expect(w!.message).toContain(
      'Measured on this file: --log auto (3 skewed money-like columns on a log scale) makes k = 3 reproduce (reproducibility 0.86); try it',
    );
    // k = 10 is the edge of the range, but a wider range does not help data without structure.
    expect(rest.map((x) => x.code)).not.toContain('k-at-range-edge');
    const nothing = kWarnings(input({ choice, advice: { tried: advice.tried.map((t) => ({ ...t, reproducibility: 0.7 })), helps: null } }))[0]!.message;
    expect(nothing).toContain(
      'Measured on this file, --log auto (best reproducibility 0.70) does not make a k reproduce either; the most credible other k is k = 2',
    );
    expect(nothing).not.toContain('stable on its own');
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
      alternative: null,
    });
    expect(codes({ choice: at(10) })).toEqual(['k-at-range-edge']);
    expect(codes({ choice: at(10), kMaxRequested: 12 })).toEqual([]);
    expect(codes({ choice: at(4), kMin: 4 })).toEqual(['k-at-range-edge']);
  });
  it('tiny-segment: under 5 customers or under 1%; fewer segments only when the alternative is smaller', () => {
    const tiny = [segment(1, 500, 0.991, [0.1]), segment(2, 4, 0.008, [2])];
    expect(codes({ segments: tiny })).toEqual(['tiny-segment']);
    const choice = { ...input({}).choice, alternative: candidate(2, 0, 0.9, 0.3) };
    expect(kWarnings(input({ choice, segments: tiny }))[0]!.message).toMatch(/look at outliers, or choose fewer segments \(--k 2\)$/);
  });
  it('size-only-split: k = 2 with one segment above average on at least 80% of 3+ features, naming the alternative', () => {
    const choice = {
      k: 2,
      votes: [{ criterion: 'silhouette' as const, k: 2 }],
      elbow: null,
      reason: '',
      rule: '',
      structure: 'clusters' as const,
      shortlist: [],
      alternative: candidate(5, 0, 0.82, 0.1),
    };
    expect(kWarnings(input({ choice, segments: [segment(1, 60, 0.6, [-0.5, -0.4, -0.6, 0.05]), segment(2, 40, 0.4, [0.7, 0.6, 0.9, 0])] }))).toEqual([
      {
        code: 'size-only-split',
        message:
          'k = 2 separates customers mostly by overall size: segment 2 is above average on 3 of 3 features; look at k = 5 (--k 5: 0 of 1 votes, reproducibility 0.82, smallest segment 10.0%)',
      },
    ]);
    expect(codes({ choice, segments: [segment(1, 60, 0.6, [-0.5, 0.4, -0.6]), segment(2, 40, 0.4, [0.7, -0.6, 0.9])] })).toEqual([]);
  });
});

describe('segmenta run names what to look at twice, in summary.json, the table and the report', () => {
  const run = async (file: string, ...args: string[]) => {
    const out = join(tempDir(), 'out');
    const r = await runCli(['run', file, '--out', out, '--stability', 'off', ...args]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      k: { chosen: number; structure: string; warnings: Array<{ code: string }>; alternative: { k: number } | null; shortlist: Array<{ k: number }> };
    };
    return { stdout: r.stdout, codes: summary.k.warnings.map((w) => w.code), k: summary.k, report: readFileSync(join(out, 'report.html'), 'utf8') };
  };
  it('wholesale: the warnings, the one alternative and the shortlist in the terminal, summary.json and the report', async () => {
    const r = await run(join(DATA_DIR, 'wholesale_customers.csv'));
    expect(r.codes).toEqual(expect.arrayContaining(['no-clear-structure', 'split-vote']));
    expect(r.stdout).toMatch(/warning \(split-vote\): k = \d+ won only \d of 6 criteria; look at k = 2 too \(--k 2: /);
    expect(r.stdout).toMatch(/Also worth a look: k = 2 \(\d of 6 votes, reproducibility 0\.\d\d, smallest segment [\d.]+%\): --k 2\./);
    expect(r.k.alternative!.k).toBe(2);
    expect(r.k.shortlist[0]!.k).toBe(r.k.chosen);
    expect(r.report).toMatch(/<li data-code="split-vote"><strong>Look twice:<\/strong> k = \d+ won/);
    expect(r.report).toMatch(/<table class="plain shortlist" id="k-shortlist"><caption>k worth a look, ranked by votes and reproducibility/);
    expect(r.report).toContain('<td>2 (the alternative)</td>');
  }, 120_000);
  it('Mall income and spending: k = 5 with nothing to warn about', async () => {
    const mall = await run(MALL, '--features', 'Annual Income (k$),Spending Score (1-100)');
    expect(mall.codes).toEqual([]);
    expect(mall.k.structure).toBe('clusters');
    expect(mall.report).not.toMatch(/id="k-warnings"/);
  });
});
