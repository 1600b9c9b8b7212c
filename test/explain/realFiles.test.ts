import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/data/readTable.js';
import { orderLogFromTable } from '../../src/data/orderLogHint.js';
import type { Table } from '../../src/data/table.js';
import { largestDifference } from '../../src/explain/describeSegment.js';
import { familyOf } from '../../src/explain/featureFamilies.js';
import { nameTerms } from '../../src/explain/nameSegments.js';
import { ACTION_RULES } from '../../src/explain/suggestAction.js';
import { featureRole } from '../../src/explain/featureRole.js';
import { segment, type Segmentation } from '../../src/pipeline/segment.js';
import { RECOMMENDABLE } from '../../src/select/chooseK.js';
import { readableSummary } from '../../src/cli/summaryText.js';
import { DATA_DIR } from '../helpers.js';

/** The customer files of data/ and what `segmenta run FILE` (no flags) makes of them, computed once. */
const CUSTOMER_FILES = ['mall_customers.csv', 'marketing_campaign.csv', 'cc_general.csv', 'wholesale_customers.csv', 'iris.csv', 'wine.csv'];
const runs = new Map<string, { table: Table; result: Segmentation; text: string }>();

beforeAll(async () => {
  for (const file of CUSTOMER_FILES) {
    const table = await readTable(join(DATA_DIR, file));
    const result = segment(table, { stability: 'off' });
    runs.set(file, { table, result, text: readableSummary(result, table, []) });
  }
}, 300_000);

const run = (file: string) => runs.get(file)!;

describe('the answer with no flags on the shared files (issue 29, docs/real-files.md)', () => {
  it('Mall: k between 4 and 6, no segment named or told apart by Gender, Gender described on every segment', () => {
    const { result } = run('mall_customers.csv');
    expect(result.k).toBeGreaterThanOrEqual(4);
    expect(result.k).toBeLessThanOrEqual(6);
    expect(result.preprocessing.context.map((c) => c.column)).toEqual(['Gender']);
    for (const s of result.segments) {
      expect(s.name).not.toMatch(/male|female|gender/i);
      expect(s.distinguishing.map((d) => d.feature)).not.toContain('Gender');
      expect(s.context.levels.filter((l) => l.feature === 'Gender').map((l) => l.level)).toEqual(['Female', 'Male']);
    }
  });

  it('cc_general, marketing_campaign, wholesale: every description holds its largest standardized difference; no name uses two columns of one family', () => {
    for (const file of ['cc_general.csv', 'marketing_campaign.csv', 'wholesale_customers.csv']) {
      const { result } = run(file);
      expect(result.families.groups.length, file).toBeGreaterThan(0);
      const terms = nameTerms(result.segments, result.families);
      result.segments.forEach((s, j) => {
        const largest = largestDifference(s)!;
        expect(s.description, `${file} segment ${s.id}`).toContain(largest.phrase);
        expect(terms[j]!.name).toBe(s.name);
        const families = terms[j]!.terms.map((t) => familyOf(result.families, t.feature));
        expect(new Set(families).size, `${file}: ${s.name}`).toBe(families.length);
      });
    }
  });

  it('the suggested action never reads as the opposite of the name (cc_general: "Low cash advance frequency" never gets "frequency high" alone)', () => {
    for (const file of CUSTOMER_FILES) {
      const { result } = run(file);
      const terms = nameTerms(result.segments, result.families);
      result.segments.forEach((s, j) => {
        const rule = ACTION_RULES.find((r) => s.suggestion.rule.startsWith(`Rule: ${r.when}`))!;
        for (const c of rule.conditions) {
          const said = terms[j]!.terms.filter((t) => featureRole(t.feature) === c.role);
          if (said.length)
            expect(
              said.some((t) => t.strength > 0 === c.high),
              `${file} ${s.name}: ${s.suggestion.rule}`,
            ).toBe(true);
        }
      });
    }
  });

  it('no warning points to a k with a segment under 2% or reproducibility under 0.6; one alternative at most, the same everywhere; one vote count per k', () => {
    for (const file of CUSTOMER_FILES) {
      const { result, text } = run(file);
      const alt = result.choice.alternative;
      if (alt) {
        expect(alt.smallestShare).toBeGreaterThanOrEqual(RECOMMENDABLE.smallestShare);
        expect(alt.stability).toBeGreaterThanOrEqual(RECOMMENDABLE.reproducibility);
      }
      const pointed = new Set([...text.matchAll(/--k (\d+)/g)].map((m) => Number(m[1])));
      expect([...pointed].length, file).toBeLessThanOrEqual(1);
      if (pointed.size) expect([...pointed][0], file).toBe(alt?.k);
      for (const w of result.kWarnings) expect(w.message, file).not.toMatch(/wider range/);
      const criteria = result.choice.votes.length;
      const counts = [...text.matchAll(/(\d+) of (\d+) (criteria|votes)/g)];
      expect(counts.length).toBeGreaterThan(0);
      for (const m of counts) expect(Number(m[2]), `${file}: ${m[0]}`).toBe(criteria);
      const votesFor = (k: number) => result.choice.votes.filter((v) => v.k === k).length;
      expect(result.choice.reason).toContain(`${votesFor(result.k)} of ${criteria}`);
      if (alt) expect(text).toContain(`k = ${alt.k} (${votesFor(alt.k)} of ${criteria} votes`);
    }
  });

  it('no clear structure: the advice is measured on the file (--log auto makes a k reproduce on wholesale and cc_general)', () => {
    for (const file of ['wholesale_customers.csv', 'cc_general.csv']) {
      const w = run(file).result.kWarnings.find((x) => x.code === 'no-clear-structure')!;
      expect(w.message, file).toMatch(
        /Measured on this file: --log auto \(\d+ skewed money-like columns? on a log scale\) makes k = \d+ reproduce \(reproducibility 0\.(8[1-9]|9\d)\)/,
      );
    }
  });

  it('iris and wine, read without a header: the class column is described, not clustered on, and the summary says there was no header', () => {
    for (const [file, label] of [
      ['iris.csv', 'column4'],
      ['wine.csv', 'column00'],
    ] as const) {
      const { result, table, text } = run(file);
      expect(table.source?.header).toBe(false);
      expect(result.preprocessing.features).not.toContain(label);
      expect(result.preprocessing.context.map((c) => c.column)).toEqual([label]);
      expect(text).toContain('the file has no header row');
      for (const s of result.segments) expect(s.name).not.toContain(label);
    }
    expect(run('wine.csv').result.k).toBe(3);
  });

  it('order logs in any shape: CDNOW (no header, space-aligned, yyyymmdd numbers) and Online Retail (named columns) are recognised with their rfm and clv commands', async () => {
    const cdnow = await readTable(join(DATA_DIR, 'cdnow_sample.txt'));
    expect(cdnow.columns.map((c) => c.kind)).toEqual(['string', 'string', 'date', 'number', 'number']);
    const log = orderLogFromTable(cdnow, 'cdnow_sample.txt')!;
    expect(log.columns).toEqual({ customer: 'column0', date: 'column2', amount: 'column4' });
    expect(log.clv).toBe('segmenta clv cdnow_sample.txt --customer column0 --date column2 --amount column4');
    for (const file of CUSTOMER_FILES) expect(orderLogFromTable(run(file).table, file), file).toBeNull();
  });
});
