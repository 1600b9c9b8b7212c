import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromSpreadsheetSafe, spreadsheetSafe } from '../../src/util/spreadsheetCell.js';
import { hasControl, terminalSafe } from '../../src/util/terminalText.js';
import { columnLabel, checkLabels } from '../../src/explain/columnLabels.js';
import { readLabels } from '../../src/explain/readLabels.js';
import { validateModel } from '../../src/model/validateModel.js';
import { MALL, tempDir } from '../helpers.js';
import { runCli } from '../cliInProcess.js';

/*
 * Issue 30: one output guard per medium. Every CSV cell Segmenta writes is neutralized against spreadsheet
 * formulas (and read back as it was); every text printed to a terminal has its control characters escaped;
 * names and labels with control characters are refused where they are given.
 */
const HOSTILE = ['=HYPERLINK("http://x","y")', '+1+2', '@SUM(1)', '-cmd', "'=already", '\t=tab'];

describe('spreadsheetSafe / fromSpreadsheetSafe: the CSV medium', () => {
  it('prefixes formula starters (also behind apostrophes, so the guard undoes exactly) and leaves numbers alone', () => {
    expect(HOSTILE.map(spreadsheetSafe)).toEqual(['\'=HYPERLINK("http://x","y")', "'+1+2", "'@SUM(1)", "'-cmd", "''=already", "'\t=tab"]);
    for (const plain of ['-12.5', '-3e5', 'Average profile', "'quoted", '42']) expect(spreadsheetSafe(plain)).toBe(plain);
    for (const cell of [...HOSTILE, '-12.5', "'quoted", "''=x", '']) expect(fromSpreadsheetSafe(spreadsheetSafe(cell))).toBe(cell);
  });

  it('every CSV a CLI command writes is guarded, and a baseline and drift read the keys back as they were', async () => {
    const dir = tempDir();
    const file = join(dir, 'customers.csv');
    const rows = Array.from({ length: 60 }, (_, i) => {
      const id = i < HOSTILE.length ? HOSTILE[i]! : `c${i}`;
      return `"${id.replaceAll('"', '""')}",${HOSTILE[i % HOSTILE.length]!.includes('"') ? 'plain' : `"${HOSTILE[i % 3]!.replaceAll('"', '""')}"`},${(i * 7) % 23},${(i * 13) % 41}`;
    });
    writeFileSync(file, ['id,tag,spend,visits', ...rows].join('\n') + '\n');
    const out = join(dir, 'run');
    const r = await runCli(['run', file, '--k', '3', '--categories', 'features', '--out', out, '--quiet', '--stability', 'off']);
    expect(r.code, r.stderr).toBe(0);
    const outputs = ['segments.csv', 'pca.csv'].map((f) => readFileSync(join(out, f), 'utf8'));
    const predicted = join(dir, 'scored');
    expect((await runCli(['predict', join(out, 'model.json'), file, '--out', predicted, '--quiet'])).code).toBe(0);
    outputs.push(readFileSync(join(predicted, 'segments.csv'), 'utf8'));
    const again = join(dir, 'again');
    expect((await runCli(['run', file, '--k', '3', '--categories', 'features', '--baseline', out, '--out', again, '--quiet', '--stability', 'off'])).code).toBe(
      0,
    );
    outputs.push(readFileSync(join(again, 'migration.csv'), 'utf8'));
    for (const csv of outputs) for (const cell of csvCells(csv)) expect(cell, cell).not.toMatch(/^[=+@\t-](?!\d)/);
    expect(outputs[0]).toContain('"\'=HYPERLINK(""http://x"",""y"")"');
    // The guard is undone when Segmenta reads its own CSV: every customer of the baseline is found by key.
    const summary = JSON.parse(readFileSync(join(again, 'summary.json'), 'utf8'));
    expect(summary.baseline.shared).toBe(60);
    const drift = await runCli(['drift', out, again, '--json']);
    expect(drift.code, drift.stderr).toBe(0);
    expect(JSON.parse(drift.stdout).customersInBoth).toBe(60);
  });

  it('rfm.csv and clv.csv are guarded too (customer ids from the order log)', async () => {
    const dir = tempDir();
    const log = join(dir, 'orders.csv');
    const lines = ['customer,date,amount'];
    // Ten more ordinary customers: clv fits only with at least ten repeat buyers.
    [...HOSTILE, ...Array.from({ length: 10 }, (_, i) => `plain ${i}`)].forEach((id, c) => {
      for (let d = 1; d <= 4; d++) lines.push(`"${id.replaceAll('"', '""')}",2020-0${d}-${10 + c},${10 + c * d}`);
    });
    writeFileSync(log, lines.join('\n') + '\n');
    const flags = ['--customer', 'customer', '--date', 'date', '--amount', 'amount', '--quiet'];
    expect((await runCli(['rfm', log, ...flags, '--k', '2', '--out', join(dir, 'rfm')])).code).toBe(0);
    expect((await runCli(['clv', log, ...flags, '--out', join(dir, 'clv')])).code).toBe(0);
    for (const f of [join(dir, 'rfm', 'rfm.csv'), join(dir, 'clv', 'clv.csv')])
      for (const cell of csvCells(readFileSync(f, 'utf8'))) expect(cell, `${f}: ${cell}`).not.toMatch(/^[=+@\t-](?!\d)/);
  });
});

describe('terminalSafe: the terminal medium', () => {
  it('escapes C0 and C1 controls, DEL and bidi overrides as \\uNNNN, keeps line feeds and tabs', () => {
    expect(terminalSafe('a\u001b]0;pwned\u0007b\u001b[2J\u009b1m\u202e\tx\ny')).toBe('a\\u001b]0;pwned\\u0007b\\u001b[2J\\u009b1m\\u202e\tx\ny');
    expect(hasControl('plain name')).toBe(false);
    for (const bad of ['a\u001bb', 'tab\there', 'two\nlines', '\u009b']) expect(hasControl(bad), JSON.stringify(bad)).toBe(true);
  });

  it('a run on data with escape sequences in a column name and a category prints them escaped', async () => {
    const dir = tempDir();
    const file = join(dir, 'esc.csv');
    // A few escapes among many rows (a file of mostly control bytes is refused as binary before this).
    const rows = Array.from(
      { length: 400 },
      (_, i) => `${i + 1},${i % 100 === 0 ? 'a\u001b[2J' : i % 100 === 1 ? 'b\u001b]0;title\u0007' : `level ${i % 2}`},${(i * 7) % 23},${(i * 13) % 41}`,
    );
    writeFileSync(file, ['id,"seg\u001b[31mment",spend,visits', ...rows].join('\n') + '\n');
    const r = await runCli(['run', file, '--k', '2', '--categories', 'features', '--out', join(dir, 'out'), '--stability', 'off']);
    expect(r.code, r.stderr).toBe(0);
    for (const c of ['\u001b', '\u0007', '\u009b']) expect(r.stdout).not.toContain(c);
    expect(r.stdout).toContain('\\u001b');
  });
});

describe('names and labels with control characters are refused where they are given', () => {
  it('labels.json: a label, unit or level name with an escape, and own entries only (__proto__, constructor)', () => {
    expect(() => checkLabels({ Age: 'Age\u001b[2J' }, ['Age'], 'labels.json')).toThrow(/the label of "Age" holds a control character/);
    expect(() => checkLabels({ Gender: { levels: { Male: 'M\u009b' } } }, ['Gender'], 'labels.json')).toThrow(/has a level "Male" holding a control character/);
    const labels = checkLabels(JSON.parse('{"Gender": {"levels": {"F": "women"}}}'), ['Gender'], 'labels.json');
    // A level or column named like an object's own properties is looked up, never inherited.
    expect(columnLabel('constructor', labels).label).toBe('Constructor');
    expect(columnLabel('Gender', labels).levels).toEqual({ F: 'women' });
    const { levelName } = { levelName: (l: string) => (Object.hasOwn(labels['Gender'] as object, l) ? l : undefined) };
    expect(levelName('__proto__')).toBeUndefined();
  });

  it('a labels file that is a device, a folder or too large is refused before it is read', async () => {
    expect(() => readLabels('/dev/zero', ['Age'])).toThrow(/--labels \/dev\/zero: not a regular file/);
    expect(() => readLabels(tempDir(), ['Age'])).toThrow(/not a regular file/);
    const r = await runCli(['run', MALL, '--labels', '/dev/zero', '--out', join(tempDir(), 'o')]);
    expect([r.code, r.stderr.trim().split('\n').length]).toEqual([3, 1]);
  });

  it('model.json: a segment name with an escape is refused by name', async () => {
    const dir = join(tempDir(), 'run');
    expect(
      (await runCli(['run', MALL, '--features', 'Annual Income (k$),Spending Score (1-100)', '--k', '3', '--out', dir, '--quiet', '--stability', 'off'])).code,
    ).toBe(0);
    const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    model.segments[1].name = 'VIP\u001b]0;owned\u0007';
    expect(() => validateModel(model, 'model.json')).toThrow(/segments\[1\]\.name holds a control character/);
  });
});

/** Every cell of a CSV text (RFC 4180 quotes undone). */
function csvCells(text: string): string[] {
  const cells: string[] = [];
  let cell = '',
    quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '\n') (cells.push(cell), (cell = ''));
    else cell += ch;
  }
  return cells;
}
